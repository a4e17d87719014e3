package io.github.nn4j.linalg;

import org.ejml.data.DMatrixRMaj;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 Vector API micro-kernel ({@link Precision#FLOAT32}): the register tile of
 * {@link VectorGemmKernel} on {@code float} vectors, which hold twice the lanes, so one tile
 * covers twice the columns for the same instructions. With 16-lane vectors (AVX-512) the tile
 * is 8 × 32 in 16 accumulators; with 8-lane vectors (AVX2) 6 × 16 in 12. Each panel's products
 * are summed in {@code float}; the finished tile is stored to a per-thread {@code float} scratch
 * tile, reloaded, widened to {@code double} in two halves and added to the {@code double} output. Block sizes come from the caches for
 * 4-byte elements ({@link CacheBlocking#forFloatTile}).
 *
 * <p>Compiled and loaded like {@link VectorGemmKernel} (only when {@code jdk.incubator.vector}
 * is in the boot layer).
 */
final class VectorFloatGemmKernel extends PackedFloatGemmKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Doubles of the same vector width: half the lanes of {@link #S}. */
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, S.vectorShape());
    private static final int LD = D.length();
    /** Rows of the register tile: 8 when the vector registers are 16 floats wide, else 6. */
    static final int MR = L >= 16 ? 8 : 6;
    /** The thresholds of the float64 kernel (same tile rows, EJML still float64). */
    private static final int MIN_SIDE = 8;
    private static final int MIN_DEPTH = 2;
    /**
     * Whether the loops run in row-panel order: with 4-lane double vectors (AVX2). On the AVX2
     * Zen 3 that order, blocked by {@link CacheBlocking#forFloatRowPanels}, ran 1.02-1.24× the
     * column-block order on the six wide products (the {@code Aᵀ·B} gradWeights most,
     * 1.14-1.24×) and 0.96-1.00× on the three mnist fc1 ones (paired medians of 25 alternating
     * rounds, two runs); on the AVX-512 Emerald Rapids Xeon it had ranged 0.92-1.2× by shape, so
     * AVX-512 keeps the column blocks.
     */
    private static final boolean ROW_PANELS = LD < 8;
    private static final int[] BLOCKING = ROW_PANELS ? CacheBlocking.forFloatRowPanels(MR, 2 * L)
            : CacheBlocking.forFloatTile(MR, 2 * L);
    /** Whether {@code Bᵀ} panels are packed with vector gathers: with 8-lane double vectors only. */
    private static final boolean GATHER_BT = LD >= 8;

    /** The blocking of this machine ({@link CacheBlocking#forFloatTile}). */
    VectorFloatGemmKernel() {
        this(BLOCKING[0], BLOCKING[1], BLOCKING[2]);
    }

    /**
     * A kernel with explicit blocking (tests and tuning).
     *
     * @param kc panel depth
     * @param mc rows of a packed A block, a multiple of {@link #MR}
     * @param nc columns of a packed B block, a multiple of twice the vector length
     */
    VectorFloatGemmKernel(int kc, int mc, int nc) {
        this(kc, mc, nc, ROW_PANELS);
    }

    /**
     * A kernel with explicit blocking and loop order (tests and tuning).
     *
     * @param kc panel depth
     * @param mc rows of a packed A block, a multiple of {@link #MR}
     * @param nc columns of a packed B block, a multiple of twice the vector length
     * @param rowPanels whether the loops run in row-panel order
     */
    VectorFloatGemmKernel(int kc, int mc, int nc, boolean rowPanels) {
        super(MR, 2 * L, kc, mc, nc, rowPanels, MIN_SIDE, MIN_SIDE, MIN_DEPTH);
    }

    /** Floats of half the vector width: as many lanes as {@link #D}, the target of a narrowed double vector. */
    private static final VectorSpecies<Float> H = VectorSpecies.of(float.class, VectorShape.forBitSize(LD * Float.SIZE));

    /**
     * Vector packing of A when a panel is one double vector tall ({@code MR} = double lanes,
     * AVX-512): per {@code p}, one vector loaded from a row of {@code A} ({@code Aᵀ}) or gathered
     * from {@code MR} rows ({@code A}), times {@code alpha}, narrowed to float; edge panels and
     * AVX2's 6-row panels take the scalar copy. The values are the scalar copy's.
     */
    @Override
    void packA(boolean transA, DMatrixRMaj a, double alpha, int i0, int mb, int p0, int kb, float[] dst) {
        if (MR != LD) {
            super.packA(transA, a, alpha, i0, mb, p0, kb, dst);
            return;
        }
        final double[] src = a.data;
        final int lda = a.numCols;
        final int[] rows = transA ? null : PackedGemmKernel.gatherRows(lda, LD);
        final DoubleVector scale = DoubleVector.broadcast(D, alpha);
        for (int ir = 0; ir < mb; ir += MR) {
            int mh = Math.min(MR, mb - ir);
            int base = ir * kb;
            if (mh < MR) {
                packAPanel(transA, a, alpha, i0 + ir, mh, p0, kb, MR, dst, base);
            } else if (transA) {
                int s = p0 * lda + i0 + ir;
                for (int p = 0; p < kb; p++, s += lda) {
                    narrow(DoubleVector.fromArray(D, src, s).mul(scale)).intoArray(dst, base + p * MR);
                }
            } else {
                int s = (i0 + ir) * lda + p0;
                for (int p = 0; p < kb; p++) {
                    narrow(DoubleVector.fromArray(D, src, s + p, rows, 0).mul(scale)).intoArray(dst, base + p * MR);
                }
            }
        }
    }

    /**
     * Vector packing of B: a full panel ({@code 2 × lanes} floats) is {@code 4} double vectors per
     * {@code p}, loaded from a row of {@code B}, or for {@code Bᵀ} with 8-lane double vectors
     * (AVX-512) gathered from its rows, each narrowed to float; the edge panel, and {@code Bᵀ} with
     * 4-lane double vectors (AVX2), take the scalar copy ({@link PackedFloatGemmKernel#transposeInto}),
     * which ran at 0.46-0.48 ns an element against 0.92-0.93 for the 4-lane gathers on an AVX2 Zen 3.
     */
    @Override
    void packB(boolean transB, DMatrixRMaj b, int p0, int kb, int j0, int nb, float[] dst, int dstOff) {
        final double[] src = b.data;
        final int ldb = b.numCols;
        final int nr = 2 * L;
        final int[] rows = transB ? PackedGemmKernel.gatherRows(ldb, LD) : null;
        for (int jr = 0; jr < nb; jr += nr) {
            int nw = Math.min(nr, nb - jr);
            int base = dstOff + jr * kb;
            if (nw < nr || transB && !GATHER_BT) {
                packBPanel(transB, b, p0, kb, j0 + jr, nw, nr, dst, base);
            } else if (transB) {
                int s = (j0 + jr) * ldb + p0;
                int step = LD * ldb;
                for (int p = 0; p < kb; p++) {
                    int d = base + p * nr;
                    for (int q = 0; q < nr; q += LD) {
                        narrow(DoubleVector.fromArray(D, src, s + q / LD * step + p, rows, 0)).intoArray(dst, d + q);
                    }
                }
            } else if (!ROW_PANELS || nb <= nr) {
                int s = p0 * ldb + j0 + jr;
                for (int p = 0; p < kb; p++, s += ldb) {
                    int d = base + p * nr;
                    for (int q = 0; q < nr; q += LD) {
                        narrow(DoubleVector.fromArray(D, src, s + q)).intoArray(dst, d + q);
                    }
                }
            }
        }
        if (!transB && ROW_PANELS && nb > nr) {
            // a whole block: its full panels a row of B at a time (the prefetcher streams rows, not strips)
            int full = nb / nr * nr;
            for (int p = 0; p < kb; p++) {
                int s = (p0 + p) * ldb + j0;
                int d = dstOff + p * nr;
                for (int jr = 0; jr < full; jr += nr) {
                    for (int q = 0; q < nr; q += LD) {
                        narrow(DoubleVector.fromArray(D, src, s + jr + q)).intoArray(dst, d + jr * kb + q);
                    }
                }
            }
        }
    }

    private static FloatVector narrow(DoubleVector v) {
        return (FloatVector) v.convertShape(VectorOperators.D2F, H, 0);
    }

    /** Whole B blocks in row-panel order (AVX2), where they were measured faster ({@link PackedGemmKernel#WHOLE_B_ROWS}). */
    @Override
    int wholeBRows() {
        return ROW_PANELS ? PackedGemmKernel.WHOLE_B_ROWS : Integer.MAX_VALUE;
    }

    @Override
    void tile(int k, float[] ap, int aOff, float[] bp, int bOff, float[] acc, double[] c, int cOff, int ldc) {
        if (MR == 8) {
            tile8(k, ap, aOff, bp, bOff, acc, c, cOff, ldc);
        } else {
            tile6(k, ap, aOff, bp, bOff, acc, c, cOff, ldc);
        }
    }

    /**
     * {@code c[cOff + i * ldc + j] += acc[i * 2L + j]} for the {@code rows × 2L} tile: each float vector
     * widened to two double vectors. The accumulators reach this method through
     * the scratch array, not as vector arguments: a method taking a vector that C2 does not inline
     * (the tile methods are at its node-count limit) would box it on every call.
     */
    private static void addTile(int rows, float[] acc, double[] c, int cOff, int ldc) {
        for (int i = 0; i < rows; i++) {
            int t = i * 2 * L;
            int o = cOff + i * ldc;
            for (int j = 0; j < 2 * L; j += L) {
                FloatVector v = FloatVector.fromArray(S, acc, t + j);
                DoubleVector lo = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 0);
                DoubleVector hi = (DoubleVector) v.convertShape(VectorOperators.F2D, D, 1);
                lo.add(DoubleVector.fromArray(D, c, o + j)).intoArray(c, o + j);
                hi.add(DoubleVector.fromArray(D, c, o + j + LD)).intoArray(c, o + j + LD);
            }
        }
    }

    private static void tile6(int k, float[] ap, int aOff, float[] bp, int bOff, float[] acc, double[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int a = aOff;
        int b = bOff;
        for (int p = 0; p < k; p++, a += 6, b += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[a + 0]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
        }
        c00.intoArray(acc, 0 * L);
        c01.intoArray(acc, 1 * L);
        c10.intoArray(acc, 2 * L);
        c11.intoArray(acc, 3 * L);
        c20.intoArray(acc, 4 * L);
        c21.intoArray(acc, 5 * L);
        c30.intoArray(acc, 6 * L);
        c31.intoArray(acc, 7 * L);
        c40.intoArray(acc, 8 * L);
        c41.intoArray(acc, 9 * L);
        c50.intoArray(acc, 10 * L);
        c51.intoArray(acc, 11 * L);
        addTile(6, acc, c, cOff, ldc);
    }

    private static void tile8(int k, float[] ap, int aOff, float[] bp, int bOff, float[] acc, double[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        int a = aOff;
        int b = bOff;
        for (int p = 0; p < k; p++, a += 8, b += 2 * L) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector a0 = FloatVector.broadcast(S, ap[a + 0]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[a + 6]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[a + 7]);
            c70 = b0.fma(a7, c70);
            c71 = b1.fma(a7, c71);
        }
        c00.intoArray(acc, 0 * L);
        c01.intoArray(acc, 1 * L);
        c10.intoArray(acc, 2 * L);
        c11.intoArray(acc, 3 * L);
        c20.intoArray(acc, 4 * L);
        c21.intoArray(acc, 5 * L);
        c30.intoArray(acc, 6 * L);
        c31.intoArray(acc, 7 * L);
        c40.intoArray(acc, 8 * L);
        c41.intoArray(acc, 9 * L);
        c50.intoArray(acc, 10 * L);
        c51.intoArray(acc, 11 * L);
        c60.intoArray(acc, 12 * L);
        c61.intoArray(acc, 13 * L);
        c70.intoArray(acc, 14 * L);
        c71.intoArray(acc, 15 * L);
        addTile(8, acc, c, cOff, ldc);
    }
}
