package io.github.nn4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import io.github.nn4j.TorchRandom;

/** The facade's contract (all four forms, alpha, beta) against a plain triple loop. */
class GemmFacadeTest {

    private final TorchRandom rng = new TorchRandom(99);

    private DMatrixRMaj random(int rows, int cols) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = rng.uniform(-1, 1);
        }
        return m;
    }

    private static double at(DMatrixRMaj m, boolean trans, int i, int j) {
        return trans ? m.get(j, i) : m.get(i, j);
    }

    @Test
    void matchesATripleLoopInEveryForm() {
        int m = 5;
        int n = 7;
        int k = 3;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (double beta : new double[] {0, 1, -0.5}) {
                    DMatrixRMaj a = ta ? random(k, m) : random(m, k);
                    DMatrixRMaj b = tb ? random(n, k) : random(k, n);
                    DMatrixRMaj c = random(m, n);
                    if (beta == 0) {
                        c.data[0] = Double.NaN; // ignored when beta == 0
                    }
                    DMatrixRMaj expected = new DMatrixRMaj(m, n);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double s = 0;
                            for (int p = 0; p < k; p++) {
                                s += at(a, ta, i, p) * at(b, tb, p, j);
                            }
                            expected.set(i, j, 1.5 * s + (beta == 0 ? 0 : beta * c.get(i, j)));
                        }
                    }
                    Gemm.gemm(ta, tb, 1.5, a, b, beta, c);
                    for (int i = 0; i < m * n; i++) {
                        assertEquals(expected.data[i], c.data[i], 1e-12, "transA=" + ta + " transB=" + tb + " beta=" + beta);
                    }
                }
            }
        }
    }

    @Test
    void rejectsMismatchedShapesAndAliasing() {
        DMatrixRMaj a = random(2, 3);
        DMatrixRMaj b = random(4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 1, a, b, 0, new DMatrixRMaj(2, 2)));
        assertEquals("gemm: op(A) is 2x3, op(B) is 4x2, C is 2x2", e.getMessage());
        DMatrixRMaj sq = random(3, 3);
        assertThrows(IllegalArgumentException.class, () -> Gemm.gemm(false, false, 1, sq, random(3, 3), 0, sq));
    }
}
