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

class ClassSimplexCriterionTest {

    /** The embedding: unit vertices, pairwise dot products −1/(C − 1), a zero last column. */
    @ParameterizedTest(name = "C={0}")
    @CsvSource({"2", "3", "4", "7"})
    void simplexIsRegular(int c) {
        Tensor s = new ClassSimplexCriterion(c).simplex();
        assertTrue(s.hasSize(c, c));
        for (int i = 0; i < c; i++) {
            assertEquals(0, s.get(i, c - 1), 0);
            for (int j = 0; j < c; j++) {
                double dot = 0;
                for (int d = 0; d < c; d++) {
                    dot += s.get(i, d) * s.get(j, d);
                }
                assertEquals(i == j ? 1 : -1.0 / (c - 1), dot, 1e-14, "s" + i + "·s" + j);
            }
        }
    }

    /** MSE to the simplex point of each 0-based label (divisor B·C). */
    @Test
    void formula() {
        ClassSimplexCriterion c = new ClassSimplexCriterion(3);
        Tensor s = c.simplex();
        Tensor x = Tensor.of(new double[][] {{0.5, 0, 1}, {0, 0, 0}});
        int[] y = {1, 2};
        double sum = 0;
        Tensor g = Tensor.zeros(2, 3);
        for (int i = 0; i < 2; i++) {
            for (int d = 0; d < 3; d++) {
                double z = x.get(i, d) - s.get(y[i], d);
                sum += z * z;
                g.put(2 * z / 6, i, d);
            }
        }
        assertEquals(sum / 6, c.forward(x, y), 1e-15);
        assertTensor(g, c.backward(x, y), 1e-15);
        assertEquals(sum / 6, c.forward(x, Tensor.of(1, 2)), 1e-15);
        c.setSizeAverage(false);
        assertEquals(sum, c.forward(x, y), 1e-15);
        assertEquals("nn.ClassSimplexCriterion", c.toString());
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(13);
        Tensor x = batch ? Tensor.zeros(5, 4).uniform(rng, -1, 1) : Tensor.zeros(4).uniform(rng, -1, 1);
        Tensor y = CriterionChecks.labels(rng, batch ? 5 : 1, 4);
        ClassSimplexCriterion c = new ClassSimplexCriterion(4).setSizeAverage(sizeAverage);
        assertGradient(c, x, y);
        assertReusesGradInput(c, x, y);
    }

    @Test
    void errors() {
        ClassSimplexCriterion c = new ClassSimplexCriterion(4);
        assertRejected(() -> c.forward(Tensor.zeros(2, 3), new int[] {0, 1}), "nn.ClassSimplexCriterion",
                "[B, 4]", "[2, 3]");
        assertRejected(() -> c.forward(Tensor.zeros(2, 4), new int[] {0, 4}), "position 1", "is 4", "[0, 4)");
        assertRejected(() -> c.forward(Tensor.zeros(2, 4), Tensor.zeros(3)), "[2]", "got [3]");
        assertRejected(() -> new ClassSimplexCriterion(1), "nClasses", "> 1", "1");
    }
}
