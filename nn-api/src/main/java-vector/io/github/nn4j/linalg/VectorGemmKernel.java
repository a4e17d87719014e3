package io.github.nn4j.linalg;

import org.ejml.data.DMatrixRMaj;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: an {@code MR × (2 × lanes)} register tile of {@code C} held in
 * {@code 2 × MR} vector accumulators; per step of {@code p} it loads two vectors of packed B,
 * broadcasts {@code MR} packed A values and issues {@code 2 × MR} FMAs. The tile is chosen from
 * the vector width: with 8-lane vectors (AVX-512, 32 vector registers) {@code MR = 8}, an 8 × 16
 * tile in 16 accumulators; with 4-lane vectors (AVX2, 16 registers) {@code MR = 6}, a 6 × 8 tile
 * in 12 accumulators plus two B vectors and one broadcast, so nothing spills (an 8 × 8 tile needs
 * 19 live registers there). The block sizes come from the machine's caches
 * ({@link CacheBlocking}), read once per process.
 *
 * <p>This class is compiled in a separate javac execution with
 * {@code --add-modules jdk.incubator.vector} and is only loaded (reflectively, by {@link Gemm})
 * when that module is in the boot layer.
 */
final class VectorGemmKernel extends PackedGemmKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the register tile: 8 when the vector registers are 8 doubles wide, else 6. */
    static final int MR = L >= 8 ? 8 : 6;
    /**
     * Below {@code min(m, n) = 8} EJML wins (a tile is 8 × 16, so a thinner {@code C} wastes most
     * of it); from 8 on this kernel wins at every {@code k >= 2} and every transposition form
     * (measured by {@code GemmThresholdSweep}: 1.0× at 8×8×2, up to 15× on larger shapes). At
     * {@code k = 1} EJML's rank-1 update wins for {@code Aᵀ·B} with {@code n = 8}.
     */
    private static final int MIN_SIDE = 8;
    private static final int MIN_DEPTH = 2;
    private static final int[] BLOCKING = CacheBlocking.forTile(MR, 2 * L);
    /** Whether {@code Bᵀ} panels are packed with vector gathers: with 8-lane vectors only. */
    private static final boolean GATHER_BT = L >= 8;

    /**
     * The blocking of this machine: {@link CacheBlocking#forTile} for the register tile (on the
     * AVX-512 Emerald Rapids Xeon with 48 KiB L1d and 2 MiB L2: {@code kc = 192},
     * {@code mc = 4096}, {@code nc = 336}; on an AVX2 Zen 3 with 32 KiB L1d, 512 KiB L2 and
     * 32 MiB L3: {@code kc = 256}, {@code mc = 4092}, {@code nc = 64}).
     */
    VectorGemmKernel() {
        this(BLOCKING[0], BLOCKING[1], BLOCKING[2]);
    }

    /**
     * A kernel with explicit blocking (tests and tuning).
     *
     * @param kc panel depth
     * @param mc rows of a packed A block, a multiple of {@link #MR}
     * @param nc columns of a packed B block, a multiple of twice the vector length
     */
    VectorGemmKernel(int kc, int mc, int nc) {
        super(MR, 2 * L, kc, mc, nc, MIN_SIDE, MIN_SIDE, MIN_DEPTH);
    }

    /**
     * Vector packing of A when a panel is one vector tall ({@code MR = lanes}, AVX-512): a full
     * panel is one vector per {@code p}, loaded from a row of {@code A} ({@code Aᵀ}) or gathered
     * from {@code MR} rows ({@code A}), times {@code alpha}; edge panels and AVX2's 6-row panels
     * take the scalar copy. The values are the scalar copy's ({@code alpha · x} rounded once).
     * The scalar copy ran at 1.1-2.0 ns per element on the Emerald Rapids Xeon, a fifth of the
     * time of a 256 × 1024 × 784 product.
     */
    @Override
    void packA(boolean transA, DMatrixRMaj a, double alpha, int i0, int mb, int p0, int kb, double[] dst) {
        if (MR != L) {
            super.packA(transA, a, alpha, i0, mb, p0, kb, dst);
            return;
        }
        final double[] src = a.data;
        final int lda = a.numCols;
        final int[] rows = transA ? null : PackedGemmKernel.gatherRows(lda, L);
        final DoubleVector scale = DoubleVector.broadcast(S, alpha);
        for (int ir = 0; ir < mb; ir += MR) {
            int mh = Math.min(MR, mb - ir);
            int base = ir * kb;
            if (mh < MR) {
                packAPanel(transA, a, alpha, i0 + ir, mh, p0, kb, MR, dst, base);
            } else if (transA) {
                int s = p0 * lda + i0 + ir;
                for (int p = 0; p < kb; p++, s += lda) {
                    DoubleVector.fromArray(S, src, s).mul(scale).intoArray(dst, base + p * MR);
                }
            } else {
                int s = (i0 + ir) * lda + p0;
                for (int p = 0; p < kb; p++) {
                    DoubleVector.fromArray(S, src, s + p, rows, 0).mul(scale).intoArray(dst, base + p * MR);
                }
            }
        }
    }

    /**
     * Vector packing of B: a full panel is two vectors per {@code p}, loaded from a row of
     * {@code B}, or for {@code Bᵀ} with 8-lane vectors (AVX-512) gathered from {@code 2 × lanes}
     * rows of {@code B}; the edge panel, and {@code Bᵀ} with 4-lane vectors (AVX2), take the scalar
     * copy ({@link PackedGemmKernel#transposeInto}), which ran at 0.63-0.70 ns an element against
     * 1.15-1.5 for the 4-lane gathers on an AVX2 Zen 3.
     */
    @Override
    void packB(boolean transB, DMatrixRMaj b, int p0, int kb, int j0, int nb, double[] dst, int dstOff) {
        final double[] src = b.data;
        final int ldb = b.numCols;
        final int nr = 2 * L;
        final int[] rows = transB ? PackedGemmKernel.gatherRows(ldb, L) : null;
        for (int jr = 0; jr < nb; jr += nr) {
            int nw = Math.min(nr, nb - jr);
            int base = dstOff + jr * kb;
            if (nw < nr || transB && !GATHER_BT) {
                packBPanel(transB, b, p0, kb, j0 + jr, nw, nr, dst, base);
            } else if (transB) {
                int s0 = (j0 + jr) * ldb + p0;
                int s1 = s0 + L * ldb;
                for (int p = 0; p < kb; p++) {
                    int d = base + p * nr;
                    DoubleVector.fromArray(S, src, s0 + p, rows, 0).intoArray(dst, d);
                    DoubleVector.fromArray(S, src, s1 + p, rows, 0).intoArray(dst, d + L);
                }
            } else if (nb <= nr) {
                // one panel (packed right before its first tile): NR contiguous values per p
                int s = p0 * ldb + j0 + jr;
                for (int p = 0; p < kb; p++, s += ldb) {
                    int d = base + p * nr;
                    DoubleVector.fromArray(S, src, s).intoArray(dst, d);
                    DoubleVector.fromArray(S, src, s + L).intoArray(dst, d + L);
                }
            }
        }
        if (!transB && nb > nr) {
            // a whole block: its full panels a row of B at a time (the prefetcher streams rows, not strips)
            int full = nb / nr * nr;
            for (int p = 0; p < kb; p++) {
                int s = (p0 + p) * ldb + j0;
                int d = dstOff + p * nr;
                for (int jr = 0; jr < full; jr += nr) {
                    DoubleVector.fromArray(S, src, s + jr).intoArray(dst, d + jr * kb);
                    DoubleVector.fromArray(S, src, s + jr + L).intoArray(dst, d + jr * kb + L);
                }
            }
        }
    }

    /** Whole B blocks with 4-lane vectors (AVX2), where they were measured faster ({@link PackedGemmKernel#WHOLE_B_ROWS}). */
    @Override
    int wholeBRows() {
        return L < 8 ? WHOLE_B_ROWS : Integer.MAX_VALUE;
    }

    @Override
    void tile(int k, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc) {
        if (MR == 8) {
            tile8(k, ap, aOff, bp, bOff, c, cOff, ldc);
        } else {
            tile6(k, ap, aOff, bp, bOff, c, cOff, ldc);
        }
    }

    /**
     * The AVX2 tile, 6 × 8 in 12 accumulators. Its indices are computed from {@code p} in every
     * step rather than advanced by {@code +=}, which lets C2 hoist the B loads' range checks (two
     * compare-and-branch pairs a step fewer): 1.04-1.06× the advanced indices on panels in L1
     * (paired medians of 60 alternating slots, depths 128-512) and a median 1.03 (per shape
     * 0.92-1.15) on the nine mnist fc1 and wide products, in one process on an AVX2 Zen 3, where
     * a step of 12 FMAs is otherwise bound by the instructions around them. Unrolling the loop
     * by two in the source made it 0.68-0.76× (C2 no longer kept the vectors in registers).
     */
    private static void tile6(int k, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        for (int p = 0; p < k; p++) {
            // indices linear in p: C2 then takes the range checks of the B loads out of the loop
            int a = aOff + 6 * p;
            int b = bOff + 2 * L * p;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, b);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, b + L);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[a + 0]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
        }
        c00.add(DoubleVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
        c01.add(DoubleVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
        c10.add(DoubleVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
        c11.add(DoubleVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
        c20.add(DoubleVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
        c21.add(DoubleVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
        c30.add(DoubleVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
        c31.add(DoubleVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
        c40.add(DoubleVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
        c41.add(DoubleVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
        c50.add(DoubleVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
        c51.add(DoubleVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
    }

    private static void tile8(int k, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc) {
        DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
        DoubleVector c60 = DoubleVector.zero(S), c61 = DoubleVector.zero(S);
        DoubleVector c70 = DoubleVector.zero(S), c71 = DoubleVector.zero(S);
        int a = aOff;
        int b = bOff;
        for (int p = 0; p < k; p++, a += 8, b += 2 * L) {
            DoubleVector b0 = DoubleVector.fromArray(S, bp, b);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, b + L);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[a + 0]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, ap[a + 1]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, ap[a + 2]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, ap[a + 3]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, ap[a + 4]);
            c40 = b0.fma(a4, c40);
            c41 = b1.fma(a4, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, ap[a + 5]);
            c50 = b0.fma(a5, c50);
            c51 = b1.fma(a5, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, ap[a + 6]);
            c60 = b0.fma(a6, c60);
            c61 = b1.fma(a6, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, ap[a + 7]);
            c70 = b0.fma(a7, c70);
            c71 = b1.fma(a7, c71);
        }
        c00.add(DoubleVector.fromArray(S, c, cOff + 0 * ldc)).intoArray(c, cOff + 0 * ldc);
        c01.add(DoubleVector.fromArray(S, c, cOff + 0 * ldc + L)).intoArray(c, cOff + 0 * ldc + L);
        c10.add(DoubleVector.fromArray(S, c, cOff + 1 * ldc)).intoArray(c, cOff + 1 * ldc);
        c11.add(DoubleVector.fromArray(S, c, cOff + 1 * ldc + L)).intoArray(c, cOff + 1 * ldc + L);
        c20.add(DoubleVector.fromArray(S, c, cOff + 2 * ldc)).intoArray(c, cOff + 2 * ldc);
        c21.add(DoubleVector.fromArray(S, c, cOff + 2 * ldc + L)).intoArray(c, cOff + 2 * ldc + L);
        c30.add(DoubleVector.fromArray(S, c, cOff + 3 * ldc)).intoArray(c, cOff + 3 * ldc);
        c31.add(DoubleVector.fromArray(S, c, cOff + 3 * ldc + L)).intoArray(c, cOff + 3 * ldc + L);
        c40.add(DoubleVector.fromArray(S, c, cOff + 4 * ldc)).intoArray(c, cOff + 4 * ldc);
        c41.add(DoubleVector.fromArray(S, c, cOff + 4 * ldc + L)).intoArray(c, cOff + 4 * ldc + L);
        c50.add(DoubleVector.fromArray(S, c, cOff + 5 * ldc)).intoArray(c, cOff + 5 * ldc);
        c51.add(DoubleVector.fromArray(S, c, cOff + 5 * ldc + L)).intoArray(c, cOff + 5 * ldc + L);
        c60.add(DoubleVector.fromArray(S, c, cOff + 6 * ldc)).intoArray(c, cOff + 6 * ldc);
        c61.add(DoubleVector.fromArray(S, c, cOff + 6 * ldc + L)).intoArray(c, cOff + 6 * ldc + L);
        c70.add(DoubleVector.fromArray(S, c, cOff + 7 * ldc)).intoArray(c, cOff + 7 * ldc);
        c71.add(DoubleVector.fromArray(S, c, cOff + 7 * ldc + L)).intoArray(c, cOff + 7 * ldc + L);
    }
}
