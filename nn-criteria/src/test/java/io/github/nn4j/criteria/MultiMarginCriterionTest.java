package io.github.nn4j.criteria;

import static io.github.nn4j.criteria.CriterionChecks.assertGradient;
import static io.github.nn4j.criteria.CriterionChecks.assertRejected;
import static io.github.nn4j.criteria.CriterionChecks.assertTensor;
import static io.github.nn4j.criteria.CriterionChecks.ints;
import static io.github.nn4j.criteria.CriterionChecks.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

class MultiMarginCriterionTest {

    /** TORCH_NN.md [run]: x = [.1, .2, .4, .8], y = 3 (Lua) = 2 (Java), p = 1. */
    @Test
    void torchRunExampleP1() {
        MultiMarginCriterion c = new MultiMarginCriterion();
        Tensor x = Tensor.of(0.1, 0.2, 0.4, 0.8);
        assertEquals(0.725, c.forward(x, 2), 1e-15);
        assertTensor(Tensor.of(0.25, 0.25, -0.75, 0.25), c.backward(x, 2), 1e-15);
    }

    /** TORCH_NN.md [run]: the same x and y, p = 2, w₃ = 2 (Java index 2), margin 0.5. */
    @Test
    void torchRunExampleP2WeightedMargin() {
        MultiMarginCriterion c = new MultiMarginCriterion(2, Tensor.of(1, 1, 2, 1), 0.5);
        Tensor x = Tensor.of(0.1, 0.2, 0.4, 0.8);
        assertEquals(0.47, c.forward(x, 2), 1e-15);
        assertTensor(Tensor.of(0.2, 0.3, -1.4, 0.9), c.backward(x, 2), 1e-15);
    }

    /** Torch × C is the CS231n data loss (and gradient) with Δ = margin, computed here the CS231n way. */
    @Test
    void timesCEqualsTheCs231nSvmLoss() {
        TorchRandom rng = new TorchRandom(11);
        int n = 7;
        int c = 5;
        double delta = 1.3;
        Tensor s = Tensor.zeros(n, c).uniform(rng, -2, 2);
        Tensor y = labels(rng, n, c);
        double cs231n = 0;
        Tensor dScores = Tensor.zeros(n, c);
        for (int i = 0; i < n; i++) {
            int yi = (int) y.get(i);
            for (int j = 0; j < c; j++) {
                if (j == yi) {
                    continue;
                }
                double m = s.get(i, j) - s.get(i, yi) + delta;
                if (m > 0) {
                    cs231n += m;
                    dScores.put(dScores.get(i, j) + 1.0 / n, i, j);
                    dScores.put(dScores.get(i, yi) - 1.0 / n, i, yi);
                }
            }
        }
        cs231n /= n;
        MultiMarginCriterion crit = new MultiMarginCriterion(1, null, delta);
        assertEquals(cs231n, crit.forward(s, y) * c, 1e-12 * cs231n);
        assertTensor(dScores, crit.backward(s, y).clone().mul(c), 1e-14);
    }

    /**
     * CS231n's sanity check: with tiny scores every hinge term is Δ + (s_d − s_y), so
     * Torch's loss × C = (C − 1) + (1/N) Σ_i Σ_{d≠y_i} (s_d − s_{y_i}), and each inner sum is at
     * most 2(C − 1)·max|s| in magnitude. With scores 0.001·N(0, 1) that bound is ≈ 0.06 for C = 10.
     */
    @Test
    void cs231nSanityCheckTinyScoresGiveCMinusOne() {
        TorchRandom rng = new TorchRandom(231);
        int n = 50;
        int c = 10;
        Tensor s = Tensor.zeros(n, c).normal(rng, 0, 0.001);
        double maxAbs = 0;
        for (double v : s.toArray()) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertTrue(maxAbs < 0.01, "scores are tiny");
        double loss = new MultiMarginCriterion().forward(s, labels(rng, n, c));
        assertEquals(c - 1, loss * c, 2 * (c - 1) * maxAbs);
    }

    /** The formula of TORCH_NN.md §2, written out plainly, for p, weights, margin and sizeAverage. */
    @ParameterizedTest(name = "p={0} weights={1} sizeAverage={2} batch={3}")
    @MethodSource("settings")
    void matchesTheFormula(int p, boolean weighted, boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(5);
        int c = 4;
        int n = batch ? 6 : 1;
        double margin = 0.8;
        Tensor w = weighted ? Tensor.zeros(c).uniform(rng, 0.5, 2) : null;
        Tensor x = batch ? Tensor.zeros(n, c).uniform(rng, -1, 1) : Tensor.zeros(c).uniform(rng, -1, 1);
        Tensor y = labels(rng, n, c);
        double expected = 0;
        Tensor grad = x.zerosLike();
        double k = sizeAverage ? 1.0 / (n * c) : 1.0 / c;
        for (int i = 0; i < n; i++) {
            int t = (int) y.get(i);
            double wt = weighted ? w.get(t) : 1;
            for (int d = 0; d < c; d++) {
                double z = margin - x.data()[i * c + t] + x.data()[i * c + d];
                if (d != t && z > 0) {
                    expected += wt * Math.pow(z, p) * k;
                    double g = wt * (p == 1 ? 1 : 2 * z) * k;
                    grad.data()[i * c + d] += g;
                    grad.data()[i * c + t] -= g;
                }
            }
        }
        MultiMarginCriterion crit = new MultiMarginCriterion(p, w, margin).setSizeAverage(sizeAverage);
        assertEquals(expected, crit.forward(x, y), 1e-14);
        assertTensor(grad, crit.backward(x, y), 1e-15);
    }

    @ParameterizedTest(name = "p={0} weights={1} sizeAverage={2} batch={3}")
    @MethodSource("settings")
    void gradientCheck(int p, boolean weighted, boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(17);
        int c = 5;
        int n = batch ? 4 : 1;
        double margin = p == 1 ? 1.0 : 0.5;
        Tensor y = labels(rng, n, c);
        Tensor x = awayFromHinges(rng, batch ? new int[] {n, c} : new int[] {c}, ints(y), margin);
        Tensor w = weighted ? Tensor.zeros(c).uniform(rng, 0.5, 2) : null;
        MultiMarginCriterion crit = new MultiMarginCriterion(p, w, margin).setSizeAverage(sizeAverage);
        assertGradient(crit, x, y);
    }

    static List<Arguments> settings() {
        List<Arguments> out = new ArrayList<>();
        for (int p = 1; p <= 2; p++) {
            for (boolean weighted : new boolean[] {false, true}) {
                for (boolean avg : new boolean[] {true, false}) {
                    for (boolean batch : new boolean[] {false, true}) {
                        out.add(Arguments.of(p, weighted, avg, batch));
                    }
                }
            }
        }
        return out;
    }

    /** Uniform scores in [−2, 2], redrawn until every hinge is at least 1e-3 from its kink. */
    static Tensor awayFromHinges(TorchRandom rng, int[] size, int[] y, double margin) {
        Tensor x = Tensor.zeros(size);
        int c = size[size.length - 1];
        boolean ok;
        do {
            x.uniform(rng, -2, 2);
            ok = true;
            for (int i = 0; i < y.length; i++) {
                for (int d = 0; d < c; d++) {
                    double z = margin - x.data()[i * c + y[i]] + x.data()[i * c + d];
                    ok &= d == y[i] || Math.abs(z) > 1e-3;
                }
            }
        } while (!ok);
        return x;
    }

    @Test
    void sizeAverageDividesByTheBatchAndAlwaysByC() {
        TorchRandom rng = new TorchRandom(3);
        Tensor x = Tensor.zeros(5, 4).uniform(rng, -1, 1);
        Tensor y = labels(rng, 5, 4);
        MultiMarginCriterion crit = new MultiMarginCriterion();
        assertTrue(crit.sizeAverage(), "Torch's default");
        double avg = crit.forward(x, y);
        double sum = crit.setSizeAverage(false).forward(x, y);
        assertEquals(5 * avg, sum, 1e-14);
    }

    @Test
    void intOverloadsMatchTensorTargetsAndReuseBuffers() {
        TorchRandom rng = new TorchRandom(9);
        Tensor x = Tensor.zeros(6, 3).uniform(rng, -1, 1);
        Tensor y = labels(rng, 6, 3);
        MultiMarginCriterion a = new MultiMarginCriterion(2);
        MultiMarginCriterion b = new MultiMarginCriterion(2);
        assertEquals(a.forward(x, y), b.forward(x, ints(y)), 0);
        Tensor g = b.backward(x, ints(y));
        assertTensor(a.backward(x, y), g, 0);
        double[] storage = g.data();
        assertSame(g, b.backward(x, ints(y)));
        assertSame(storage, b.backward(x, ints(y)).data(), "gradInput storage reused");
        assertEquals(a.forward(x.view(18).view(6, 3), y), b.forward(x, ints(y)), 0);
        Tensor one = Tensor.of(0.3, -0.2, 0.9);
        Tensor row = Tensor.fromArray(one.toArray(), 1, 3);
        assertEquals(a.forward(one, 1), a.forward(row, 1), 0);
        assertTrue(a.backward(row, 1).hasSize(1, 3));
    }

    @Test
    void labelErrorsNamePositionValueAndC() {
        MultiMarginCriterion c = new MultiMarginCriterion();
        Tensor x = Tensor.zeros(3, 4);
        assertRejected(() -> c.forward(x, Tensor.of(0, 4, 1)), "nn.MultiMarginCriterion", "position 1", "is 4",
                "[0, 4)", "C = 4");
        assertRejected(() -> c.forward(x, new int[] {0, 1, -1}), "position 2", "is -1", "[0, 4)");
        assertRejected(() -> c.backward(x, Tensor.of(0, 1.5, 1)), "position 1", "1.5", "not an integer");
        assertRejected(() -> c.forward(Tensor.zeros(4), 4), "position 0", "is 4", "C = 4");
        assertRejected(() -> c.forward(x, Tensor.of(0, Double.NaN, 1)), "position 1", "NaN");
    }

    @Test
    void shapeErrorsNameTheCriterionAndBothShapes() {
        MultiMarginCriterion c = new MultiMarginCriterion();
        assertRejected(() -> c.forward(Tensor.zeros(2, 3, 4), Tensor.of(0, 1)), "nn.MultiMarginCriterion",
                "[C] or [B, C]", "[2, 3, 4]");
        assertRejected(() -> c.forward(Tensor.zeros(3, 4), Tensor.of(0, 1)), "nn.MultiMarginCriterion", "[3]",
                "[3, 4]", "got [2]");
        assertRejected(() -> c.forward(Tensor.zeros(3, 4), new int[] {0}), "[3, 4]", "got [1]");
        assertRejected(() -> new MultiMarginCriterion(1, Tensor.of(1, 2, 3)).forward(Tensor.zeros(3, 4), new int[] {0, 1, 2}),
                "nn.MultiMarginCriterion", "size [3]", "[3, 4]", "C = 4");
        assertRejected(() -> new MultiMarginCriterion(3), "p = 1 and p = 2", "got 3");
        assertRejected(() -> new MultiMarginCriterion(1, Tensor.zeros(2, 2)), "1-D", "[2, 2]");
    }

    @Test
    void printsAsTorch() {
        assertEquals("nn.MultiMarginCriterion", new MultiMarginCriterion().toString());
    }
}
