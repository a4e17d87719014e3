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

class MarginRankingCriterionTest {

    /** Σ max(0, −y (x1 − x2) + margin) / B; gradients ∓y where the hinge is active (d ≥ 0). */
    @Test
    void formula() {
        Table x = Table.of(Tensor.of(1, 0.2, 3), Tensor.of(0.5, 0.4, 0));
        Tensor y = Tensor.of(1, 1, -1);
        // margin 1: d = 0.5, 1.2, 4
        MarginRankingCriterion c = new MarginRankingCriterion();
        assertEquals(5.7 / 3, c.forward(x, y), 1e-15);
        Table g = c.backward(x, y);
        assertTensor(Tensor.of(-1, -1, 1).mul(1.0 / 3), g.tensor(0), 1e-16);
        assertTensor(Tensor.of(1, 1, -1).mul(1.0 / 3), g.tensor(1), 1e-16);
        // margin 0.4, no averaging: d = −0.1, 0.6, 3.4
        MarginRankingCriterion s = new MarginRankingCriterion(0.4, false);
        assertEquals(4.0, s.forward(x, y), 1e-15);
        assertTensor(Tensor.of(0, -1, 1), s.backward(x, y).tensor(0), 0);
        // Torch's non-batch form: one-element inputs and the Lua number y
        assertEquals(1.5, new MarginRankingCriterion().forward(Table.of(Tensor.of(0), Tensor.of(0.5)), Tensor.of(1)),
                1e-15);
        assertEquals("nn.MarginRankingCriterion", c.toString());
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        int n = batch ? 6 : 1;
        Tensor a = Tensor.zeros(n);
        Tensor b = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            a.data()[i] = 0.3 * i;
            b.data()[i] = 0.1 - 0.2 * i;   // d = ∓(0.5 i − 0.1) + 0.7, away from 0
        }
        Table x = Table.of(a, b);
        MarginRankingCriterion c = new MarginRankingCriterion(0.7, sizeAverage);
        assertGradient(c, x, signs(n));
        assertReusesGradInput(c, x, signs(n));
    }

    @Test
    void twoTensorOverloadsMatchTheTableForm() {
        TorchRandom rng = new TorchRandom(23);
        Tensor a = Tensor.zeros(4).uniform(rng, -1, 1);
        Tensor b = Tensor.zeros(4).uniform(rng, -1, 1);
        Tensor y = signs(4);
        MarginRankingCriterion c = new MarginRankingCriterion(0.1);
        MarginRankingCriterion d = new MarginRankingCriterion(0.1);
        assertEquals(c.forward(Table.of(a, b), y), d.forward(a, b, y), 0);
        Table expected = (Table) TorchGolden2CriteriaBridgeTest.copy(c.backward(Table.of(a, b), y));
        Table g = d.backward(a, b, y);
        assertTensor(expected.tensor(0), g.tensor(0), 0);
        assertTensor(expected.tensor(1), g.tensor(1), 0);
    }

    @Test
    void errors() {
        MarginRankingCriterion c = new MarginRankingCriterion();
        assertRejected(() -> c.forward(Table.of(Tensor.zeros(3), Tensor.zeros(3)), Tensor.zeros(2)),
                "nn.MarginRankingCriterion", "[3]", "[2]");
        assertRejected(() -> c.forward(Table.of(Tensor.zeros(3, 1), Tensor.zeros(3, 1)), Tensor.zeros(3)), "[B]",
                "[3, 1]");
        assertRejected(() -> c.forward(Table.of(Tensor.zeros(3)), Tensor.zeros(3)), "{x1, x2}");
    }
}
