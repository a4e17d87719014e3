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

class ParallelCriterionTest {

    /** Σ w_i c_i(x[i], t[i]); gradInput[i] = w_i ∂c_i/∂x[i]. */
    @Test
    void weightedSumOverTheEntries() {
        TorchRandom rng = new TorchRandom(18);
        Tensor x1 = Tensor.zeros(2, 3).uniform(rng, -1, 1);
        Tensor t1 = Tensor.zeros(2, 3).uniform(rng, -1, 1);
        Tensor x2 = Tensor.zeros(2, 4).uniform(rng, -3, 0);
        Tensor t2 = Tensor.of(3, 0);
        ParallelCriterion p = new ParallelCriterion().add(new MSECriterion(), 0.3).add(new ClassNLLCriterion());
        MSECriterion mse = new MSECriterion();
        ClassNLLCriterion nll = new ClassNLLCriterion();
        Table input = Table.of(x1, x2);
        Table target = Table.of(t1, t2);
        assertEquals(0.3 * mse.forward(x1, t1) + nll.forward(x2, t2), p.forward(input, target), 1e-15);
        Table g = p.backward(input, target);
        assertTensor(mse.backward(x1, t1).clone().mul(0.3), g.tensor(0), 1e-16);
        assertTensor(nll.backward(x2, t2), g.tensor(1), 0);
        assertEquals(false, p.repeatTarget());
        assertEquals("nn.ParallelCriterion", p.toString());
    }

    /** repeatTarget: every child sees the whole target. */
    @Test
    void repeatTarget() {
        TorchRandom rng = new TorchRandom(19);
        Tensor x1 = Tensor.zeros(2, 3).uniform(rng, -1, 1);
        Tensor x2 = Tensor.zeros(2, 3).uniform(rng, -1, 1);
        Tensor t = Tensor.zeros(2, 3).uniform(rng, -1, 1);
        ParallelCriterion p = new ParallelCriterion(true).add(new MSECriterion()).add(new AbsCriterion(), 0.5);
        assertEquals(new MSECriterion().forward(x1, t) + 0.5 * new AbsCriterion().forward(x2, t),
                p.forward(Table.of(x1, x2), t), 1e-15);
        assertTrue(p.repeatTarget());
    }

    @ParameterizedTest(name = "repeat={0}")
    @CsvSource({"false", "true"})
    void gradientCheck(boolean repeat) {
        TorchRandom rng = new TorchRandom(20);
        Table x = Table.of(Tensor.zeros(3, 2).uniform(rng, -1, 1), Tensor.zeros(3, 2).uniform(rng, -1, 1),
                Table.of(Tensor.zeros(2).uniform(rng, -1, 1), Tensor.zeros(2).uniform(rng, 2, 3)));
        ParallelCriterion p = new ParallelCriterion(repeat).add(new MSECriterion(), 0.3)
                .add(new SoftMarginCriterion(), 2);
        io.github.nn4j.Data t;
        if (repeat) {
            p.add(new MultiCriterion().add(new MSECriterion()));
            x.set(2, Tensor.zeros(3, 2).uniform(rng, -1, 1));
            t = signs(3, 2);
        } else {
            p.add(new L1HingeEmbeddingCriterion(10));
            t = Table.of(Tensor.zeros(3, 2).uniform(rng, -1, 1), signs(3, 2), Tensor.of(-1));
        }
        assertGradient(p, x, t);
        assertReusesGradInput(p, x, t);
    }

    /** The Lua target goes child by child: a ClassNLL child's labels shift, an MSE child's tensor does not. */
    @Test
    void fromLuaDelegatesToEachChild() {
        ParallelCriterion p = new ParallelCriterion().add(new MSECriterion()).add(new ClassNLLCriterion());
        Table t = (Table) p.fromLua(Table.of(Tensor.of(1, 2), Tensor.of(1, 4)));
        assertTensor(Tensor.of(1, 2), t.tensor(0), 0);
        assertTensor(Tensor.of(0, 3), t.tensor(1), 0);
        Tensor shared = Tensor.of(2);
        new ParallelCriterion(true).add(new ClassNLLCriterion()).add(new CrossEntropyCriterion()).fromLua(shared);
        assertTensor(Tensor.of(1), shared, 0);
        assertRejected(() -> p.fromLua(Table.of(Tensor.of(1))), "nn.ParallelCriterion", "an entry for each of the 2");
    }

    @Test
    void errors() {
        ParallelCriterion p = new ParallelCriterion().add(new MSECriterion()).add(new L1HingeEmbeddingCriterion());
        Tensor a = Tensor.zeros(2);
        assertRejected(() -> p.forward(Table.of(a), Table.of(a, a)), "nn.ParallelCriterion", "an input table");
        assertRejected(() -> p.forward(Table.of(a, a), Table.of(a, Tensor.of(1))), "entry 1",
                "nn.L1HingeEmbeddingCriterion");
        assertRejected(() -> p.forward(Table.of(a, Table.of(a, a)), a), "a target table");
        assertRejected(() -> p.add(p), "itself");
    }
}
