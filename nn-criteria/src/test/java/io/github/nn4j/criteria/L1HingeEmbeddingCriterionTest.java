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

class L1HingeEmbeddingCriterionTest {

    private static final Table PAIR = Table.of(Tensor.of(1, 2, 3), Tensor.of(0, 2.5, 1));

    /** d = ‖x1 − x2‖₁ = 1 + 0.5 + 2 = 3.5. */
    @Test
    void formula() {
        L1HingeEmbeddingCriterion c = new L1HingeEmbeddingCriterion();
        assertEquals(3.5, c.forward(PAIR, Tensor.of(1)), 0);
        Table g = c.backward(PAIR, Tensor.of(1));
        assertTensor(Tensor.of(1, -1, 1), g.tensor(0), 0);
        assertTensor(Tensor.of(-1, 1, -1), g.tensor(1), 0);
        assertEquals(0, c.forward(PAIR, -1), 0, "d above the margin");
        assertTensor(Tensor.zeros(3), c.backward(PAIR, -1).tensor(0), 0);
        L1HingeEmbeddingCriterion wide = new L1HingeEmbeddingCriterion(4.5);
        assertEquals(1, wide.forward(PAIR, Tensor.of(-1)), 1e-15);
        assertTensor(Tensor.of(-1, 1, -1), wide.backward(PAIR, Tensor.of(-1)).tensor(0), 0);
        assertEquals("nn.L1HingeEmbeddingCriterion", c.toString());
    }

    /** Where x1 = x2 Torch draws the sign with torch.random(2); so does nn4j, from the global generator. */
    @Test
    void aTieDrawsItsSignLikeTorch() {
        Table tie = Table.of(Tensor.of(1, 2), Tensor.of(1, 0));
        TorchRandom.manualSeed(11);
        double expected = 2 * (new TorchRandom(11).nextInt(2) + 1) - 3;
        assertEquals(expected, new L1HingeEmbeddingCriterion().backward(tie, 1).tensor(0).get(0), 0);
    }

    @ParameterizedTest(name = "y={0}")
    @CsvSource({"1", "-1"})
    void gradientCheck(double y) {
        TorchRandom rng = new TorchRandom(9);
        Table x = Table.of(Tensor.zeros(5).uniform(rng, -1, 1), Tensor.zeros(5).uniform(rng, 2, 3));
        L1HingeEmbeddingCriterion c = new L1HingeEmbeddingCriterion(20);
        assertGradient(c, x, Tensor.of(y));
        assertReusesGradInput(c, x, Tensor.of(y));
    }

    @Test
    void errors() {
        L1HingeEmbeddingCriterion c = new L1HingeEmbeddingCriterion();
        assertRejected(() -> c.forward(Table.of(Tensor.zeros(3)), Tensor.of(1)), "nn.L1HingeEmbeddingCriterion",
                "{x1, x2}");
        assertRejected(() -> c.forward(Table.of(Tensor.zeros(3), Tensor.zeros(4)), Tensor.of(1)), "[3]", "[4]");
        assertRejected(() -> c.forward(PAIR, Tensor.of(1, 1)), "one element", "[2]");
        assertRejected(() -> new L1HingeEmbeddingCriterion(Double.NaN), "margin", "NaN");
    }
}
