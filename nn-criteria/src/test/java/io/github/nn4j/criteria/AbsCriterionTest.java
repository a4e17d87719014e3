package io.github.nn4j.criteria;

import static io.github.nn4j.criteria.CriterionChecks.assertGradient;
import static io.github.nn4j.criteria.CriterionChecks.assertRejected;
import static io.github.nn4j.criteria.CriterionChecks.assertReusesGradInput;
import static io.github.nn4j.criteria.CriterionChecks.assertTensor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

class AbsCriterionTest {

    /** Σ|x − t| / n; the gradient is ±1/n, +1/n at a tie as THNN's {@code >= 0}. */
    @Test
    void formula() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor t = Tensor.of(new double[][] {{0, 2, 5}, {4, 8, 6.5}});
        // |errors| 1, 0, 2, 0, 3, 0.5
        AbsCriterion c = new AbsCriterion();
        assertTrue(c.sizeAverage());
        assertEquals(6.5 / 6, c.forward(x, t), 1e-15);
        assertTensor(Tensor.of(new double[][] {{1, 1, -1}, {1, -1, -1}}).mul(1.0 / 6), c.backward(x, t), 1e-15);
        AbsCriterion s = new AbsCriterion(false);
        assertEquals(6.5, s.forward(x, t), 0);
        assertTensor(Tensor.of(new double[][] {{1, 1, -1}, {1, -1, -1}}), s.backward(x, t), 0);
        assertEquals("nn.AbsCriterion", c.toString());
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(3);
        int[] size = batch ? new int[] {4, 3} : new int[] {5};
        Tensor x = Tensor.zeros(size).uniform(rng, -2, 2);
        Tensor t = x.clone().add(Tensor.zeros(size).uniform(rng, 0.1, 1).mul(rng.nextInt(2) == 0 ? 1 : -1));
        assertGradient(new AbsCriterion(sizeAverage), x, t);
        assertReusesGradInput(new AbsCriterion(sizeAverage), x, t);
    }

    @Test
    void elementCountsMustAgree() {
        assertEquals(2.5, new AbsCriterion().forward(Tensor.of(1, 2, 3, 4), Tensor.of(new double[][] {{0, 0}, {0, 0}})),
                1e-15);
        assertRejected(() -> new AbsCriterion().forward(Tensor.zeros(4), Tensor.zeros(3)), "nn.AbsCriterion", "[4]",
                "[3]");
    }
}
