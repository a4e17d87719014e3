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

class MultiCriterionTest {

    /** Σ w_i c_i(x, t), and the same weighted sum of gradients. */
    @Test
    void weightedSum() {
        TorchRandom rng = new TorchRandom(16);
        Tensor x = Tensor.zeros(3, 4).uniform(rng, -2, 2);
        Tensor t = Tensor.zeros(3, 4).uniform(rng, -2, 2);
        MSECriterion mse = new MSECriterion();
        AbsCriterion abs = new AbsCriterion(false);
        MultiCriterion m = new MultiCriterion().add(new MSECriterion(), 0.5).add(new AbsCriterion(false));
        assertEquals(0.5 * mse.forward(x, t) + abs.forward(x, t), m.forward(x, t), 1e-14);
        Tensor expected = mse.backward(x, t).clone().mul(0.5).add(abs.backward(x, t));
        assertTensor(expected, m.backward(x, t), 1e-15);
        assertEquals(2, m.criteria().size());
        assertEquals(0.5, m.weight(0), 0);
        assertEquals(0, new MultiCriterion().forward(x, t), 0);
        assertEquals("nn.MultiCriterion", m.toString());
    }

    @ParameterizedTest(name = "batch={0}")
    @CsvSource({"false", "true"})
    void gradientCheck(boolean batch) {
        TorchRandom rng = new TorchRandom(17);
        int[] size = batch ? new int[] {3, 4} : new int[] {4};
        Tensor x = Tensor.zeros(size).uniform(rng, -2, 2);
        Tensor t = Tensor.zeros(size).uniform(rng, -2, 2);
        MultiCriterion m = new MultiCriterion().add(new MSECriterion(), 0.3).add(new SmoothL1Criterion(false), 2)
                .add(new SoftMarginCriterion());
        assertGradient(m, x, signs(size));
        assertReusesGradInput(m, x, t);
    }

    /** A Lua target is shifted once for label children, kept for tensor children, refused for a mix. */
    @Test
    void fromLuaDelegatesToTheChildren() {
        MultiCriterion labels = new MultiCriterion().add(new ClassNLLCriterion()).add(new MultiMarginCriterion(), 2);
        Tensor lua = Tensor.of(1, 3);
        labels.fromLua(lua);
        assertTensor(Tensor.of(0, 2), lua, 0);
        Tensor plain = Tensor.of(1, 3);
        new MultiCriterion().add(new MSECriterion()).fromLua(plain);
        assertTensor(Tensor.of(1, 3), plain, 0);
        assertRejected(() -> new MultiCriterion().add(new MSECriterion()).add(new ClassNLLCriterion())
                .fromLua(Tensor.of(1)), "nn.MultiCriterion", "nn.ClassNLLCriterion", "nn.MSECriterion");
    }

    @Test
    void errors() {
        MultiCriterion m = new MultiCriterion();
        assertRejected(() -> m.add(null), "nn.MultiCriterion", "null");
        assertRejected(() -> m.add(m), "itself");
        assertRejected(() -> m.add(new MSECriterion(), Double.NaN), "weight", "NaN");
        m.add(new MSECriterion());
        assertRejected(() -> m.forward(Tensor.zeros(3), Tensor.zeros(4)), "nn.MSECriterion", "[3]", "[4]");
    }
}
