package io.github.nn4j.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The Goto/BLIS packed algorithm around a register-blocked micro-kernel (implemented by
 * {@code VectorGemmKernel}), in row-panel order:
 * <pre>
 * for ic in M step mc:                       // A block mc × kc, packed (times alpha) once per (ic, pc)
 *   for pc in K step kc:
 *     pack alpha * op(A)[ic:ic+mc, pc:pc+kc] into MR-tall panels
 *     for jc in N step nc:                   // B block kc × nc stays in L2
 *       for ir in mc step MR:                // A micro-panel stays in L1
 *         for jr in nc step NR:              // B micro-panel streams from L2 (packed on the first ir)
 *           micro-kernel: C[ic+ir, jc+jr] (MR × NR) += Ap · Bp
 * </pre>
 * The innermost loop walks along a row panel of {@code C}, so the tiles it loads and stores are
 * contiguous in each of their {@code MR} rows and the hardware prefetcher brings them in ahead;
 * in the column-block order (the float32 kernel's: {@code jr} outside {@code ir}) each tile is
 * {@code MR} rows further down, misses in L2 when {@code C} is larger than it, and the product ran
 * 5-25 % slower on the Emerald Rapids Xeon. This is OpenBLAS's order for column-major {@code C}
 * seen through the transpose. Each B micro-panel is packed right before its first tile (the
 * first row panel), so that tile reads it from L1 and the packing overlaps the arithmetic; with
 * AVX2 and at least {@link #WHOLE_B_ROWS} rows in the A block, a non-transposed B block is packed
 * whole before the first row panel instead, a row of {@code B} at a time. The A block of
 * {@code Aᵀ·B} is packed a row of {@code A} at a time ({@link #packTransposedA}).
 *
 * <p>Packed layouts: A panel {@code ap[aOff + p * MR + i] = alpha * op(A)[i][p]}, B panel
 * {@code bp[bOff + p * NR + j] = op(B)[p][j]}; panels at the edges are zero-padded, and edge tiles
 * of {@code C} are copied into a full-size scratch tile, updated by the same micro-kernel and
 * copied back, so every element sees the same arithmetic wherever its tile lies. Ranges start on
 * multiples of {@code MR} / {@code NR} and {@code mc}, {@code nc} are multiples of them, so tiles
 * always fall on the same grid (the determinism contract of {@link GemmKernel}).
 *
 * <p>Block sizes ({@link CacheBlocking#forTile}): the micro-panels of depth {@code kc} fit in L1,
 * {@code kc × nc} of packed B in L2, {@code mc × kc} of packed A in L3. Packing buffers are per
 * thread and reused: no allocation in steady state. Packed B starts on a 64-byte line
 * ({@link AlignedArrays}: the micro-panels are {@code NR × 8} bytes per step, whole lines, so
 * every B vector load then reads one line; products ran 9-16 % faster so).
 */
abstract class PackedGemmKernel extends GemmKernel {

    /**
     * Rows of an A block from which a kernel that allows it ({@link #wholeBRows}) packs the block
     * of a non-transposed {@code B} whole before the first row panel, a row of {@code B} at a time,
     * instead of each micro-panel right before its first tile, in a strip {@code NR} wide down all
     * {@code kb} rows. With many row panels the first one's reading its B micro-panels from L1 is
     * a small share, and the prefetcher streams rows of {@code B}, not strips. On an AVX2 Zen 3 the
     * wide {@code A·B} products ({@code 256 × 784 × 1024} and {@code 256 × 1024 × 1024}, the
     * gradInputs) ran 1.12-1.24× in float32 and float64 (paired medians of 15 alternating rounds in
     * one process, two runs; 1.03-1.09× with a whole B at every size on a quieter host, where mnist
     * fc1's {@code 64 × 784 × 256} lost 2-4 %, hence the bound).
     */
    static final int WHOLE_B_ROWS = 128;

    /** Per-thread packing buffers, grown on demand. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    /** Rows of the register tile. */
    final int mr;
    /** Columns of the register tile. */
    final int nr;
    /** Depth of a packed panel. */
    final int kc;
    /** Rows of a packed block of A (multiple of {@link #mr}). */
    final int mc;
    /** Columns of a packed block of B (multiple of {@link #nr}). */
    final int nc;

    PackedGemmKernel(int mr, int nr, int kc, int mc, int nc, int minRows, int minCols, int minDepth) {
        super(mr, nr, minRows, minCols, minDepth);
        if (mr < 1 || nr < 1 || kc < 1 || mc < mr || nc < nr || mc % mr != 0 || nc % nr != 0) {
            throw new IllegalArgumentException("PackedGemmKernel: bad blocking mr=" + mr + " nr=" + nr + " kc=" + kc
                    + " mc=" + mc + " nc=" + nc);
        }
        this.mr = mr;
        this.nr = nr;
        this.kc = kc;
        this.mc = mc;
        this.nc = nc;
    }

    /**
     * {@code C[0:MR, 0:NR] += Ap · Bp} for one full register tile.
     *
     * @param k depth of the panels, {@code 1 <= k <= kc}
     * @param ap packed A, not modified
     * @param aOff start of the A micro-panel
     * @param bp packed B, not modified
     * @param bOff start of the B micro-panel
     * @param c the output storage, modified in the {@code MR × NR} tile only
     * @param cOff index of the tile's top-left element
     * @param ldc row stride of {@code c}
     */
    abstract void tile(int k, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc);

    @Override
    int[] blockSizes() {
        return new int[] {mr, nr, kc, mc, nc};
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(MRxNR=" + mr + "x" + nr + ", kc=" + kc + ", mc=" + mc + ", nc=" + nc + ")";
    }

    @Override
    final void multiplyAdd(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                           DMatrixRMaj c, int m0, int m1, int n0, int n1) {
        final PackedGemmKernel kernel = this;
        final int k = transA ? a.numRows : a.numCols;
        final int ldc = c.numCols;
        final double[] cd = c.data;
        Workspace ws = WORKSPACE.get();
        int kcMax = Math.min(kernel.kc, k);
        // panels of equal depth (k = 784, kc = 192: 4 x 157 + 156, not 4 x 192 + 16): a shallow
        // panel costs a whole pass of C loads and stores for little arithmetic; the split
        // depends on k and kc only, never on the range, so the determinism contract holds
        int kStep = panelDepth(k, kernel.kc);
        double[] packA = ws.packA(kcMax * roundUp(Math.min(kernel.mc, m1 - m0), mr));
        double[] packB = ws.packB(kcMax * roundUp(Math.min(kernel.nc, n1 - n0), nr));
        double[] tile = ws.tile(mr * nr);
        for (int ic = m0; ic < m1; ic += kernel.mc) {
            int mb = Math.min(kernel.mc, m1 - ic);
            for (int pc = 0; pc < k; pc += kStep) {
                int kb = Math.min(kStep, k - pc);
                packA(transA, a, alpha, ic, mb, pc, kb, packA);
                // with many row panels, B's block is packed whole first, read a row of B at a time
                boolean packWholeB = !transB && mb >= kernel.wholeBRows();
                for (int jc = n0; jc < n1; jc += kernel.nc) {
                    int nb = Math.min(kernel.nc, n1 - jc);
                    if (packWholeB) {
                        packB(false, b, pc, kb, jc, nb, packB, AlignedArrays.DOUBLE_OFFSET);
                    }
                    for (int ir = 0; ir < mb; ir += mr) {
                        int mh = Math.min(mr, mb - ir);
                        int aOff = ir * kb;
                        for (int jr = 0; jr < nb; jr += nr) {
                            int nw = Math.min(nr, nb - jr);
                            int bOff = AlignedArrays.DOUBLE_OFFSET + jr * kb;
                            if (ir == 0 && !packWholeB) {
                                // each B micro-panel is packed just before its first tile, which
                                // then finds it in L1; the later row panels stream it from L2
                                packB(transB, b, pc, kb, jc + jr, nw, packB, bOff);
                            }
                            int cOff = (ic + ir) * ldc + jc + jr;
                            if (mh == mr && nw == nr) {
                                kernel.tile(kb, packA, aOff, packB, bOff, cd, cOff, ldc);
                            } else {
                                for (int i = 0; i < mh; i++) {
                                    System.arraycopy(cd, cOff + i * ldc, tile, i * nr, nw);
                                }
                                kernel.tile(kb, packA, aOff, packB, bOff, tile, 0, nr);
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
     * Rows of an A block from which the block of a non-transposed {@code B} is packed whole, a
     * row of {@code B} at a time ({@link #WHOLE_B_ROWS}); {@code Integer.MAX_VALUE} (the default)
     * packs each B micro-panel right before its first tile.
     *
     * @return the smallest number of rows, or {@code Integer.MAX_VALUE}
     */
    int wholeBRows() {
        return Integer.MAX_VALUE;
    }

    /**
     * Packs {@code alpha * op(A)[i0:i0+mb, p0:p0+kb]} into {@code MR}-tall panels,
     * {@code dst[(i / MR) * MR * kb + p * MR + i % MR]}, zero-padding the last panel. A vector
     * kernel may override this with a faster copy; the packed values must be the same
     * ({@code alpha * x} rounded once), so that results do not depend on which packing ran.
     */
    void packA(boolean transA, DMatrixRMaj a, double alpha, int i0, int mb, int p0, int kb, double[] dst) {
        if (transA && mb >= ROWS_FIRST_A) {
            packTransposedA(a, alpha, i0, mb, p0, kb, mr, dst);
            return;
        }
        for (int ir = 0; ir < mb; ir += mr) {
            packAPanel(transA, a, alpha, i0 + ir, Math.min(mr, mb - ir), p0, kb, mr, dst, ir * kb);
        }
    }

    /**
     * Rows of an {@code Aᵀ} block from which {@link #packA} packs it a row of {@code A} at a time
     * ({@link #packTransposedA}). Smaller blocks, which the caches hold anyway, keep the strips:
     * packing the same block again and again, the rows ran 0.77-0.83× the strips with 10-30 rows,
     * 0.97× with 256 and 1.01× with 1024 (AVX2 Zen 3); in products, with {@code A} not yet in
     * the caches, 1024 rows ran faster (below).
     */
    static final int ROWS_FIRST_A = 128;

    /**
     * Packs {@code alpha * Aᵀ[i0:i0+mb, p0:p0+kb]} a row of {@code A} at a time. Row {@code p0 + p}
     * of {@code A} holds step {@code p} of every panel, {@code MR} values each, side by side, so the
     * block is read row after row, as the hardware prefetcher streams it, rather than in strips
     * {@code MR} wide down all {@code kb} rows, one panel after another. The values are
     * {@link #packAPanel}'s (which packs the last, partial panel). On an AVX2 Zen 3 the wide
     * {@code Aᵀ·B} products (the gradWeights, {@code 1024 × 784 × 256} and {@code 1024 × 1024 × 256})
     * ran 1.01-1.07× in float64 and 1.06-1.12× in float32 against the strips (paired medians of 15
     * alternating rounds in one process, two runs); mnist fc1's {@code 256 × 784 × 64}, whose strips
     * are 64 rows deep, 0.98-1.01×.
     */
    static void packTransposedA(DMatrixRMaj a, double alpha, int i0, int mb, int p0, int kb, int mr, double[] dst) {
        final double[] src = a.data;
        final int lda = a.numCols;
        int full = mb / mr * mr;
        for (int p = 0; p < kb; p++) {
            int s = (p0 + p) * lda + i0;
            for (int ir = 0; ir < full; ir += mr) {
                int d = ir * kb + p * mr;
                for (int i = 0; i < mr; i++) {
                    dst[d + i] = alpha * src[s + ir + i];
                }
            }
        }
        if (full < mb) {
            packAPanel(true, a, alpha, i0 + full, mb - full, p0, kb, mr, dst, full * kb);
        }
    }

    /**
     * Packs {@code op(B)[p0:p0+kb, j0:j0+nb]} into {@code NR}-wide panels,
     * {@code dst[dstOff + (j / NR) * NR * kb + p * NR + j % NR]}, zero-padding the last panel
     * (overridable as {@link #packA}).
     */
    void packB(boolean transB, DMatrixRMaj b, int p0, int kb, int j0, int nb, double[] dst, int dstOff) {
        for (int jr = 0; jr < nb; jr += nr) {
            packBPanel(transB, b, p0, kb, j0 + jr, Math.min(nr, nb - jr), nr, dst, dstOff + jr * kb);
        }
    }

    /**
     * One A panel in scalar code: rows {@code row0 .. row0+mh-1} of {@code alpha * op(A)}, columns
     * {@code p0 .. p0+kb-1}, at {@code dst[base + p * mr + i]}, rows {@code mh .. mr-1} zero.
     */
    static void packAPanel(boolean transA, DMatrixRMaj a, double alpha, int row0, int mh, int p0, int kb, int mr,
                           double[] dst, int base) {
        final double[] src = a.data;
        final int lda = a.numCols;
        if (transA) {
            // op(A)[i][p] = A[p][i]: for each p the MR values are contiguous in A's row p
            for (int p = 0; p < kb; p++) {
                int s = (p0 + p) * lda + row0;
                int d = base + p * mr;
                for (int i = 0; i < mh; i++) {
                    dst[d + i] = alpha * src[s + i];
                }
                for (int i = mh; i < mr; i++) {
                    dst[d + i] = 0.0;
                }
            }
        } else {
            // op(A)[i][p] = A[i][p]: the rows of A become the columns of the panel
            transposeInto(src, row0 * lda + p0, lda, mh, kb, alpha, dst, base, mr);
        }
    }

    /**
     * One B panel in scalar code: columns {@code col0 .. col0+nw-1} of {@code op(B)}, rows
     * {@code p0 .. p0+kb-1}, at {@code dst[base + p * nr + j]}, columns {@code nw .. nr-1} zero.
     */
    static void packBPanel(boolean transB, DMatrixRMaj b, int p0, int kb, int col0, int nw, int nr, double[] dst,
                           int base) {
        final double[] src = b.data;
        final int ldb = b.numCols;
        if (transB) {
            // op(B)[p][j] = B[j][p]: the rows of B become the columns of the panel (times 1,
            // which leaves every value as it is)
            transposeInto(src, col0 * ldb + p0, ldb, nw, kb, 1.0, dst, base, nr);
        } else {
            // op(B)[p][j] = B[p][j]: NR contiguous values per p
            for (int p = 0; p < kb; p++) {
                int s = (p0 + p) * ldb + col0;
                int d = base + p * nr;
                System.arraycopy(src, s, dst, d, nw);
                for (int j = nw; j < nr; j++) {
                    dst[d + j] = 0.0;
                }
            }
        }
    }

    /**
     * {@code dst[base + p * width + r] = scale * src[s0 + r * ld + p]} for {@code r < rows},
     * {@code p < kb}, and zero for {@code rows <= r < width}: a block of a row-major matrix
     * transposed into a packed panel (the rows of {@code A} into an A panel, the rows of {@code B}
     * into a {@code Bᵀ} panel). Four steps of {@code p} at a time, so every source row is read four
     * contiguous values at a time and every pass writes four whole rows of the panel: 0.63-0.70 ns
     * an element against 0.85-0.95 for one row at a time and 1.15-1.5 for 4-lane vector gathers, on
     * an AVX2 Zen 3 (a {@code 1024 × 1024} matrix, panels of depth 256).
     */
    static void transposeInto(double[] src, int s0, int ld, int rows, int kb, double scale, double[] dst, int base,
                              int width) {
        int p = 0;
        for (; p + 4 <= kb; p += 4) {
            int d = base + p * width;
            for (int r = 0; r < rows; r++) {
                int s = s0 + r * ld + p;
                dst[d + r] = scale * src[s];
                dst[d + width + r] = scale * src[s + 1];
                dst[d + 2 * width + r] = scale * src[s + 2];
                dst[d + 3 * width + r] = scale * src[s + 3];
            }
            for (int r = rows; r < width; r++) {
                dst[d + r] = 0.0;
                dst[d + width + r] = 0.0;
                dst[d + 2 * width + r] = 0.0;
                dst[d + 3 * width + r] = 0.0;
            }
        }
        for (; p < kb; p++) {
            int d = base + p * width;
            for (int r = 0; r < rows; r++) {
                dst[d + r] = scale * src[s0 + r * ld + p];
            }
            for (int r = rows; r < width; r++) {
                dst[d + r] = 0.0;
            }
        }
    }

    /**
     * The depth of the panels that split {@code k}: as few panels as {@code kc} allows, of equal
     * depth, {@code ceil(k / panels)} (the last panel takes the rest, less than one per panel
     * shallower).
     *
     * @param k the inner dimension
     * @param kc the largest panel depth
     * @return the depth of every panel but the last
     */
    static int panelDepth(int k, int kc) {
        if (k <= kc) {
            return k;
        }
        int panels = (k + kc - 1) / kc;
        return (k + panels - 1) / panels;
    }

    /** Per-thread gather offsets of the vector kernels' packing (at most 16 lanes). */
    private static final ThreadLocal<int[]> GATHER_ROWS = ThreadLocal.withInitial(() -> new int[16]);

    /**
     * This thread's gather offsets {@code j × ld} for lanes {@code j = 0 .. lanes-1}: a vector
     * gather with them reads one column across {@code lanes} consecutive rows of a row-major matrix
     * of leading dimension {@code ld} (both vector kernels' packing of {@code A} and {@code Bᵀ}).
     *
     * @param ld the row stride
     * @param lanes the number of lanes, at most 16
     * @return the offsets (reused per thread; valid until the next call on this thread)
     */
    static int[] gatherRows(int ld, int lanes) {
        int[] rows = GATHER_ROWS.get();
        for (int j = 0; j < lanes; j++) {
            rows[j] = j * ld;
        }
        return rows;
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

        /** A B buffer whose element {@code AlignedArrays.DOUBLE_OFFSET} starts a cache line, {@code size} elements from there. */
        double[] packB(int size) {
            if (b.length < AlignedArrays.DOUBLE_OFFSET + size) {
                b = AlignedArrays.doubles(size);
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
