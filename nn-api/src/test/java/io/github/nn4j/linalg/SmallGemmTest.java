package io.github.nn4j.linalg;

import static io.github.nn4j.linalg.GemmReference.assertProduct;
import static io.github.nn4j.linalg.GemmReference.copyOf;
import static io.github.nn4j.linalg.GemmReference.random;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The thin-product path ({@code SmallGemm}) through the facade: every transposition form, alpha
 * other than 1, beta 0 over a NaN-filled C, 1 and another value, shapes on both sides of its
 * thresholds, against the triple loop (relative 1e-12 of the terms' magnitude).
 */
class SmallGemmTest {

    private static final int[] DIMS = {1, 2, 3, 4, 5, 6, 9, 17, 100, 300};
    private static final double[] ALPHAS = {1.0, -1.25};
    private static final double[] BETAS = {0.0, 1.0, -0.75};

    @Test
    void matchesTripleLoopAroundTheThresholds() {
        Random rnd = new Random(11);
        int small = 0;
        for (int m : DIMS) {
            for (int n : DIMS) {
                for (int k : DIMS) {
                    if ((long) m * n * k > 100_000) {
                        continue;
                    }
                    for (int form = 0; form < 4; form++) {
                        boolean ta = (form & 1) != 0;
                        boolean tb = (form & 2) != 0;
                        if (!Gemm.useBlocked(m, n, k) && SmallGemm.accepts(ta, tb, m, n, k)) {
                            small++;
                        }
                        for (double alpha : ALPHAS) {
                            for (double beta : BETAS) {
                                check(ta, tb, m, n, k, alpha, beta, rnd);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(small > 500, "the small path must be exercised, got " + small + " products");
    }

    @Test
    void workloadShapesTakeTheSmallPath() {
        // the tiny MLP's thin products (see GemmBench): none of them goes to EJML any more
        int[][] shapes = {{300, 2, 100, 0}, {100, 2, 300, 1}, {300, 3, 100, 2}, {3, 100, 300, 1}, {1, 100, 300, 1}};
        for (int[] s : shapes) {
            boolean ta = (s[3] & 1) != 0;
            boolean tb = (s[3] & 2) != 0;
            assertTrue(Gemm.useBlocked(s[0], s[1], s[2]) || SmallGemm.accepts(ta, tb, s[0], s[1], s[2]),
                    Arrays.toString(s));
        }
        assertFalse(SmallGemm.accepts(true, true, 3, 3, 3), "Aᵀ·Bᵀ stays on EJML");
        assertFalse(SmallGemm.accepts(false, false, 64, 64, 64), "square products are not thin");
    }

    @Test
    void repeatedCallsReuseScratchAcrossShapes() {
        Random rnd = new Random(5);
        // the per-thread scratch grows and shrinks in use: large, then small, then large again
        int[][] shapes = {{300, 4, 100}, {5, 2, 3}, {300, 100, 2}, {6, 7, 1}, {100, 2, 300}};
        for (int round = 0; round < 2; round++) {
            for (int[] s : shapes) {
                check(true, false, s[0], s[1], s[2], 0.5, 0.0, rnd);
                check(false, true, s[0], s[1], s[2], 0.5, 1.0, rnd);
            }
        }
    }

    private static void check(boolean ta, boolean tb, int m, int n, int k, double alpha, double beta, Random rnd) {
        DMatrixRMaj a = ta ? random(k, m, rnd) : random(m, k, rnd);
        DMatrixRMaj b = tb ? random(n, k, rnd) : random(k, n, rnd);
        DMatrixRMaj c = random(m, n, rnd);
        if (beta == 0.0) {
            Arrays.fill(c.data, 0, m * n, Double.NaN);
        }
        DMatrixRMaj c0 = copyOf(c);
        Gemm.gemm(ta, tb, alpha, a, b, beta, c);
        assertProduct("small " + m + "x" + n + "x" + k, ta, tb, alpha, a, b, beta, c0, c);
    }
}
