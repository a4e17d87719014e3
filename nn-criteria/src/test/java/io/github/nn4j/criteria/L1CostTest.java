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

class L1CostTest {

    /** Σ|x|, never averaged; gradient sign(x), 0 at 0; the target is ignored. */
    @Test
    void formula() {
        Tensor x = Tensor.of(new double[][] {{1, -2}, {0, 3.5}});
        L1Cost c = new L1Cost();
        assertEquals(6.5, c.forward(x, Tensor.empty()), 0);
        assertTensor(Tensor.of(new double[][] {{1, -1}, {0, 1}}), c.backward(x, null), 0);
        c.setSizeAverage(true);
        assertEquals(6.5, c.forward(x, Tensor.zeros(7)), 0);
        assertEquals("nn.L1Cost", c.toString());
    }

    @ParameterizedTest(name = "batch={0}")
    @CsvSource({"false", "true"})
    void gradientCheck(boolean batch) {
        int[] size = batch ? new int[] {3, 4} : new int[] {5};
        Tensor x = Tensor.zeros(size);
        for (int i = 0; i < x.numel(); i++) {
            x.data()[i] = (i % 2 == 0 ? 1 : -1) * (0.1 + 0.2 * i);
        }
        assertGradient(new L1Cost(), x, Tensor.empty());
        assertReusesGradInput(new L1Cost(), x, Tensor.empty());
    }
}
