package io.github.nn4j.linalg;

/**
 * A cache-blocked algorithm for {@code C[m0:m1, n0:n1] += alpha * op(A) * op(B)} over a range of
 * {@code C}, and the shapes where it beats EJML. {@link BlockedGemm} splits {@code C} into such
 * ranges for threads; two implementations exist:
 * <ul>
 *   <li>{@link PackedGemmKernel} / {@code VectorGemmKernel}: Goto/BLIS packing with a Vector API
 *       register-blocked micro-kernel;</li>
 *   <li>{@link PortableGemmKernel}: plain Java loops that C2's superword pass vectorises.</li>
 * </ul>
 *
 * <p>Determinism contract: the arithmetic that produces an element of {@code C} (the order of its
 * sum over {@code k}) must not depend on the range it is computed in, provided ranges start on
 * multiples of {@link #rowUnit} rows and {@link #colUnit} columns. Then results do not depend on
 * the number of threads.
 */
abstract class GemmKernel {

    /** Row ranges must start on multiples of this. */
    final int rowUnit;
    /** Column ranges must start on multiples of this. */
    final int colUnit;
    /** Smallest {@code m} (rows of {@code C}) at which this kernel beats EJML (measured). */
    final int minRows;
    /** Smallest {@code n} (columns of {@code C}) at which this kernel beats EJML (measured). */
    final int minCols;
    /** Smallest {@code k} at which this kernel beats EJML (measured). */
    final int minDepth;

    GemmKernel(int rowUnit, int colUnit, int minRows, int minCols, int minDepth) {
        this.rowUnit = rowUnit;
        this.colUnit = colUnit;
        this.minRows = minRows;
        this.minCols = minCols;
        this.minDepth = minDepth;
    }

    /**
     * {@code C[m0:m1, n0:n1] += alpha * op(A)[m0:m1, :] * op(B)[:, n0:n1]}, on the calling thread.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param alpha the factor of the product
     * @param a the left matrix, not modified
     * @param b the right matrix, not modified
     * @param c the result, modified in the range only
     * @param m0 first row, a multiple of {@link #rowUnit}
     * @param m1 end row (exclusive)
     * @param n0 first column, a multiple of {@link #colUnit}
     * @param n1 end column (exclusive)
     */
    abstract void multiplyAdd(boolean transA, boolean transB, double alpha, org.ejml.data.DMatrixRMaj a,
                              org.ejml.data.DMatrixRMaj b, org.ejml.data.DMatrixRMaj c, int m0, int m1, int n0, int n1);

    /**
     * The block sizes of this kernel, so that tests can probe shapes just around each of them.
     *
     * @return every size at which a loop of this kernel changes behaviour
     */
    abstract int[] blockSizes();

    /**
     * Whether this kernel beats EJML for {@code C (m × n) += op(A) op(B)} with inner dimension
     * {@code k}: {@code m >= minRows}, {@code n >= minCols} and {@code k >= minDepth}.
     *
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @return {@code true} to use this kernel
     */
    boolean beatsEjml(int m, int n, int k) {
        if (m >= minRows && n >= minCols && k >= minDepth) {
            return true;
        }
        // one side of 5-7 (below the measured minimum; SmallGemm takes 4 and less) still wins when
        // the other two are large: the partial tile wastes at most 3/8 of a kernel 4-8x EJML's
        // speed (LeNet's 6-plane convolution: 6x2352x25 at 6.2 GF/s on EJML)
        int thin = Math.min(m, n);
        return thin >= THIN_SIDE && k >= minDepth && (long) m * n * k >= THIN_VOLUME;
    }

    /** Smallest {@code min(m, n)} of a large thin product sent to the blocked kernel. */
    static final int THIN_SIDE = 5;
    /** Smallest {@code m·n·k} of such a product ({@code 2^16}). */
    static final long THIN_VOLUME = 1L << 16;
}
