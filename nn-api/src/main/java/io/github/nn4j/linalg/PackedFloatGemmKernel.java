package io.github.nn4j.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * The float32 twin of {@link PackedGemmKernel} ({@link Precision#FLOAT32}): the same Goto/BLIS
 * loops and determinism contract, but {@code alpha * op(A)} and {@code op(B)} are rounded to
 * {@code float} as they are packed, so a register tile holds twice the columns and a panel half
 * the bytes. The micro-kernel ({@code VectorFloatGemmKernel}) sums each panel's {@code kb} terms
 * in {@code float} and adds the tile to the {@code double} output in {@code double}.
 *
 * <p>Packed layouts as {@link PackedGemmKernel}: A panel {@code ap[aOff + p * MR + i]}, B panel
 * {@code bp[bOff + p * NR + j]}, zero-padded at the edges; edge tiles of {@code C} go through a
 * full-size {@code double} scratch tile. Packing buffers are per thread and reused; packed B
 * starts on a 64-byte line ({@link AlignedArrays}).
 */
abstract class PackedFloatGemmKernel extends GemmKernel {

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

    PackedFloatGemmKernel(int mr, int nr, int kc, int mc, int nc, boolean rowPanels, int minRows, int minCols,
                          int minDepth) {
        super(mr, nr, minRows, minCols, minDepth);
        if (mr < 1 || nr < 1 || kc < 1 || mc < mr || nc < nr || mc % mr != 0 || nc % nr != 0) {
            throw new IllegalArgumentException("PackedFloatGemmKernel: bad blocking mr=" + mr + " nr=" + nr + " kc=" + kc
                    + " mc=" + mc + " nc=" + nc);
        }
        this.mr = mr;
        this.nr = nr;
        this.kc = kc;
        this.mc = mc;
        this.nc = nc;
        this.rowPanels = rowPanels;
    }

    /**
     * Whether the loops run in row-panel order (the float64 kernel's, {@link PackedGemmKernel}:
     * {@code mc × kc} of A packed per block, each B micro-panel packed just before its first
     * tile, the tile walking along the rows of {@code C}) instead of column-block order.
     */
    final boolean rowPanels;

    /**
     * {@code C[0:MR, 0:NR] += Ap · Bp} for one full register tile, the products summed in
     * {@code float}, the sum added in {@code double}.
     *
     * @param k depth of the panels, {@code 1 <= k <= kc}
     * @param ap packed A, not modified
     * @param aOff start of the A micro-panel
     * @param bp packed B, not modified
     * @param bOff start of the B micro-panel
     * @param acc scratch of at least {@code MR × NR} floats for the finished sums, overwritten
     * @param c the output storage, modified in the {@code MR × NR} tile only
     * @param cOff index of the tile's top-left element
     * @param ldc row stride of {@code c}
     */
    abstract void tile(int k, float[] ap, int aOff, float[] bp, int bOff, float[] acc, double[] c, int cOff, int ldc);

    @Override
    int[] blockSizes() {
        return new int[] {mr, nr, kc, mc, nc};
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(MRxNR=" + mr + "x" + nr + ", kc=" + kc + ", mc=" + mc + ", nc=" + nc
                + (rowPanels ? ", row panels" : ", column blocks") + ")";
    }

    @Override
    final void multiplyAdd(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                           DMatrixRMaj c, int m0, int m1, int n0, int n1) {
        final int k = transA ? a.numRows : a.numCols;
        final int ldc = c.numCols;
        final double[] cd = c.data;
        Workspace ws = WORKSPACE.get();
        int kcMax = Math.min(kc, k);
        int kStep = PackedGemmKernel.panelDepth(k, kc);
        float[] packA = ws.packA(kcMax * roundUp(Math.min(mc, m1 - m0), mr));
        float[] packB = ws.packB(kcMax * roundUp(Math.min(nc, n1 - n0), nr));
        double[] tile = ws.tile(mr * nr);
        float[] acc = ws.acc(mr * nr);
        if (rowPanels) {
            // the float64 kernel's order (see PackedGemmKernel): A block packed per (ic, pc), the
            // tile walking along the rows of C, each B micro-panel packed before its first tile
            for (int ic = m0; ic < m1; ic += mc) {
                int mb = Math.min(mc, m1 - ic);
                for (int pc = 0; pc < k; pc += kStep) {
                    int kb = Math.min(kStep, k - pc);
                    packA(transA, a, alpha, ic, mb, pc, kb, packA);
                    // with many row panels, B's block is packed whole first (PackedGemmKernel.WHOLE_B_ROWS)
                    boolean packWholeB = !transB && mb >= wholeBRows();
                    for (int jc = n0; jc < n1; jc += nc) {
                        int nb = Math.min(nc, n1 - jc);
                        if (packWholeB) {
                            packB(false, b, pc, kb, jc, nb, packB, AlignedArrays.FLOAT_OFFSET);
                        }
                        for (int ir = 0; ir < mb; ir += mr) {
                            for (int jr = 0; jr < nb; jr += nr) {
                                int nw = Math.min(nr, nb - jr);
                                int bOff = AlignedArrays.FLOAT_OFFSET + jr * kb;
                                if (ir == 0 && !packWholeB) {
                                    packB(transB, b, pc, kb, jc + jr, nw, packB, bOff);
                                }
                                update(kb, packA, ir * kb, packB, bOff, acc, cd, (ic + ir) * ldc + jc + jr, ldc,
                                        Math.min(mr, mb - ir), nw, tile);
                            }
                        }
                    }
                }
            }
            return;
        }
        for (int jc = n0; jc < n1; jc += nc) {
            int nb = Math.min(nc, n1 - jc);
            for (int pc = 0; pc < k; pc += kStep) {
                int kb = Math.min(kStep, k - pc);
                packB(transB, b, pc, kb, jc, nb, packB, AlignedArrays.FLOAT_OFFSET);
                for (int ic = m0; ic < m1; ic += mc) {
                    int mb = Math.min(mc, m1 - ic);
                    packA(transA, a, alpha, ic, mb, pc, kb, packA);
                    for (int jr = 0; jr < nb; jr += nr) {
                        int nw = Math.min(nr, nb - jr);
                        int bOff = AlignedArrays.FLOAT_OFFSET + jr * kb;
                        for (int ir = 0; ir < mb; ir += mr) {
                            update(kb, packA, ir * kb, packB, bOff, acc, cd, (ic + ir) * ldc + jc + jr, ldc,
                                    Math.min(mr, mb - ir), nw, tile);
                        }
                    }
                }
            }
        }
    }

    /**
     * One tile of {@code C} ({@code mh × nw}, at {@code cOff}) plus the panels' product: in place
     * when the tile is full, through the {@code double} scratch tile at the edges, so every
     * element sees the same arithmetic wherever its tile lies.
     */
    private void update(int kb, float[] packA, int aOff, float[] packB, int bOff, float[] acc, double[] cd, int cOff,
                        int ldc, int mh, int nw, double[] tile) {
        if (mh == mr && nw == nr) {
            tile(kb, packA, aOff, packB, bOff, acc, cd, cOff, ldc);
        } else {
            for (int i = 0; i < mh; i++) {
                System.arraycopy(cd, cOff + i * ldc, tile, i * nr, nw);
            }
            tile(kb, packA, aOff, packB, bOff, acc, tile, 0, nr);
            for (int i = 0; i < mh; i++) {
                System.arraycopy(tile, i * nr, cd, cOff + i * ldc, nw);
            }
        }
    }

    /**
     * Rows of an A block from which, in row-panel order, the block of a non-transposed {@code B}
     * is packed whole, a row of {@code B} at a time ({@link PackedGemmKernel#WHOLE_B_ROWS});
     * {@code Integer.MAX_VALUE} (the default) packs each B micro-panel right before its first tile.
     *
     * @return the smallest number of rows, or {@code Integer.MAX_VALUE}
     */
    int wholeBRows() {
        return Integer.MAX_VALUE;
    }

    /**
     * Packs {@code (float) (alpha * op(A)[i0:i0+mb, p0:p0+kb])} into {@code MR}-tall panels,
     * {@code dst[(i / MR) * MR * kb + p * MR + i % MR]}, zero-padding the last panel. A vector
     * kernel may override this with a faster copy that packs the same values.
     */
    void packA(boolean transA, DMatrixRMaj a, double alpha, int i0, int mb, int p0, int kb, float[] dst) {
        if (transA && mb >= PackedGemmKernel.ROWS_FIRST_A) {
            packTransposedA(a, alpha, i0, mb, p0, kb, mr, dst);
            return;
        }
        for (int ir = 0; ir < mb; ir += mr) {
            packAPanel(transA, a, alpha, i0 + ir, Math.min(mr, mb - ir), p0, kb, mr, dst, ir * kb);
        }
    }

    /**
     * Packs {@code (float) (alpha * Aᵀ[i0:i0+mb, p0:p0+kb])} a row of {@code A} at a time: the
     * float twin of {@link PackedGemmKernel#packTransposedA} (same order and values as
     * {@link #packAPanel}; 1.06-1.12× on the wide {@code Aᵀ·B} products in float32).
     */
    static void packTransposedA(DMatrixRMaj a, double alpha, int i0, int mb, int p0, int kb, int mr, float[] dst) {
        final double[] src = a.data;
        final int lda = a.numCols;
        int full = mb / mr * mr;
        for (int p = 0; p < kb; p++) {
            int s = (p0 + p) * lda + i0;
            for (int ir = 0; ir < full; ir += mr) {
                int d = ir * kb + p * mr;
                for (int i = 0; i < mr; i++) {
                    dst[d + i] = (float) (alpha * src[s + ir + i]);
                }
            }
        }
        if (full < mb) {
            packAPanel(true, a, alpha, i0 + full, mb - full, p0, kb, mr, dst, full * kb);
        }
    }

    /**
     * Packs {@code (float) op(B)[p0:p0+kb, j0:j0+nb]} into {@code NR}-wide panels,
     * {@code dst[dstOff + (j / NR) * NR * kb + p * NR + j % NR]}, zero-padding the last panel
     * (overridable as {@link #packA}).
     */
    void packB(boolean transB, DMatrixRMaj b, int p0, int kb, int j0, int nb, float[] dst, int dstOff) {
        for (int jr = 0; jr < nb; jr += nr) {
            packBPanel(transB, b, p0, kb, j0 + jr, Math.min(nr, nb - jr), nr, dst, dstOff + jr * kb);
        }
    }

    /**
     * One A panel in scalar code: rows {@code row0 .. row0+mh-1} of {@code (float) (alpha * op(A))},
     * columns {@code p0 .. p0+kb-1}, at {@code dst[base + p * mr + i]}, rows {@code mh .. mr-1} zero.
     */
    static void packAPanel(boolean transA, DMatrixRMaj a, double alpha, int row0, int mh, int p0, int kb, int mr,
                           float[] dst, int base) {
        final double[] src = a.data;
        final int lda = a.numCols;
        if (transA) {
            // op(A)[i][p] = A[p][i]: for each p the MR values are contiguous in A's row p
            for (int p = 0; p < kb; p++) {
                int s = (p0 + p) * lda + row0;
                int d = base + p * mr;
                for (int i = 0; i < mh; i++) {
                    dst[d + i] = (float) (alpha * src[s + i]);
                }
                for (int i = mh; i < mr; i++) {
                    dst[d + i] = 0.0f;
                }
            }
        } else {
            // op(A)[i][p] = A[i][p]: the rows of A become the columns of the panel
            transposeInto(src, row0 * lda + p0, lda, mh, kb, alpha, dst, base, mr);
        }
    }

    /**
     * One B panel in scalar code: columns {@code col0 .. col0+nw-1} of {@code (float) op(B)}, rows
     * {@code p0 .. p0+kb-1}, at {@code dst[base + p * nr + j]}, columns {@code nw .. nr-1} zero.
     */
    static void packBPanel(boolean transB, DMatrixRMaj b, int p0, int kb, int col0, int nw, int nr, float[] dst,
                           int base) {
        final double[] src = b.data;
        final int ldb = b.numCols;
        if (transB) {
            // op(B)[p][j] = B[j][p]: the rows of B become the columns of the panel (times 1,
            // which leaves every value as it is before the rounding to float)
            transposeInto(src, col0 * ldb + p0, ldb, nw, kb, 1.0, dst, base, nr);
        } else {
            // op(B)[p][j] = B[p][j]: NR contiguous values per p
            for (int p = 0; p < kb; p++) {
                int s = (p0 + p) * ldb + col0;
                int d = base + p * nr;
                for (int j = 0; j < nw; j++) {
                    dst[d + j] = (float) src[s + j];
                }
                for (int j = nw; j < nr; j++) {
                    dst[d + j] = 0.0f;
                }
            }
        }
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    /**
     * {@code dst[base + p * width + r] = (float) (scale * src[s0 + r * ld + p])} for
     * {@code r < rows}, {@code p < kb}, and zero for {@code rows <= r < width}: the float twin of
     * {@link PackedGemmKernel#transposeInto}, four steps of {@code p} at a time (0.46-0.48 ns an
     * element against 0.92-0.93 for 4-lane vector gathers on an AVX2 Zen 3, a {@code 256 × 784}
     * matrix, panels of depth 512 and width 16).
     */
    static void transposeInto(double[] src, int s0, int ld, int rows, int kb, double scale, float[] dst, int base,
                              int width) {
        int p = 0;
        for (; p + 4 <= kb; p += 4) {
            int d = base + p * width;
            for (int r = 0; r < rows; r++) {
                int s = s0 + r * ld + p;
                dst[d + r] = (float) (scale * src[s]);
                dst[d + width + r] = (float) (scale * src[s + 1]);
                dst[d + 2 * width + r] = (float) (scale * src[s + 2]);
                dst[d + 3 * width + r] = (float) (scale * src[s + 3]);
            }
            for (int r = rows; r < width; r++) {
                dst[d + r] = 0.0f;
                dst[d + width + r] = 0.0f;
                dst[d + 2 * width + r] = 0.0f;
                dst[d + 3 * width + r] = 0.0f;
            }
        }
        for (; p < kb; p++) {
            int d = base + p * width;
            for (int r = 0; r < rows; r++) {
                dst[d + r] = (float) (scale * src[s0 + r * ld + p]);
            }
            for (int r = rows; r < width; r++) {
                dst[d + r] = 0.0f;
            }
        }
    }

    /** One thread's packing buffers. */
    private static final class Workspace {
        private float[] a = new float[0];
        private float[] b = new float[0];
        private double[] t = new double[0];
        private float[] f = new float[0];

        float[] acc(int size) {
            if (f.length < size) {
                f = new float[size];
            }
            return f;
        }

        float[] packA(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        /** A B buffer whose element {@code AlignedArrays.FLOAT_OFFSET} starts a cache line, {@code size} elements from there. */
        float[] packB(int size) {
            if (b.length < AlignedArrays.FLOAT_OFFSET + size) {
                b = AlignedArrays.floats(size);
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
