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

class CosineEmbeddingCriterionTest {

    private static double cos(double[] a, double[] b) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return d / Math.sqrt((na + 1e-12) * (nb + 1e-12));
    }

    /** 1 − cos for y = 1, max(0, cos − margin) for y = −1, averaged over the rows. */
    @Test
    void formula() {
        double[] a = {1, 0, 1};
        double[] b = {1, 1, 0};
        double[] c2 = {-1, 2, 0.5};
        double[] d2 = {1, 2, 2};
        Table x = Table.of(Tensor.of(new double[][] {a, c2}), Tensor.of(new double[][] {b, d2}));
        Tensor y = Tensor.of(1, -1);
        double expected = (1 - cos(a, b)) + Math.max(0, cos(c2, d2) - 0.1);
        CosineEmbeddingCriterion c = new CosineEmbeddingCriterion(0.1);
        assertEquals(expected / 2, c.forward(x, y), 1e-15);
        CosineEmbeddingCriterion s = new CosineEmbeddingCriterion(0.1, false);
        assertEquals(expected, s.forward(x, y), 1e-15);
        // 1-D inputs with a Lua number target: one pair
        assertEquals(1 - cos(a, b), new CosineEmbeddingCriterion().forward(Table.of(Tensor.of(a), Tensor.of(b)),
                Tensor.of(1)), 1e-15);
        // a dissimilar pair already below the margin has no gradient
        Table g = new CosineEmbeddingCriterion(0.9).backward(Table.of(Tensor.of(a), Tensor.of(b)), Tensor.of(-1));
        assertTensor(Tensor.zeros(3), g.tensor(0), 0);
        assertTensor(Tensor.zeros(3), g.tensor(1), 0);
        assertEquals("nn.CosineEmbeddingCriterion", c.toString());
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(10);
        int[] size = batch ? new int[] {4, 3} : new int[] {5};
        Table x = Table.of(Tensor.zeros(size).uniform(rng, 0.5, 2), Tensor.zeros(size).uniform(rng, 0.5, 2));
        Tensor y = batch ? signs(4) : Tensor.of(-1);
        // positive inputs: every cosine is above the margin −0.5, so every row has a gradient
        CosineEmbeddingCriterion c = new CosineEmbeddingCriterion(-0.5, sizeAverage);
        assertGradient(c, x, y);
        assertReusesGradInput(c, x, y);
    }

    @Test
    void twoTensorOverloadsMatchTheTableForm() {
        TorchRandom rng = new TorchRandom(23);
        Tensor a = Tensor.zeros(2, 4).uniform(rng, -1, 1);
        Tensor b = Tensor.zeros(2, 4).uniform(rng, -1, 1);
        Tensor y = signs(2);
        CosineEmbeddingCriterion c = new CosineEmbeddingCriterion(0.1);
        CosineEmbeddingCriterion d = new CosineEmbeddingCriterion(0.1);
        assertEquals(c.forward(Table.of(a, b), y), d.forward(a, b, y), 0);
        Table expected = (Table) TorchGolden2CriteriaBridgeTest.copy(c.backward(Table.of(a, b), y));
        Table g = d.backward(a, b, y);
        assertTensor(expected.tensor(0), g.tensor(0), 0);
        assertTensor(expected.tensor(1), g.tensor(1), 0);
    }

    @Test
    void errors() {
        CosineEmbeddingCriterion c = new CosineEmbeddingCriterion();
        assertRejected(() -> c.forward(Table.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4)), Tensor.of(1, 1)),
                "nn.CosineEmbeddingCriterion", "[2, 3]", "[2, 4]");
        assertRejected(() -> c.forward(Table.of(Tensor.zeros(2, 3), Tensor.zeros(2, 3)), Tensor.of(1)), "[2]",
                "got [1]");
        assertRejected(() -> c.forward(Table.of(Tensor.zeros(2, 3, 1), Tensor.zeros(2, 3, 1)), Tensor.of(1, 1)),
                "[n] or [B, n]");
        assertRejected(() -> new CosineEmbeddingCriterion(Double.NaN), "margin");
    }
}
