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

class MultiLabelSoftMarginCriterionTest {

    private static double bce(double x, double t) {
        double p = 1 / (1 + Math.exp(-x));
        return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }

    /** The mean over every element of the (weighted) binary cross-entropy of sigmoid(x). */
    @Test
    void formula() {
        Tensor x = Tensor.of(new double[][] {{0.5, -1, 2}, {-0.25, 0, 3}});
        Tensor t = Tensor.of(new double[][] {{1, 0, 0}, {1, 1, 0}});
        Tensor w = Tensor.of(2, 1, 0.5);
        double sum = 0;
        double weighted = 0;
        Tensor g = Tensor.zeros(2, 3);
        for (int k = 0; k < 6; k++) {
            double xk = x.data()[k];
            double tk = t.data()[k];
            sum += bce(xk, tk);
            weighted += w.data()[k % 3] * bce(xk, tk);
            g.data()[k] = w.data()[k % 3] * (1 / (1 + Math.exp(-xk)) - tk) / 6;
        }
        assertEquals(sum / 6, new MultiLabelSoftMarginCriterion().forward(x, t), 1e-15);
        assertEquals(sum, new MultiLabelSoftMarginCriterion(null, false).forward(x, t), 1e-14);
        MultiLabelSoftMarginCriterion c = new MultiLabelSoftMarginCriterion(w);
        assertEquals(weighted / 6, c.forward(x, t), 1e-15);
        assertTensor(g, c.backward(x, t), 1e-16);
        assertEquals("nn.MultiLabelSoftMarginCriterion", c.toString());
    }

    @ParameterizedTest(name = "weights={0} sizeAverage={1} batch={2}")
    @CsvSource({"false, true, false", "true, false, false", "false, true, true", "true, true, true",
        "true, false, true"})
    void gradientCheck(boolean weighted, boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(12);
        int[] size = batch ? new int[] {3, 4} : new int[] {4};
        Tensor x = Tensor.zeros(size).uniform(rng, -3, 3);
        Tensor t = Tensor.zeros(size);
        for (int i = 0; i < t.numel(); i++) {
            t.data()[i] = rng.nextInt(2);
        }
        Tensor w = weighted ? Tensor.of(0.5, 1, 2, 1.5) : null;
        assertGradient(new MultiLabelSoftMarginCriterion(w, sizeAverage), x, t);
        assertReusesGradInput(new MultiLabelSoftMarginCriterion(w, sizeAverage), x, t);
    }

    @Test
    void errors() {
        MultiLabelSoftMarginCriterion c = new MultiLabelSoftMarginCriterion(Tensor.of(1, 2));
        assertRejected(() -> c.forward(Tensor.zeros(2, 3), Tensor.zeros(2, 3)), "nn.MultiLabelSoftMarginCriterion",
                "2 class weights", "[2, 3]");
        assertRejected(() -> c.forward(Tensor.zeros(2, 2), Tensor.zeros(4)), "[2, 2]", "[4]");
        assertRejected(() -> new MultiLabelSoftMarginCriterion(Tensor.zeros(2, 2)), "1-D", "[2, 2]");
    }
}
