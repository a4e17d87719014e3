package io.github.nn4j.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The portable kernel: plain Java loops shaped so that C2's superword pass turns them into vector
 * FMAs. Used when the {@code jdk.incubator.vector} module is not in the boot layer.
 *
 * <p>C2 (Java 17) vectorises {@code c[j] = fma(a, b[j], c[j])} reliably only when every array is
 * indexed from 0 by the loop variable, so the kernel works on zero-offset row arrays: for each
 * {@code nc}-wide column block and {@code kc}-deep slice of {@code K} it copies {@code op(B)} into
 * {@code kc} row arrays, then for each group of 4 rows of {@code C} copies those rows into scratch
 * arrays and applies rank-4 updates
 * <pre>
 * c[j] = fma(a3, b3[j], fma(a2, b2[j], fma(a1, b1[j], fma(a0, b0[j], c[j]))))   for j &lt; nb
 * </pre>
 * (4 FMAs per 4 loads of B and one load and store of C, all in L1), then copies the rows back.
 * {@code A} is read in place ({@code alpha * A[i][p]} scalars).
 *
 * <p>Each element's sum over {@code k} runs in the same order (slices of {@code kc}, groups of 4,
 * then single steps) whatever rows and columns a call covers, so any split of {@code C} gives the
 * same bits ({@code rowUnit = colUnit = 1}).
 */
final class PortableGemmKernel extends GemmKernel {

    /** Rows of {@code C} updated together, sharing each group of B rows from L1. */
    private static final int MR = 4;
    /**
     * EJML wins on thinner products: this kernel needs {@code m >= 4}, {@code n >= 16} and
     * {@code k >= 4} (measured by {@code GemmThresholdSweep}: 1.4–8× EJML there; at {@code m = 2},
     * {@code n = 8} or {@code k = 2} it loses on some forms, as the vectorised loop over {@code n}
     * is too short or a rank-4 group never fills).
     */
    private static final int MIN_ROWS = 4;
    private static final int MIN_COLS = 16;
    private static final int MIN_DEPTH = 4;

    /** Depth of a slice of {@code K}. */
    final int kc;
    /** Width of a column block (the trip count of the vectorised loop). */
    final int nc;
    private final ThreadLocal<Workspace> workspace;

    /**
     * The tuned blocking: {@code kc = 128}, {@code nc = 512} (4 B rows and 4 C rows of 4 KiB each
     * stay in L1, packed B 512 KiB in L2). Other choices between 64 and 256 for {@code kc} and 256
     * and 1024 for {@code nc} measured within the noise; {@code nc = 64} loses (the vectorised loop
     * is too short).
     */
    PortableGemmKernel() {
        this(128, 512);
    }

    /**
     * A kernel with explicit blocking (tests and tuning).
     *
     * @param kc depth of a slice of {@code K}
     * @param nc width of a column block
     */
    PortableGemmKernel(int kc, int nc) {
        super(1, 1, MIN_ROWS, MIN_COLS, MIN_DEPTH);
        if (kc < 1 || nc < 1) {
            throw new IllegalArgumentException("PortableGemmKernel: bad blocking kc=" + kc + " nc=" + nc);
        }
        this.kc = kc;
        this.nc = nc;
        this.workspace = ThreadLocal.withInitial(Workspace::new);
    }

    @Override
    void multiplyAdd(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
                     int m0, int m1, int n0, int n1) {
        final int k = transA ? a.numRows : a.numCols;
        final double[] ad = a.data;
        final int lda = a.numCols;
        final double[] cd = c.data;
        final int ldc = c.numCols;
        Workspace ws = workspace.get();
        double[][] bRows = ws.bRows(Math.min(kc, k), Math.min(nc, n1 - n0));
        double[][] cRows = ws.cRows(Math.min(nc, n1 - n0));
        for (int jc = n0; jc < n1; jc += nc) {
            int nb = Math.min(nc, n1 - jc);
            for (int pc = 0; pc < k; pc += kc) {
                int kb = Math.min(kc, k - pc);
                packB(transB, b, pc, kb, jc, nb, bRows);
                for (int i0 = m0; i0 < m1; i0 += MR) {
                    int mh = Math.min(MR, m1 - i0);
                    for (int r = 0; r < mh; r++) {
                        System.arraycopy(cd, (i0 + r) * ldc + jc, cRows[r], 0, nb);
                    }
                    int p = 0;
                    for (; p + 4 <= kb; p += 4) {
                        for (int r = 0; r < mh; r++) {
                            int i = i0 + r;
                            int q = pc + p;
                            double a0;
                            double a1;
                            double a2;
                            double a3;
                            if (transA) {
                                a0 = ad[q * lda + i];
                                a1 = ad[(q + 1) * lda + i];
                                a2 = ad[(q + 2) * lda + i];
                                a3 = ad[(q + 3) * lda + i];
                            } else {
                                a0 = ad[i * lda + q];
                                a1 = ad[i * lda + q + 1];
                                a2 = ad[i * lda + q + 2];
                                a3 = ad[i * lda + q + 3];
                            }
                            rank4(alpha * a0, alpha * a1, alpha * a2, alpha * a3,
                                    bRows[p], bRows[p + 1], bRows[p + 2], bRows[p + 3], nb, cRows[r]);
                        }
                    }
                    for (; p < kb; p++) {
                        for (int r = 0; r < mh; r++) {
                            int i = i0 + r;
                            int q = pc + p;
                            double a0 = transA ? ad[q * lda + i] : ad[i * lda + q];
                            rank1(alpha * a0, bRows[p], nb, cRows[r]);
                        }
                    }
                    for (int r = 0; r < mh; r++) {
                        System.arraycopy(cRows[r], 0, cd, (i0 + r) * ldc + jc, nb);
                    }
                }
            }
        }
    }

    /** {@code c[j] += a0 b0[j] + a1 b1[j] + a2 b2[j] + a3 b3[j]} (fused, in that order), {@code j < n}. */
    private static void rank4(double a0, double a1, double a2, double a3, double[] b0, double[] b1, double[] b2,
                              double[] b3, int n, double[] c) {
        for (int j = 0; j < n; j++) {
            c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
        }
    }

    /** {@code c[j] += a0 b0[j]} (fused), {@code j < n}. */
    private static void rank1(double a0, double[] b0, int n, double[] c) {
        for (int j = 0; j < n; j++) {
            c[j] = Math.fma(a0, b0[j], c[j]);
        }
    }

    /** Copies {@code op(B)[p0:p0+kb, j0:j0+nb]} into {@code rows[p][0:nb]}. */
    private static void packB(boolean transB, DMatrixRMaj b, int p0, int kb, int j0, int nb, double[][] rows) {
        final double[] src = b.data;
        final int ldb = b.numCols;
        if (transB) {
            // op(B)[p][j] = B[j][p]: read rows of B contiguously
            for (int j = 0; j < nb; j++) {
                int s = (j0 + j) * ldb + p0;
                for (int p = 0; p < kb; p++) {
                    rows[p][j] = src[s + p];
                }
            }
        } else {
            for (int p = 0; p < kb; p++) {
                System.arraycopy(src, (p0 + p) * ldb + j0, rows[p], 0, nb);
            }
        }
    }

    @Override
    int[] blockSizes() {
        return new int[] {MR, kc, nc};
    }

    @Override
    public String toString() {
        return "PortableGemmKernel(rows=" + MR + ", kc=" + kc + ", nc=" + nc + ")";
    }

    /** One thread's row buffers, grown on demand. */
    private static final class Workspace {
        private double[][] b = new double[0][0];
        private final double[][] c = new double[MR][0];

        double[][] bRows(int rows, int width) {
            if (b.length < rows || b[0].length < width) {
                b = new double[Math.max(rows, b.length)][Math.max(width, b.length == 0 ? 0 : b[0].length)];
            }
            return b;
        }

        double[][] cRows(int width) {
            if (c[0].length < width) {
                for (int r = 0; r < MR; r++) {
                    c[r] = new double[width];
                }
            }
            return c;
        }
    }
}
