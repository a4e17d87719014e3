package io.github.nn4j.linalg;

/**
 * The scalar micro-kernel, written so that C2's superword pass vectorises it: a 4-row tile of
 * {@code C} is updated with four rank-1 updates per pass ({@code p} unrolled by 4) in one plain
 * loop over the tile's {@code NR} columns, with {@link Math#fma} (which C2 turns into vector FMA).
 * Per vector of columns it does 16 FMAs for 4 loads of B and 4 loads and stores of C, all in L1.
 *
 * <p>Used when the {@code jdk.incubator.vector} module is not in the boot layer.
 */
final class PortableGemmKernel extends GemmKernel {

    private static final int MR = 4;

    /** The tuned blocking (see the measurements in {@link Gemm}). */
    PortableGemmKernel() {
        this(64, 128, 256, 1024);
    }

    /**
     * A kernel with explicit blocking (tests and tuning).
     *
     * @param nr tile width
     * @param kc panel depth
     * @param mc rows of a packed A block, a multiple of 4
     * @param nc columns of a packed B block, a multiple of {@code nr}
     */
    PortableGemmKernel(int nr, int kc, int mc, int nc) {
        super(MR, nr, kc, mc, nc);
    }

    @Override
    void multiplyAdd(int k, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc) {
        final int nr = this.nr;
        final int c0 = cOff;
        final int c1 = c0 + ldc;
        final int c2 = c1 + ldc;
        final int c3 = c2 + ldc;
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            int a = aOff + p * MR;
            int b0 = bOff + p * nr;
            rank4(ap[a], ap[a + 4], ap[a + 8], ap[a + 12], bp, b0, nr, c, c0);
            rank4(ap[a + 1], ap[a + 5], ap[a + 9], ap[a + 13], bp, b0, nr, c, c1);
            rank4(ap[a + 2], ap[a + 6], ap[a + 10], ap[a + 14], bp, b0, nr, c, c2);
            rank4(ap[a + 3], ap[a + 7], ap[a + 11], ap[a + 15], bp, b0, nr, c, c3);
        }
        for (; p < k; p++) {
            int a = aOff + p * MR;
            int b0 = bOff + p * nr;
            rank1(ap[a], bp, b0, nr, c, c0);
            rank1(ap[a + 1], bp, b0, nr, c, c1);
            rank1(ap[a + 2], bp, b0, nr, c, c2);
            rank1(ap[a + 3], bp, b0, nr, c, c3);
        }
    }

    /** {@code c[ci + j] += a0 b[p][j] + a1 b[p+1][j] + a2 b[p+2][j] + a3 b[p+3][j]} for {@code j < nr}. */
    private static void rank4(double a0, double a1, double a2, double a3, double[] b, int b0, int nr,
                              double[] c, int ci) {
        int b1 = b0 + nr;
        int b2 = b1 + nr;
        int b3 = b2 + nr;
        for (int j = 0; j < nr; j++) {
            c[ci + j] = Math.fma(a3, b[b3 + j], Math.fma(a2, b[b2 + j], Math.fma(a1, b[b1 + j],
                    Math.fma(a0, b[b0 + j], c[ci + j]))));
        }
    }

    /** {@code c[ci + j] += a0 b[p][j]} for {@code j < nr}. */
    private static void rank1(double a0, double[] b, int b0, int nr, double[] c, int ci) {
        for (int j = 0; j < nr; j++) {
            c[ci + j] = Math.fma(a0, b[b0 + j], c[ci + j]);
        }
    }
}
