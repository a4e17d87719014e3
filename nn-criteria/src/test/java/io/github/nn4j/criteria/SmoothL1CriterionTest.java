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

class SmoothL1CriterionTest {

    /** 0.5 z² below |z| = 1, |z| − 0.5 above; the gradient is clamp(z, −1, 1). */
    @Test
    void formula() {
        Tensor x = Tensor.of(0.5, -2, 3, 1);
        Tensor t = Tensor.of(0, 0, 0.5, 1.25);
        // z = 0.5, -2, 2.5, -0.25 -> 0.125, 1.5, 2, 0.03125
        SmoothL1Criterion c = new SmoothL1Criterion();
        assertEquals((0.125 + 1.5 + 2 + 0.03125) / 4, c.forward(x, t), 1e-15);
        assertTensor(Tensor.of(0.5, -1, 1, -0.25).mul(0.25), c.backward(x, t), 1e-15);
        SmoothL1Criterion s = new SmoothL1Criterion(false);
        assertEquals(0.125 + 1.5 + 2 + 0.03125, s.forward(x, t), 1e-15);
        assertTensor(Tensor.of(0.5, -1, 1, -0.25), s.backward(x, t), 0);
        assertEquals("nn.SmoothL1Criterion", c.toString());
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(4);
        int[] size = batch ? new int[] {4, 3} : new int[] {6};
        Tensor x = Tensor.zeros(size).uniform(rng, -3, 3);
        Tensor t = Tensor.zeros(size);
        for (int i = 0; i < x.numel(); i++) {
            // differences 0.4 or 1.7: away from the kinks at ±1
            t.data()[i] = x.data()[i] + (i % 3 == 0 ? 1.7 : -0.4);
        }
        assertGradient(new SmoothL1Criterion(sizeAverage), x, t);
        assertReusesGradInput(new SmoothL1Criterion(sizeAverage), x, t);
    }

    @Test
    void elementCountsMustAgree() {
        assertRejected(() -> new SmoothL1Criterion().backward(Tensor.zeros(2, 3), Tensor.zeros(5)),
                "nn.SmoothL1Criterion", "[2, 3]", "[5]");
    }
}
