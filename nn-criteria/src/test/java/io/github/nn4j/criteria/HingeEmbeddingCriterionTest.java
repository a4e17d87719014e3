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

class HingeEmbeddingCriterionTest {

    /** x for t = 1, max(0, margin − x) for t = −1; gradient t, 0 where t = −1 and x &gt; margin. */
    @Test
    void formula() {
        Tensor x = Tensor.of(0.3, 0.4, 2, 0.5);
        Tensor t = Tensor.of(1, -1, -1, 1);
        // margin 1: 0.3, 0.6, 0, 0.5
        HingeEmbeddingCriterion c = new HingeEmbeddingCriterion();
        assertEquals(1.4 / 4, c.forward(x, t), 1e-15);
        assertTensor(Tensor.of(0.25, -0.25, 0, 0.25), c.backward(x, t), 0);
        HingeEmbeddingCriterion s = new HingeEmbeddingCriterion(0.7, false);
        // margin 0.7: 0.3, 0.3, 0, 0.5
        assertEquals(1.1, s.forward(x, t), 1e-15);
        assertTensor(Tensor.of(1, -1, 0, 1), s.backward(x, t), 0);
        assertEquals("nn.HingeEmbeddingCriterion", c.toString());
        // a one-element input with a Lua number target
        assertEquals(0.75, new HingeEmbeddingCriterion().forward(Tensor.of(0.25), Tensor.of(-1)), 1e-15);
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        int[] size = batch ? new int[] {3, 4} : new int[] {6};
        Tensor x = Tensor.zeros(size);
        for (int i = 0; i < x.numel(); i++) {
            x.data()[i] = 0.23 * i + 0.05;  // away from the margin 0.7
        }
        assertGradient(new HingeEmbeddingCriterion(0.7, sizeAverage), x, signs(size));
        assertReusesGradInput(new HingeEmbeddingCriterion(0.7, sizeAverage), x, signs(size));
    }

    @Test
    void errors() {
        assertRejected(() -> new HingeEmbeddingCriterion().forward(Tensor.zeros(3), Tensor.zeros(2)),
                "nn.HingeEmbeddingCriterion", "[3]", "[2]");
        assertRejected(() -> new HingeEmbeddingCriterion(Double.POSITIVE_INFINITY), "margin", "Infinity");
    }
}
