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

class MultiLabelMarginCriterionTest {

    /** Row {0.1, 0.2, 0.4, 0.8} with classes {3, 0} (0-based), then −1: Torch's documented example. */
    @Test
    void torchDocumentationExample() {
        Tensor x = Tensor.of(0.1, 0.2, 0.4, 0.8);
        Tensor t = Tensor.of(3, 0, -1, 1);
        // pairs (j ∈ {3, 0}, i ∈ {1, 2}): 1 − 0.8 + 0.2, 1 − 0.8 + 0.4, 1 − 0.1 + 0.2, 1 − 0.1 + 0.4
        double sum = 0.4 + 0.6 + 1.1 + 1.3;
        MultiLabelMarginCriterion c = new MultiLabelMarginCriterion();
        assertEquals(sum / 4, c.forward(x, t), 1e-15);
        assertTensor(Tensor.of(-2, 2, 2, -2).mul(0.25), c.backward(x, t), 1e-16);
        assertEquals("nn.MultiLabelMarginCriterion", c.toString());
    }

    /** The batch divisor is B·C with averaging, C without; entries after the terminator are ignored. */
    @Test
    void batchDivisors() {
        Tensor x = Tensor.of(new double[][] {{0.1, 0.2, 0.4, 0.8}, {0, 0, 0, 0}});
        Tensor t = Tensor.of(new double[][] {{3, 0, -1, 1}, {2, -1, 0, 1}});
        // row 1: class 2 against 0, 1, 3: three hinges of 1
        MultiLabelMarginCriterion c = new MultiLabelMarginCriterion();
        assertEquals((3.4 / 4 + 3.0 / 4) / 2, c.forward(x, t), 1e-15);
        assertTensor(Tensor.of(new double[][] {{-2, 2, 2, -2}, {1, 1, -3, 1}}).mul(1.0 / 8), c.backward(x, t), 1e-16);
        MultiLabelMarginCriterion s = new MultiLabelMarginCriterion(false);
        assertEquals(3.4 / 4 + 3.0 / 4, s.forward(x, t), 1e-15);
        assertTensor(Tensor.of(new double[][] {{-2, 2, 2, -2}, {1, 1, -3, 1}}).mul(0.25), s.backward(x, t), 1e-16);
    }

    /** Lua's 1-based lists with their terminating 0 become 0-based lists ending with −1. */
    @Test
    void fromLuaShiftsTheTerminatorToMinusOne() {
        Tensor lua = Tensor.of(4, 1, 0, 2);
        new MultiLabelMarginCriterion().fromLua(lua);
        assertTensor(Tensor.of(3, 0, -1, 1), lua, 0);
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        Tensor x = batch ? Tensor.of(new double[][] {{0.1, 0.25, 0.45, 0.8}, {0.3, -0.2, 0.05, 0.6}})
                : Tensor.of(0.1, 0.25, 0.45, 0.8);
        Tensor t = batch ? Tensor.of(new double[][] {{3, 0, -1, 1}, {1, -1, 0, 0}}) : Tensor.of(3, 0, -1, 1);
        assertGradient(new MultiLabelMarginCriterion(sizeAverage), x, t);
        assertReusesGradInput(new MultiLabelMarginCriterion(sizeAverage), x, t);
    }

    @Test
    void errors() {
        MultiLabelMarginCriterion c = new MultiLabelMarginCriterion();
        assertRejected(() -> c.forward(Tensor.zeros(2, 4), Tensor.zeros(2, 3)), "nn.MultiLabelMarginCriterion",
                "[2, 4]", "[2, 3]");
        assertRejected(() -> c.forward(Tensor.zeros(2, 2, 2), Tensor.zeros(2, 2, 2)), "[C] or [B, C]", "[2, 2, 2]");
        assertRejected(() -> c.forward(Tensor.zeros(2, 3), Tensor.of(new double[][] {{0, -1, 0}, {1, 3, -1}})),
                "row 1", "position 1", "3.0", "[0, 3)");
        assertRejected(() -> c.forward(Tensor.zeros(3), Tensor.of(0.5, -1, 0)), "position 0", "0.5");
    }
}
