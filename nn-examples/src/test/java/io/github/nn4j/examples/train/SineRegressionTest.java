package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.optim.Dataset;
import io.github.nn4j.optim.EpochResult;

class SineRegressionTest {

    @Test
    void theDataIsANoisySine() {
        Dataset d = SineRegression.noisySine(50, 0, 3);
        assertEquals(50, d.size());
        for (int i = 0; i < 50; i++) {
            double x = d.features().get(i, 0);
            assertTrue(x >= -Math.PI && x < Math.PI);
            assertEquals(Math.sin(x), d.targets().get(i, 0), 0);
        }
        assertThrows(IllegalArgumentException.class, () -> SineRegression.noisySine(0, 0.1, 1));
    }

    /** The loss goes down, to near the noise floor σ² = 0.01, and the fit is close to sin. */
    @Test
    void theLossGoesDown() {
        SineRegression.Result r = SineRegression.fit(SineRegression.noisySine(256, 0.1, 2), 32, 300, 1);
        List<EpochResult> h = r.history();
        assertEquals(300, h.size());
        double first = h.get(0).meanLoss();
        double last = h.get(h.size() - 1).meanLoss();
        assertTrue(last < first / 10, first + " -> " + last);
        assertTrue(last < 0.03, "final loss " + last);
        assertTrue(Double.isNaN(h.get(0).trainAccuracy()), "a regression has no accuracy");
        for (double x = -2.5; x <= 2.5; x += 0.5) {
            double y = r.network().forward(Tensor.of(new double[][] {{x}})).get(0, 0);
            assertEquals(Math.sin(x), y, 0.2, "at x = " + x);
        }
    }
}
