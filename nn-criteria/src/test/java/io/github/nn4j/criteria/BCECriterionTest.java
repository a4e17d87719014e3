package io.github.nn4j.criteria;

import static io.github.nn4j.criteria.CriterionChecks.assertGradient;
import static io.github.nn4j.criteria.CriterionChecks.assertRejected;
import static io.github.nn4j.criteria.CriterionChecks.assertTensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

class BCECriterionTest {

    private static final double EPS = 1e-12;

    /** The formula of TORCH_NN.md, per column weights, divided by nElement (not by Σw). */
    @ParameterizedTest(name = "weights={0} sizeAverage={1}")
    @CsvSource({"false, true", "false, false", "true, true", "true, false"})
    void matchesTheFormula(boolean weighted, boolean sizeAverage) {
        TorchRandom rng = new TorchRandom(14);
        int b = 3;
        int c = 4;
        Tensor x = Tensor.zeros(b, c).uniform(rng, 0.05, 0.95);
        Tensor t = Tensor.zeros(b, c).uniform(rng, 0, 1);
        Tensor w = weighted ? Tensor.zeros(c).uniform(rng, 0.5, 2) : null;
        double loss = 0;
        Tensor grad = Tensor.zeros(b, c);
        double norm = sizeAverage ? 1.0 / (b * c) : 1;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
                double wj = weighted ? w.get(j) : 1;
                double xi = x.get(i, j);
                double ti = t.get(i, j);
                loss -= wj * (ti * Math.log(xi + EPS) + (1 - ti) * Math.log(1 - xi + EPS)) * norm;
                grad.put(-wj * norm * (ti - xi) / ((1 - xi + EPS) * (xi + EPS)), i, j);
            }
        }
        BCECriterion crit = new BCECriterion(w, sizeAverage);
        assertEquals(loss, crit.forward(x, t), 1e-14);
        assertTensor(grad, crit.backward(x, t), 1e-14);
    }

    @Test
    void oneDimensionalWeightsArePerElement() {
        Tensor x = Tensor.of(0.2, 0.7);
        Tensor t = Tensor.of(0, 1);
        BCECriterion c = new BCECriterion(Tensor.of(2, 3), false);
        assertEquals(-2 * Math.log(0.8 + EPS) - 3 * Math.log(0.7 + EPS), c.forward(x, t), 1e-14);
    }

    @Test
    void endpointsAreFiniteThanksToEpsilon() {
        BCECriterion c = new BCECriterion();
        assertEquals(0, c.forward(Tensor.of(0, 1), Tensor.of(0, 1)), 1e-11);
        double l = c.forward(Tensor.of(0.0), Tensor.of(1.0));
        assertEquals(-Math.log(EPS), l, 1e-9);
    }

    @ParameterizedTest(name = "weights={0} sizeAverage={1} batch={2}")
    @CsvSource({"false, true, false", "false, false, false", "true, true, false", "true, false, false",
        "false, true, true", "false, false, true", "true, true, true", "true, false, true"})
    void gradientCheck(boolean weighted, boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(15);
        int c = 4;
        int[] size = batch ? new int[] {3, c} : new int[] {c};
        Tensor x = Tensor.zeros(size).uniform(rng, 0.05, 0.95);
        Tensor t = Tensor.zeros(size).uniform(rng, 0, 1);
        Tensor w = weighted ? Tensor.zeros(c).uniform(rng, 0.5, 2) : null;
        assertGradient(new BCECriterion(w, sizeAverage), x, t);
    }

    @Test
    void inputsOutsideZeroOneAreRejectedWithPositionAndValue() {
        BCECriterion c = new BCECriterion();
        Tensor x = Tensor.of(new double[][] {{0.1, 0.2, 0.3}, {0.4, 1.25, 0.6}});
        Tensor t = Tensor.zeros(2, 3);
        assertRejected(() -> c.forward(x, t), "nn.BCECriterion", "position [1, 1]", "1.25", "outside [0, 1]");
        assertRejected(() -> c.backward(x, t), "position [1, 1]", "1.25");
        assertRejected(() -> c.forward(Tensor.of(0.5, -0.1), Tensor.zeros(2)), "position [1]", "-0.1");
        assertRejected(() -> c.forward(Tensor.of(Double.NaN), Tensor.zeros(1)), "position [0]", "NaN");
    }

    @Test
    void shapeErrorsNameBothShapes() {
        assertRejected(() -> new BCECriterion().forward(Tensor.of(0.5, 0.5), Tensor.zeros(3)), "nn.BCECriterion",
                "[2]", "[3]");
        assertRejected(() -> new BCECriterion(Tensor.of(1, 1)).forward(Tensor.filled(0.5, 2, 3), Tensor.zeros(2, 3)),
                "nn.BCECriterion", "weights of size [2]", "[2, 3]");
        assertRejected(() -> new BCECriterion(Tensor.of(1, 1)).forward(Tensor.filled(0.5, 2, 2, 2),
                Tensor.zeros(2, 2, 2)), "[2, 2, 2]");
        assertRejected(() -> new BCECriterion(Tensor.zeros(2, 2)), "1-D", "[2, 2]");
    }

    @Test
    void reusesGradInput() {
        BCECriterion c = new BCECriterion();
        Tensor x = Tensor.filled(0.3, 2, 2);
        Tensor g = c.backward(x, Tensor.zeros(2, 2));
        double[] storage = g.data();
        assertSame(g, c.backward(x, Tensor.filled(1, 2, 2)));
        assertSame(storage, g.data());
        assertTrue(c.sizeAverage());
        assertEquals("nn.BCECriterion", c.toString());
    }
}
