package io.github.nn4j.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The one matrix-product facade every layer multiplies through:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or its transpose
 * (BLAS {@code dgemm} on EJML row-major matrices).
 *
 * <p>Only {@code C} is modified. {@code beta == 0} overwrites {@code C} (its old contents, even
 * NaN, are ignored); {@code beta == 1} accumulates into it, which {@code accGradParameters}
 * needs. {@code C} must already have the result's shape and must not share storage with
 * {@code A} or {@code B}.
 *
 * <p>The kernel behind this facade can change (EJML's today) without touching any layer.
 */
public final class Gemm {

    private Gemm() {
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param alpha the factor of the product
     * @param a the left matrix, not modified
     * @param b the right matrix, not modified
     * @param beta the factor of the old {@code C}
     * @param c the result, modified; shape {@code rows(op(A)) × cols(op(B))}
     * @throws IllegalArgumentException on mismatched shapes or when {@code C} aliases an operand
     */
    public static void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                            double beta, DMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (k != kb || c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("gemm: op(A) is " + m + "x" + k + ", op(B) is " + kb + "x" + n
                    + ", C is " + c.numRows + "x" + c.numCols);
        }
        if (c.data == a.data || c.data == b.data) {
            throw new IllegalArgumentException("gemm: C must not share storage with A or B");
        }
        if (k == 0) {
            scale(beta, c);
            return;
        }
        if (beta == 0.0) {
            if (!transA && !transB) {
                CommonOps_DDRM.mult(alpha, a, b, c);
            } else if (transA && !transB) {
                CommonOps_DDRM.multTransA(alpha, a, b, c);
            } else if (!transA) {
                CommonOps_DDRM.multTransB(alpha, a, b, c);
            } else {
                CommonOps_DDRM.multTransAB(alpha, a, b, c);
            }
            return;
        }
        if (beta != 1.0) {
            scale(beta, c);
        }
        if (!transA && !transB) {
            CommonOps_DDRM.multAdd(alpha, a, b, c);
        } else if (transA && !transB) {
            CommonOps_DDRM.multAddTransA(alpha, a, b, c);
        } else if (!transA) {
            CommonOps_DDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
        }
    }

    private static void scale(double beta, DMatrixRMaj c) {
        int n = c.numRows * c.numCols;
        double[] d = c.data;
        if (beta == 0.0) {
            java.util.Arrays.fill(d, 0, n, 0.0);
        } else {
            for (int i = 0; i < n; i++) {
                d[i] *= beta;
            }
        }
    }
}
