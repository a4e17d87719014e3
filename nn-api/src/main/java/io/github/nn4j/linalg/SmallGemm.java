package io.github.nn4j.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Plain loops for thin products, where neither EJML nor the blocked kernels are efficient: one of
 * {@code m}, {@code n} at most {@link #SMALL} and the other at least {@link #WIDE}, or (not for
 * {@code Aᵀ·B}) {@code k} at most {@link #TINY_K} with {@code n} at least {@link #WIDE}. Forms
 * {@code A·B}, {@code A·Bᵀ} and {@code Aᵀ·B}; {@code Aᵀ·Bᵀ} is not handled here.
 *
 * <p>Each case orders its loops so that the innermost one is contiguous and independent:
 * <ul>
 *   <li>{@code A·B} with small {@code n} and {@code A·Bᵀ} with small {@code m} or {@code n}
 *       ({@code op(B)} columns few): register-blocked dot products, 4 rows × 2 columns of
 *       {@code C} with 8 independent scalar accumulators;</li>
 *   <li>{@code A·B} otherwise (small {@code m} or {@code k}): {@code C[i,:] += A[i,p]·B[p,:]}, a
 *       contiguous loop that C2 vectorises;</li>
 *   <li>{@code A·Bᵀ} with tiny {@code k}: {@code B} is first transposed into per-thread rows
 *       ({@code k × n}), then as {@code A·B};</li>
 *   <li>{@code Aᵀ·B} with small {@code m}: {@code C[i,:] += A[p,i]·B[p,:]} for each {@code p};
 *       (with tiny {@code k} only when {@code m} or {@code n} is small too);</li>
 *   <li>{@code Aᵀ·B} with small {@code n}: {@code Cᵀ} is accumulated in a per-thread scratch
 *       ({@code Cᵀ[j,:] += B[p,j]·A[p,:]}, contiguous) and then written into {@code C}.</li>
 * </ul>
 * The inner loops run on zero-offset per-thread row buffers (C2 vectorises only those: with
 * offsets into two arrays it cannot rule out overlap), which grow on demand and are reused (no
 * allocation in steady state). Results depend on the shape only, never on the thread count.
 */
final class SmallGemm {

    /** The largest {@code m} or {@code n} that counts as small (measured, see docs/gemm.md). */
    static final int SMALL = 4;
    /**
     * The other dimension must be at least this wide: below it (e.g. {@code 5x5x3},
     * {@code 1x3x300 Aᵀ·B}) copying rows and short loops lost to EJML (0.2-0.7, measured).
     */
    static final int WIDE = 16;
    /** The largest {@code k} that counts as tiny (measured, see docs/gemm.md). */
    static final int TINY_K = 4;

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private SmallGemm() {
    }

    /**
     * Whether this path takes the product.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @return {@code true} when {@link #multiply} handles it
     */
    static boolean accepts(boolean transA, boolean transB, int m, int n, int k) {
        boolean thinRows = m <= SMALL && n >= WIDE;
        boolean thinCols = n <= SMALL && m >= WIDE;
        if (transA && transB) {
            return false;
        }
        if (transA) {
            return thinRows || thinCols;
        }
        return thinRows || thinCols || (k <= TINY_K && n >= WIDE);
    }

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C} for a shape {@link #accepts} took; {@code k > 0},
     * {@code alpha != 0}, shapes checked by the caller. {@code beta == 0} ignores the old {@code C}.
     */
    static void multiply(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                         double beta, DMatrixRMaj c, int m, int n, int k) {
        double[] ad = a.data;
        double[] bd = b.data;
        double[] cd = c.data;
        if (!transA && !transB) {
            if (n <= SMALL && m >= WIDE) {
                dots(m, n, k, alpha, ad, bd, 1, n, beta, cd);
            } else {
                Workspace ws = WORKSPACE.get();
                double[][] br = ws.rows(k, n);
                for (int p = 0; p < k; p++) {
                    System.arraycopy(bd, p * n, br[p], 0, n);
                }
                rows(m, n, k, alpha, ad, br, beta, cd, ws.line(n));
            }
        } else if (!transA) {
            if ((m <= SMALL && n >= WIDE) || (n <= SMALL && m >= WIDE)) {
                dots(m, n, k, alpha, ad, bd, k, 1, beta, cd);
            } else {
                // tiny k: op(B) = Bᵀ (k × n) into scratch, then rows of C as for A·B
                Workspace ws = WORKSPACE.get();
                double[][] br = ws.rows(k, n);
                for (int j = 0; j < n; j++) {
                    int s = j * k;
                    for (int p = 0; p < k; p++) {
                        br[p][j] = bd[s + p];
                    }
                }
                rows(m, n, k, alpha, ad, br, beta, cd, ws.line(n));
            }
        } else if (n <= SMALL && m >= WIDE) {
            transposedAccumulate(m, n, k, alpha, ad, bd, beta, cd);
        } else {
            // m <= SMALL: few rows of C, each in its own zero-offset buffer; B's row p copied to one too
            Workspace ws = WORKSPACE.get();
            double[][] cr = ws.rows(m, n);
            double[] line = ws.line(n);
            for (int i = 0; i < m; i++) {
                loadRow(cd, i * n, beta, cr[i], n);
            }
            for (int p = 0; p < k; p++) {
                System.arraycopy(bd, p * n, line, 0, n);
                int ap = p * m;
                for (int i = 0; i < m; i++) {
                    axpy(alpha * ad[ap + i], line, cr[i], n);
                }
            }
            for (int i = 0; i < m; i++) {
                System.arraycopy(cr[i], 0, cd, i * n, n);
            }
        }
    }

    /**
     * {@code dst[j] += x·src[j]} (fused), {@code j < n}: both arrays at offset 0, the form C2
     * vectorises (with offsets it cannot rule out overlap and stays scalar; measured 2.6× slower).
     */
    private static void axpy(double x, double[] src, double[] dst, int n) {
        for (int j = 0; j < n; j++) {
            dst[j] = Math.fma(x, src[j], dst[j]);
        }
    }

    /** {@code row = beta·C[off, off+n)}, or zeros when {@code beta == 0} (old C ignored). */
    private static void loadRow(double[] c, int off, double beta, double[] row, int n) {
        if (beta == 0.0) {
            java.util.Arrays.fill(row, 0, n, 0.0);
        } else {
            System.arraycopy(c, off, row, 0, n);
            if (beta != 1.0) {
                for (int j = 0; j < n; j++) {
                    row[j] *= beta;
                }
            }
        }
    }

    /**
     * {@code C = alpha·A·op(B) + beta·C} by dot products, {@code A} row-major {@code m × k} and
     * {@code op(B)[p][j] = b[j*bj + p*bp]}.
     */
    private static void dots(int m, int n, int k, double alpha, double[] a, double[] b, int bj, int bp,
                             double beta, double[] c) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            int j = 0;
            for (; j + 2 <= n; j += 2) {
                int b0 = j * bj;
                int b1 = b0 + bj;
                double s00 = 0;
                double s01 = 0;
                double s10 = 0;
                double s11 = 0;
                double s20 = 0;
                double s21 = 0;
                double s30 = 0;
                double s31 = 0;
                for (int p = 0; p < k; p++) {
                    double x0 = b[b0 + p * bp];
                    double x1 = b[b1 + p * bp];
                    double y0 = a[a0 + p];
                    double y1 = a[a1 + p];
                    double y2 = a[a2 + p];
                    double y3 = a[a3 + p];
                    s00 = Math.fma(y0, x0, s00);
                    s01 = Math.fma(y0, x1, s01);
                    s10 = Math.fma(y1, x0, s10);
                    s11 = Math.fma(y1, x1, s11);
                    s20 = Math.fma(y2, x0, s20);
                    s21 = Math.fma(y2, x1, s21);
                    s30 = Math.fma(y3, x0, s30);
                    s31 = Math.fma(y3, x1, s31);
                }
                int c0 = i * n + j;
                store(c, c0, alpha, s00, beta);
                store(c, c0 + 1, alpha, s01, beta);
                store(c, c0 + n, alpha, s10, beta);
                store(c, c0 + n + 1, alpha, s11, beta);
                store(c, c0 + 2 * n, alpha, s20, beta);
                store(c, c0 + 2 * n + 1, alpha, s21, beta);
                store(c, c0 + 3 * n, alpha, s30, beta);
                store(c, c0 + 3 * n + 1, alpha, s31, beta);
            }
            for (; j < n; j++) {
                int b0 = j * bj;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double x0 = b[b0 + p * bp];
                    s0 = Math.fma(a[a0 + p], x0, s0);
                    s1 = Math.fma(a[a1 + p], x0, s1);
                    s2 = Math.fma(a[a2 + p], x0, s2);
                    s3 = Math.fma(a[a3 + p], x0, s3);
                }
                int c0 = i * n + j;
                store(c, c0, alpha, s0, beta);
                store(c, c0 + n, alpha, s1, beta);
                store(c, c0 + 2 * n, alpha, s2, beta);
                store(c, c0 + 3 * n, alpha, s3, beta);
            }
        }
        for (; i < m; i++) {
            int a0 = i * k;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int b0 = j * bj;
                int b1 = b0 + bj;
                int b2 = b1 + bj;
                int b3 = b2 + bj;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (int p = 0; p < k; p++) {
                    double y = a[a0 + p];
                    int q = p * bp;
                    s0 = Math.fma(y, b[b0 + q], s0);
                    s1 = Math.fma(y, b[b1 + q], s1);
                    s2 = Math.fma(y, b[b2 + q], s2);
                    s3 = Math.fma(y, b[b3 + q], s3);
                }
                int c0 = i * n + j;
                store(c, c0, alpha, s0, beta);
                store(c, c0 + 1, alpha, s1, beta);
                store(c, c0 + 2, alpha, s2, beta);
                store(c, c0 + 3, alpha, s3, beta);
            }
            for (; j < n; j++) {
                int b0 = j * bj;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[a0 + p], b[b0 + p * bp], s);
                }
                store(c, i * n + j, alpha, s, beta);
            }
        }
    }

    /** {@code C[i] = alpha·s + beta·C[i]}, ignoring the old value when {@code beta == 0}. */
    private static void store(double[] c, int idx, double alpha, double s, double beta) {
        double v = alpha * s;
        if (beta == 0.0) {
            c[idx] = v;
        } else if (beta == 1.0) {
            c[idx] += v;
        } else {
            c[idx] = Math.fma(beta, c[idx], v);
        }
    }

    /**
     * {@code C = alpha·A·B + beta·C}, row by row: {@code C[i,:] += alpha·A[i,p]·B[p,:]}, on
     * zero-offset copies of {@code B}'s rows ({@code bRows}, {@code k × n}) and of the row of C.
     */
    private static void rows(int m, int n, int k, double alpha, double[] a, double[][] bRows, double beta,
                             double[] c, double[] crow) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            int ai = i * k;
            loadRow(c, ci, beta, crow, n);
            for (int p = 0; p < k; p++) {
                axpy(alpha * a[ai + p], bRows[p], crow, n);
            }
            System.arraycopy(crow, 0, c, ci, n);
        }
    }

    /**
     * {@code C = alpha·Aᵀ·B + beta·C} with few columns: {@code Cᵀ[j,:] = Σ_p B[p,j]·A[p,:]} in
     * scratch (contiguous rows of length {@code m}), then into {@code C}.
     */
    private static void transposedAccumulate(int m, int n, int k, double alpha, double[] a, double[] b,
                                             double beta, double[] c) {
        Workspace ws = WORKSPACE.get();
        double[][] t = ws.rows(n, m);
        double[] line = ws.line(m);
        for (int j = 0; j < n; j++) {
            java.util.Arrays.fill(t[j], 0, m, 0.0);
        }
        for (int p = 0; p < k; p++) {
            System.arraycopy(a, p * m, line, 0, m);
            int bp = p * n;
            for (int j = 0; j < n; j++) {
                axpy(b[bp + j], line, t[j], m);
            }
        }
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int j = 0; j < n; j++) {
                store(c, ci + j, alpha, t[j][i], beta);
            }
        }
    }

    /** One thread's zero-offset row buffers, grown on demand and reused. */
    private static final class Workspace {
        private double[][] rows = new double[0][0];
        private double[] line = new double[0];

        /** At least {@code count} rows of at least {@code width} entries (contents unspecified). */
        double[][] rows(int count, int width) {
            if (rows.length < count || (count > 0 && rows[0].length < width)) {
                int w = Math.max(width, rows.length == 0 ? 0 : rows[0].length);
                rows = new double[Math.max(count, rows.length)][w];
            }
            return rows;
        }

        /** A buffer of at least {@code width} entries (contents unspecified), distinct from the rows. */
        double[] line(int width) {
            if (line.length < width) {
                line = new double[width];
            }
            return line;
        }
    }
}
