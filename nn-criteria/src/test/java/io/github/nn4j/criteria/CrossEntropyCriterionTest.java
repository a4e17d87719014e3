package io.github.nn4j.criteria;

import static io.github.nn4j.criteria.CriterionChecks.assertGradient;
import static io.github.nn4j.criteria.CriterionChecks.assertRejected;
import static io.github.nn4j.criteria.CriterionChecks.assertTensor;
import static io.github.nn4j.criteria.CriterionChecks.ints;
import static io.github.nn4j.criteria.CriterionChecks.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

class CrossEntropyCriterionTest {

    /** Softmax cross-entropy written out directly: loss and gradient for moderate scores. */
    @ParameterizedTest(name = "weights={0} sizeAverage={1}")
    @CsvSource({"false, true", "false, false", "true, true", "true, false"})
    void matchesTheSoftmaxCrossEntropyFormula(boolean weighted, boolean sizeAverage) {
        TorchRandom rng = new TorchRandom(8);
        int n = 5;
        int c = 4;
        Tensor x = Tensor.zeros(n, c).uniform(rng, -2, 2);
        Tensor y = labels(rng, n, c);
        Tensor w = weighted ? Tensor.zeros(c).uniform(rng, 0.3, 2) : null;
        double loss = 0;
        double total = 0;
        Tensor grad = Tensor.zeros(n, c);
        for (int i = 0; i < n; i++) {
            int t = (int) y.get(i);
            double wt = weighted ? w.get(t) : 1;
            double z = 0;
            for (int d = 0; d < c; d++) {
                z += Math.exp(x.get(i, d));
            }
            loss += wt * (Math.log(z) - x.get(i, t));
            total += wt;
            for (int d = 0; d < c; d++) {
                grad.put(wt * (Math.exp(x.get(i, d)) / z - (d == t ? 1 : 0)), i, d);
            }
        }
        if (sizeAverage) {
            loss /= total;
            grad.mul(1 / total);
        }
        CrossEntropyCriterion crit = new CrossEntropyCriterion(w, sizeAverage);
        assertEquals(loss, crit.forward(x, y), 1e-14);
        assertTensor(grad, crit.backward(x, y), 1e-15);
    }

    /**
     * CS231n's sanity check: with tiny scores, each sample's loss −s_y + log Σ_j e^(s_j) lies within
     * 2·max|s| of log C (−s_y is within max|s| of 0, and log Σ_j e^(s_j) within max|s| of log C), so
     * the mean is −log(0.1) = log 10 to within 2·max|s| ≈ 0.006 for scores 0.001·N(0, 1).
     */
    @Test
    void cs231nSanityCheckTinyScoresGiveMinusLogOneTenth() {
        TorchRandom rng = new TorchRandom(231);
        Tensor s = Tensor.zeros(50, 10).normal(rng, 0, 0.001);
        double maxAbs = 0;
        for (double v : s.toArray()) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertTrue(maxAbs < 0.01, "scores are tiny");
        double loss = new CrossEntropyCriterion().forward(s, labels(rng, 50, 10));
        assertEquals(-Math.log(0.1), loss, 2 * maxAbs);
    }

    @Test
    void aOneByCInputIsOneSampleAndKeepsItsShape() {
        Tensor v = Tensor.of(0.2, -1.0, 0.7);
        Tensor row = Tensor.fromArray(v.toArray(), 1, 3);
        CrossEntropyCriterion c = new CrossEntropyCriterion(Tensor.of(1, 2, 3));
        double l1 = c.forward(v, 2);
        Tensor g1 = c.backward(v, 2).clone();
        assertEquals(l1, c.forward(row, 2), 0);
        Tensor g2 = c.backward(row, 2);
        assertTrue(g2.hasSize(1, 3), g2.shapeString());
        assertTensor(g1, g2.view(3), 0);
        c.forward(v, new int[] {2});
        assertTrue(c.backward(v, new int[] {2}).hasSize(3));
    }

    @Test
    void setSizeAverageTakesEffectAtOnce() {
        TorchRandom rng = new TorchRandom(2);
        Tensor x = Tensor.zeros(4, 3).uniform(rng, -1, 1);
        Tensor y = labels(rng, 4, 3);
        CrossEntropyCriterion c = new CrossEntropyCriterion();
        double mean = c.forward(x, y);
        Tensor gMean = c.backward(x, y).clone();
        c.setSizeAverage(false);
        assertFalse(c.sizeAverage());
        assertEquals(4 * mean, c.forward(x, y), 1e-14);
        assertTensor(gMean.mul(4), c.backward(x, y), 1e-15);
    }

    @Test
    void stableForHugeScores() {
        Tensor x = Tensor.of(new double[][] {{1000, 0, -1000}, {-1000, 1000, 999}});
        CrossEntropyCriterion c = new CrossEntropyCriterion();
        double loss = c.forward(x, new int[] {0, 2});
        assertEquals((0 + (1 + Math.log1p(Math.exp(-1)))) / 2, loss, 1e-12);
        for (double g : c.backward(x, new int[] {0, 2}).toArray()) {
            assertTrue(Double.isFinite(g));
        }
    }

    @ParameterizedTest(name = "weights={0} sizeAverage={1} batch={2}")
    @CsvSource({"false, true, false", "false, false, false", "true, true, false", "true, false, false",
        "false, true, true", "false, false, true", "true, true, true", "true, false, true"})
    void gradientCheck(boolean weighted, boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(33);
        int c = 6;
        int n = batch ? 5 : 1;
        Tensor x = batch ? Tensor.zeros(n, c).uniform(rng, -2, 2) : Tensor.zeros(c).uniform(rng, -2, 2);
        Tensor y = labels(rng, n, c);
        Tensor w = weighted ? Tensor.zeros(c).uniform(rng, 0.2, 2) : null;
        assertGradient(new CrossEntropyCriterion(w, sizeAverage), x, y);
    }

    @Test
    void intOverloadsMatchTensorTargetsAndReuseBuffers() {
        TorchRandom rng = new TorchRandom(6);
        Tensor x = Tensor.zeros(5, 4).uniform(rng, -2, 2);
        Tensor y = labels(rng, 5, 4);
        CrossEntropyCriterion a = new CrossEntropyCriterion();
        CrossEntropyCriterion b = new CrossEntropyCriterion();
        assertEquals(a.forward(x, y), b.forward(x, ints(y)), 0);
        Tensor g = b.backward(x, ints(y));
        assertTensor(a.backward(x, y), g, 0);
        double[] storage = g.data();
        b.forward(x, ints(y));
        assertSame(g, b.backward(x, ints(y)));
        assertSame(storage, g.data());
    }

    @Test
    void errorsNameTheCrossEntropyCriterion() {
        CrossEntropyCriterion c = new CrossEntropyCriterion();
        Tensor x = Tensor.zeros(2, 3);
        assertRejected(() -> c.forward(x, new int[] {0, 5}), "nn.CrossEntropyCriterion", "position 1", "is 5",
                "C = 3");
        assertRejected(() -> c.forward(Tensor.zeros(2, 3, 1), Tensor.of(0, 1)), "nn.CrossEntropyCriterion",
                "[2, 3, 1]");
        assertRejected(() -> c.forward(x, Tensor.of(0, 1, 2)), "nn.CrossEntropyCriterion", "[2, 3]", "got [3]");
        assertRejected(() -> new CrossEntropyCriterion(Tensor.of(1, 1)).forward(x, new int[] {0, 1}),
                "nn.CrossEntropyCriterion", "[2, 3]", "C = 3");
        assertThrows(IllegalStateException.class, () -> new CrossEntropyCriterion().backward(x, new int[] {0, 1}));
        assertEquals("nn.CrossEntropyCriterion", c.toString());
    }
}
