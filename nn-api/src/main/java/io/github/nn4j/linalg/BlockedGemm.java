package io.github.nn4j.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.ejml.data.DMatrixRMaj;

/**
 * The Goto/BLIS blocked product {@code C += alpha * op(A) * op(B)} around a {@link GemmKernel}:
 * <pre>
 * for jc in N step nc:                       // B block kc × nc, packed once per (jc, pc)
 *   for pc in K step kc:
 *     pack op(B)[pc:pc+kc, jc:jc+nc] into NR-wide panels
 *     for ic in M step mc:                   // A block mc × kc, packed (times alpha) into MR-tall panels
 *       pack alpha * op(A)[ic:ic+mc, pc:pc+kc]
 *       for jr in nc step NR:                // B micro-panel stays in L1
 *         for ir in mc step MR:              // A micro-panel streams from L2
 *           kernel: C[ic+ir, jc+jr] (MR × NR) += Ap · Bp
 * </pre>
 * Edge tiles are copied into a full-size scratch tile, updated by the same kernel and copied back,
 * so every element of {@code C} sees exactly the same arithmetic wherever its tile lies.
 *
 * <p>Threads split {@code C} into column (or row) ranges that start on multiples of {@code NR}
 * (or {@code MR}), never {@code K}: each element is still summed in the same order, so the result
 * does not depend on the number of threads, bit for bit.
 *
 * <p>Packing buffers are per thread and reused: no allocation in steady state.
 */
final class BlockedGemm {

    /** Per-thread packing buffers, grown on demand. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private BlockedGemm() {
    }

    /**
     * {@code C += alpha * op(A) * op(B)} (the caller has applied {@code beta} and checked shapes).
     *
     * @param kernel the micro-kernel and blocking
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param alpha the factor of the product
     * @param a the left matrix, not modified
     * @param b the right matrix, not modified
     * @param c the result, modified
     * @param pool the workers for parts beyond the first, or {@code null}
     * @param parts how many ranges of {@code C} to compute in parallel ({@code 1} = this thread only)
     */
    static void multiplyAdd(GemmKernel kernel, boolean transA, boolean transB, double alpha,
                            DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ExecutorService pool, int parts) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transA ? a.numRows : a.numCols;
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        boolean splitColumns = n >= m;
        int unit = splitColumns ? kernel.nr : kernel.mr;
        int extent = splitColumns ? n : m;
        int units = (extent + unit - 1) / unit;
        int p = Math.min(parts, units);
        if (p <= 1 || pool == null) {
            run(kernel, transA, transB, alpha, a, b, c, 0, m, 0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(p - 1);
        int[] bounds = new int[p + 1];
        for (int t = 0; t <= p; t++) {
            bounds[t] = Math.min(extent, (int) ((long) units * t / p) * unit);
        }
        for (int t = 1; t < p; t++) {
            int lo = bounds[t];
            int hi = bounds[t + 1];
            futures.add(pool.submit(() -> runPart(kernel, transA, transB, alpha, a, b, c, splitColumns, lo, hi)));
        }
        runPart(kernel, transA, transB, alpha, a, b, c, splitColumns, bounds[0], bounds[1]);
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("gemm: interrupted while waiting for a worker", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("gemm: a worker failed", e.getCause());
            }
        }
    }

    private static void runPart(GemmKernel kernel, boolean transA, boolean transB, double alpha,
                                DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean splitColumns, int lo, int hi) {
        if (splitColumns) {
            run(kernel, transA, transB, alpha, a, b, c, 0, c.numRows, lo, hi);
        } else {
            run(kernel, transA, transB, alpha, a, b, c, lo, hi, 0, c.numCols);
        }
    }

    /** The blocked loops over {@code C[m0:m1, n0:n1]}; {@code m0 % MR == 0}, {@code n0 % NR == 0}. */
    private static void run(GemmKernel kernel, boolean transA, boolean transB, double alpha,
                            DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, int m0, int m1, int n0, int n1) {
        final int mr = kernel.mr;
        final int nr = kernel.nr;
        final int k = transA ? a.numRows : a.numCols;
        final int ldc = c.numCols;
        final double[] cd = c.data;
        Workspace ws = WORKSPACE.get();
        int kcMax = Math.min(kernel.kc, k);
        double[] packA = ws.packA(kcMax * roundUp(Math.min(kernel.mc, m1 - m0), mr));
        double[] packB = ws.packB(kcMax * roundUp(Math.min(kernel.nc, n1 - n0), nr));
        double[] tile = ws.tile(mr * nr);
        for (int jc = n0; jc < n1; jc += kernel.nc) {
            int nb = Math.min(kernel.nc, n1 - jc);
            for (int pc = 0; pc < k; pc += kernel.kc) {
                int kb = Math.min(kernel.kc, k - pc);
                packB(transB, b, pc, kb, jc, nb, nr, packB);
                for (int ic = m0; ic < m1; ic += kernel.mc) {
                    int mb = Math.min(kernel.mc, m1 - ic);
                    packA(transA, a, alpha, ic, mb, pc, kb, mr, packA);
                    for (int jr = 0; jr < nb; jr += nr) {
                        int nw = Math.min(nr, nb - jr);
                        int bOff = jr * kb;
                        for (int ir = 0; ir < mb; ir += mr) {
                            int mh = Math.min(mr, mb - ir);
                            int aOff = ir * kb;
                            int cOff = (ic + ir) * ldc + jc + jr;
                            if (mh == mr && nw == nr) {
                                kernel.multiplyAdd(kb, packA, aOff, packB, bOff, cd, cOff, ldc);
                            } else {
                                for (int i = 0; i < mh; i++) {
                                    System.arraycopy(cd, cOff + i * ldc, tile, i * nr, nw);
                                }
                                kernel.multiplyAdd(kb, packA, aOff, packB, bOff, tile, 0, nr);
                                for (int i = 0; i < mh; i++) {
                                    System.arraycopy(tile, i * nr, cd, cOff + i * ldc, nw);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs {@code alpha * op(A)[i0:i0+mb, p0:p0+kb]} into {@code MR}-tall panels,
     * {@code dst[(i / MR) * MR * kb + p * MR + i % MR]}, zero-padding the last panel.
     */
    private static void packA(boolean transA, DMatrixRMaj a, double alpha, int i0, int mb, int p0, int kb,
                              int mr, double[] dst) {
        final double[] src = a.data;
        final int lda = a.numCols;
        for (int ir = 0; ir < mb; ir += mr) {
            int mh = Math.min(mr, mb - ir);
            int base = ir * kb;
            if (transA) {
                // op(A)[i][p] = A[p][i]: for each p the MR values are contiguous in A's row p
                for (int p = 0; p < kb; p++) {
                    int s = (p0 + p) * lda + i0 + ir;
                    int d = base + p * mr;
                    for (int i = 0; i < mh; i++) {
                        dst[d + i] = alpha * src[s + i];
                    }
                    for (int i = mh; i < mr; i++) {
                        dst[d + i] = 0.0;
                    }
                }
            } else {
                // op(A)[i][p] = A[i][p]: read each row contiguously, write with stride MR
                for (int i = 0; i < mh; i++) {
                    int s = (i0 + ir + i) * lda + p0;
                    int d = base + i;
                    for (int p = 0; p < kb; p++) {
                        dst[d + p * mr] = alpha * src[s + p];
                    }
                }
                for (int i = mh; i < mr; i++) {
                    int d = base + i;
                    for (int p = 0; p < kb; p++) {
                        dst[d + p * mr] = 0.0;
                    }
                }
            }
        }
    }

    /**
     * Packs {@code op(B)[p0:p0+kb, j0:j0+nb]} into {@code NR}-wide panels,
     * {@code dst[(j / NR) * NR * kb + p * NR + j % NR]}, zero-padding the last panel.
     */
    private static void packB(boolean transB, DMatrixRMaj b, int p0, int kb, int j0, int nb, int nr, double[] dst) {
        final double[] src = b.data;
        final int ldb = b.numCols;
        for (int jr = 0; jr < nb; jr += nr) {
            int nw = Math.min(nr, nb - jr);
            int base = jr * kb;
            if (transB) {
                // op(B)[p][j] = B[j][p]: read each row of B contiguously, write with stride NR
                for (int j = 0; j < nw; j++) {
                    int s = (j0 + jr + j) * ldb + p0;
                    int d = base + j;
                    for (int p = 0; p < kb; p++) {
                        dst[d + p * nr] = src[s + p];
                    }
                }
                for (int j = nw; j < nr; j++) {
                    int d = base + j;
                    for (int p = 0; p < kb; p++) {
                        dst[d + p * nr] = 0.0;
                    }
                }
            } else {
                // op(B)[p][j] = B[p][j]: NR contiguous values per p
                for (int p = 0; p < kb; p++) {
                    int s = (p0 + p) * ldb + j0 + jr;
                    int d = base + p * nr;
                    System.arraycopy(src, s, dst, d, nw);
                    for (int j = nw; j < nr; j++) {
                        dst[d + j] = 0.0;
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    /** One thread's packing buffers. */
    private static final class Workspace {
        private double[] a = new double[0];
        private double[] b = new double[0];
        private double[] t = new double[0];

        double[] packA(int size) {
            if (a.length < size) {
                a = new double[size];
            }
            return a;
        }

        double[] packB(int size) {
            if (b.length < size) {
                b = new double[size];
            }
            return b;
        }

        double[] tile(int size) {
            if (t.length < size) {
                t = new double[size];
            }
            return t;
        }
    }
}
