package io.github.nn4j.criteria;

import static io.github.nn4j.criteria.CriterionChecks.assertGradient;
import static io.github.nn4j.criteria.CriterionChecks.assertRejected;
import static io.github.nn4j.criteria.CriterionChecks.assertReusesGradInput;
import static io.github.nn4j.criteria.CriterionChecks.assertTensor;
import static io.github.nn4j.criteria.CriterionChecks.signs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

class WeightedMSECriterionTest {

    /** The weight multiplies the target of every row, then MSE (divisor: every element). */
    @Test
    void weightPerRow() {
        Tensor w = Tensor.of(1, 2, 3);
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor t = Tensor.of(new double[][] {{1, 1, 1}, {2, 2, 2}});
        // u = {1, 2, 3}, {2, 4, 6}: errors 0, 0, 0, 2, 1, 0
        WeightedMSECriterion c = new WeightedMSECriterion(w);
        assertEquals(5.0 / 6, c.forward(x, t), 1e-15);
        assertTensor(Tensor.of(new double[][] {{0, 0, 0}, {4.0 / 6, 2.0 / 6, 0}}), c.backward(x, t), 1e-15);
        WeightedMSECriterion s = new WeightedMSECriterion(w, false);
        assertEquals(5, s.forward(x, t), 1e-15);
        assertTensor(Tensor.of(new double[][] {{0, 0, 0}, {4, 2, 0}}), s.backward(x, t), 0);
        assertEquals("nn.WeightedMSECriterion", c.toString());
        w.fill(7);
        assertEquals(5, s.forward(x, t), 1e-15, "the weight was copied");
    }

    /** A weight of the input's own size multiplies element by element. */
    @Test
    void weightOfTheWholeInput() {
        WeightedMSECriterion c = new WeightedMSECriterion(Tensor.of(2, 0.5), false);
        assertEquals(1 + 0.25, c.forward(Tensor.of(1, 1), Tensor.of(1, 1)), 1e-15);
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(8);
        int[] size = batch ? new int[] {4, 3} : new int[] {3};
        Tensor x = Tensor.zeros(size).uniform(rng, -2, 2);
        Tensor t = Tensor.zeros(size).uniform(rng, -2, 2);
        WeightedMSECriterion c = new WeightedMSECriterion(Tensor.of(0.5, 1.5, -1), sizeAverage);
        assertGradient(c, x, t);
        assertReusesGradInput(c, x, t);
    }

    @Test
    void errors() {
        WeightedMSECriterion c = new WeightedMSECriterion(Tensor.of(1, 2, 3));
        assertRejected(() -> c.forward(Tensor.zeros(2, 4), Tensor.zeros(2, 4)), "nn.WeightedMSECriterion", "[3]",
                "[2, 4]");
        assertRejected(() -> c.forward(Tensor.zeros(2, 3), Tensor.zeros(5)), "[2, 3]", "[5]");
        assertRejected(() -> new WeightedMSECriterion(null), "non-empty", "null");
        assertRejected(() -> new WeightedMSECriterion(Tensor.empty()), "non-empty");
    }
}
