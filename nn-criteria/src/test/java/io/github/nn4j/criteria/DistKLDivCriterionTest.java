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

class DistKLDivCriterionTest {

    /** Σ t (log t − x) over t &gt; 0, divided by every element; gradient −t/n. */
    @Test
    void formula() {
        Tensor x = Tensor.of(new double[][] {{Math.log(0.5), Math.log(0.5)}, {Math.log(0.25), Math.log(0.75)}});
        Tensor t = Tensor.of(new double[][] {{1, 0}, {0.5, 0.5}});
        double expected = 1 * (0 - Math.log(0.5)) + 0.5 * (Math.log(0.5) - Math.log(0.25))
                + 0.5 * (Math.log(0.5) - Math.log(0.75));
        DistKLDivCriterion c = new DistKLDivCriterion();
        assertEquals(expected / 4, c.forward(x, t), 1e-15);
        assertTensor(Tensor.of(new double[][] {{-0.25, 0}, {-0.125, -0.125}}), c.backward(x, t), 1e-15);
        DistKLDivCriterion s = new DistKLDivCriterion(false);
        assertEquals(expected, s.forward(x, t), 1e-15);
        assertTensor(Tensor.of(new double[][] {{-1, 0}, {-0.5, -0.5}}), s.backward(x, t), 0);
        assertEquals("nn.DistKLDivCriterion", c.toString());
    }

    @ParameterizedTest(name = "sizeAverage={0} batch={1}")
    @CsvSource({"true, false", "false, false", "true, true", "false, true"})
    void gradientCheck(boolean sizeAverage, boolean batch) {
        TorchRandom rng = new TorchRandom(5);
        int[] size = batch ? new int[] {3, 4} : new int[] {4};
        Tensor x = Tensor.zeros(size).uniform(rng, -3, -0.1);
        Tensor t = Tensor.zeros(size).uniform(rng, 0, 1);
        t.data()[1] = 0;
        assertGradient(new DistKLDivCriterion(sizeAverage), x, t);
        assertReusesGradInput(new DistKLDivCriterion(sizeAverage), x, t);
    }

    @Test
    void elementCountsMustAgree() {
        assertRejected(() -> new DistKLDivCriterion().forward(Tensor.zeros(3), Tensor.zeros(4)),
                "nn.DistKLDivCriterion", "[3]", "[4]");
    }
}
