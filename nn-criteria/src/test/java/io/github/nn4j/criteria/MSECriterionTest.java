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

class MSECriterionTest {

    /** Σ(x − t)² / n with n counting every element, batch included. */
    @Test
    void dividesByTheNumberOfElements() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor t = Tensor.of(new double[][] {{0, 2, 5}, {4, 8, 6}});
        // squared errors 1, 0, 4, 0, 9, 0
        MSECriterion c = new MSECriterion();
        assertTrue(c.sizeAverage());
        assertEquals(14.0 / 6, c.forward(x, t), 1e-15);
        assertTensor(Tensor.of(new double[][] {{2.0 / 6, 0, -4.0 / 6}, {0, -6.0 / 6, 0}}), c.backward(x, t), 1e-15);
        MSECriterion s = new MSECriterion(false);
        assertEquals(14, s.forward(x, t), 0);
        assertTensor(Tensor.of(new double[][] {{2, 0, -4}, {0, -6, 0}}), s.backward(x, t), 0);
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(12);
        int[] size = batch ? new int[] {4, 3} : new int[] {5};
        Tensor x = Tensor.zeros(size).uniform(rng, -2, 2);
        Tensor t = Tensor.zeros(size).uniform(rng, -2, 2);
        assertGradient(new MSECriterion(sizeAverage), x, t);
    }

    @Test
    void onlyElementCountsMustAgree() {
        Tensor x = Tensor.of(1, 2, 3, 4);
        Tensor t = Tensor.of(new double[][] {{0, 0}, {0, 0}});
        MSECriterion c = new MSECriterion();
        assertEquals(30.0 / 4, c.forward(x, t), 1e-15);
        Tensor g = c.backward(x, t);
        assertTrue(g.hasSize(4));
        double[] storage = g.data();
        assertSame(g, c.backward(x, t));
        assertSame(storage, g.data(), "gradInput storage reused");
        assertRejected(() -> c.forward(x, Tensor.zeros(3)), "nn.MSECriterion", "[4]", "[3]");
    }
}
