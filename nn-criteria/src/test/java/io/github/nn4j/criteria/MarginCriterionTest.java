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

class MarginCriterionTest {

    /** Σ max(0, margin − x t) / n; gradient −t/n where x t &lt; margin. */
    @Test
    void formula() {
        Tensor x = Tensor.of(0.2, -0.5, 2, -3);
        Tensor t = Tensor.of(1, 1, 1, -1);
        // margin 0.7: 0.5, 1.2, 0, 0
        MarginCriterion c = new MarginCriterion(0.7);
        assertEquals(1.7 / 4, c.forward(x, t), 1e-15);
        assertTensor(Tensor.of(-0.25, -0.25, 0, 0), c.backward(x, t), 0);
        MarginCriterion d = new MarginCriterion();
        assertEquals(1, d.margin(), 0);
        d.setSizeAverage(false);
        // margin 1: 0.8, 1.5, 0, 0
        assertEquals(2.3, d.forward(x, t), 1e-15);
        assertTensor(Tensor.of(-1, -1, 0, 0), d.backward(x, t), 0);
        assertEquals("nn.MarginCriterion", c.toString());
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        int[] size = batch ? new int[] {3, 4} : new int[] {6};
        Tensor x = Tensor.zeros(size);
        for (int i = 0; i < x.numel(); i++) {
            x.data()[i] = 0.13 * i - 0.81;   // x·t away from the margin 0.7
        }
        assertGradient(new MarginCriterion(0.7, sizeAverage), x, signs(size));
        assertReusesGradInput(new MarginCriterion(0.7, sizeAverage), x, signs(size));
    }

    @Test
    void errors() {
        assertRejected(() -> new MarginCriterion().forward(Tensor.zeros(3), Tensor.zeros(4)), "nn.MarginCriterion",
                "[3]", "[4]");
        assertRejected(() -> new MarginCriterion(Double.NaN), "nn.MarginCriterion", "margin", "NaN");
    }
}
