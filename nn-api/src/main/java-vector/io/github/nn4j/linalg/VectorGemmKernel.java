package io.github.nn4j.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API micro-kernel: an 8 × (2 × lanes) register tile of {@code C} (8 × 16 doubles
 * with AVX-512) held in 16 vector accumulators; per step of {@code p} it loads two vectors of
 * packed B, broadcasts 8 packed A values and issues 16 FMAs.
 *
 * <p>This class is compiled in a separate javac execution with
 * {@code --add-modules jdk.incubator.vector} and is only loaded (reflectively, by {@link Gemm})
 * when that module is in the boot layer.
 */
final class VectorGemmKernel extends PackedGemmKernel {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 8;
    /**
     * Below {@code min(m, n) = 8} EJML wins (a tile is 8 × 16, so a thinner {@code C} wastes most
     * of it); from 8 on this kernel wins at every {@code k >= 2} and every transposition form
     * (measured by {@code GemmThresholdSweep}: 1.0× at 8×8×2, up to 15× on larger shapes). At
     * {@code k = 1} EJML's rank-1 update wins for {@code Aᵀ·B} with {@code n = 8}.
     */
    private static final int MIN_SIDE = 8;
    private static final int MIN_DEPTH = 2;

    /**
     * The tuned blocking: {@code kc = 256} (a B micro-panel is 32 KiB, an A micro-panel 16 KiB:
     * about L1), {@code mc = 128} (packed A 256 KiB, in L2), {@code nc = 1024} (packed B 2 MiB).
     * On the wide shapes {@code kc} 128 or 384, {@code mc} 64 or 256 and {@code nc} 512 or 2048
     * measured no better (the differences were within the noise of the shared machine).
     */
    VectorGemmKernel() {
        this(256, 128, 1024);
    }

    /**
     * A kernel with explicit blocking (tests and tuning).
     *
     * @param kc panel depth
     * @param mc rows of a packed A block, a multiple of 8
     * @param nc columns of a packed B block, a multiple of twice the vector length
     */
    VectorGemmKernel(int kc, int mc, int nc) {
        super(MR, 2 * L, kc, mc, nc, MIN_SIDE, MIN_SIDE, MIN_DEPTH);
    }

    @Override
    void tile(int k, double[] ap, int aOff, double[] bp, int bOff, double[] c, int cOff, int ldc) {
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
        for (int p = 0; p < k; p++, a += MR, b += 2 * L) {
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
