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

class SoftMarginCriterionTest {

    /** Σ log(1 + e^(−t x)) / n; gradient −t σ(−t x) / n. */
    @Test
    void formula() {
        Tensor x = Tensor.of(0, 1, -2);
        Tensor t = Tensor.of(1, -1, -1);
        double l = Math.log(2) + Math.log(1 + Math.E) + Math.log(1 + Math.exp(-2));
        SoftMarginCriterion c = new SoftMarginCriterion();
        assertEquals(l / 3, c.forward(x, t), 1e-15);
        double s1 = Math.E / (1 + Math.E);
        double s2 = Math.exp(-2) / (1 + Math.exp(-2));
        assertTensor(Tensor.of(-0.5, s1, s2).mul(1.0 / 3), c.backward(x, t), 1e-15);
        SoftMarginCriterion s = new SoftMarginCriterion(false);
        assertEquals(l, s.forward(x, t), 1e-15);
        assertTensor(Tensor.of(-0.5, s1, s2), s.backward(x, t), 1e-15);
        assertEquals("nn.SoftMarginCriterion", c.toString());
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        int[] size = batch ? new int[] {3, 4} : new int[] {5};
        Tensor x = Tensor.zeros(size).uniform(new TorchRandom(6), -2, 2);
        assertGradient(new SoftMarginCriterion(sizeAverage), x, signs(size));
        assertReusesGradInput(new SoftMarginCriterion(sizeAverage), x, signs(size));
    }

    @Test
    void elementCountsMustAgree() {
        assertRejected(() -> new SoftMarginCriterion().forward(Tensor.zeros(3), Tensor.zeros(2)),
                "nn.SoftMarginCriterion", "[3]", "[2]");
    }
}
