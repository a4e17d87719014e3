package io.github.nn4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;

/** Test helpers: random matrices (with spare storage) and the plain triple-loop reference product. */
final class GemmReference {

    private GemmReference() {
    }

    /**
     * A random {@code rows × cols} matrix whose {@code data} is longer than {@code rows * cols},
     * with the spare tail filled with NaN (which no product may read).
     */
    static DMatrixRMaj random(int rows, int cols, Random rnd) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        m.data = new double[rows * cols + 1 + rnd.nextInt(5)];
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = i < rows * cols ? rnd.nextDouble() * 4 - 2 : Double.NaN;
        }
        return m;
    }

    /**
     * Shapes {@code {m, n, k}} of the thread tests: each large enough to be split over threads
     * ({@link Gemm#MIN_THREADED_VOLUME}, asserted, so the tests cannot stop testing threads when the
     * bound moves), with edge tiles in both directions.
     */
    static int[][] threadedShapes() {
        int[][] shapes = {{96, 1040, 300}, {1030, 70, 260}, {200, 200, 530}};
        for (int[] s : shapes) {
            assertTrue((long) s[0] * s[1] * s[2] >= Gemm.MIN_THREADED_VOLUME, "too small to be split: " + Arrays.toString(s));
        }
        return shapes;
    }

    /** A copy that keeps the whole {@code data} array, spare tail included. */
    static DMatrixRMaj copyOf(DMatrixRMaj x) {
        DMatrixRMaj y = new DMatrixRMaj(x.numRows, x.numCols);
        y.data = x.data.clone();
        return y;
    }

    /** {@code op(X)[i][j]}. */
    static double at(DMatrixRMaj x, boolean trans, int i, int j) {
        return trans ? x.data[j * x.numCols + i] : x.data[i * x.numCols + j];
    }

    /**
     * Asserts {@code got == alpha * op(A) * op(B) + beta * c0} entry by entry, to {@code 1e-12}
     * (float64)
     * relative to {@code |alpha| * sum_p |op(A)[i][p] op(B)[p][j]| + |beta * c0[i][j]|}, and that
     * the spare storage of {@code got} is untouched.
     */
    static void assertProduct(String what, boolean transA, boolean transB, double alpha, DMatrixRMaj a,
                              DMatrixRMaj b, double beta, DMatrixRMaj c0, DMatrixRMaj got) {
        assertProduct(what, transA, transB, alpha, a, b, beta, c0, got, 1e-12);
    }

    /**
     * The error bound of a {@link Precision#FLOAT32} product with inner dimension {@code k},
     * relative to {@code sum_p |alpha op(A)[i][p] op(B)[p][j]|}: each operand rounded to float
     * (2 units of 2^-24 in a product), then one rounding per fused multiply-add of a panel's at
     * most {@code min(k, 512)} terms (the kernels' {@code kc <= 512}), the panels' sums added in
     * double; 3 units more for alpha's rounding and the double additions.
     */
    static double float32Tolerance(int k) {
        return (Math.min(k, 512) + 5) * 0x1p-24;
    }

    /** As {@link #assertProduct(String, boolean, boolean, double, DMatrixRMaj, DMatrixRMaj, double, DMatrixRMaj, DMatrixRMaj)} to {@code tol}. */
    static void assertProduct(String what, boolean transA, boolean transB, double alpha, DMatrixRMaj a,
                              DMatrixRMaj b, double beta, DMatrixRMaj c0, DMatrixRMaj got, double tol) {
        int m = got.numRows;
        int n = got.numCols;
        int k = transA ? a.numRows : a.numCols;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double mag = 0;
                for (int p = 0; p < k; p++) {
                    double t = at(a, transA, i, p) * at(b, transB, p, j);
                    sum += t;
                    mag += Math.abs(t);
                }
                double old = beta == 0.0 ? 0.0 : beta * c0.data[i * n + j];
                double expected = alpha * sum + old;
                double scale = Math.abs(alpha) * mag + Math.abs(old);
                double actual = got.data[i * n + j];
                if (!(Math.abs(actual - expected) <= tol * scale + Double.MIN_NORMAL)) {
                    fail(what + ": C[" + i + "][" + j + "] = " + actual + ", expected " + expected + " (m=" + m
                            + " n=" + n + " k=" + k + " transA=" + transA + " transB=" + transB + " alpha=" + alpha
                            + " beta=" + beta + ")");
                }
            }
        }
        for (int i = m * n; i < got.data.length; i++) {
            assertEquals(c0.data[i], got.data[i], what + ": spare storage of C was written at " + i);
        }
    }
}
