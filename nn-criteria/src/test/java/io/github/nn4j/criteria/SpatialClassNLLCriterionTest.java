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

class SpatialClassNLLCriterionTest {

    /** ClassNLLCriterion at every pixel: the input as B·H·W rows of C log-probabilities. */
    @ParameterizedTest(name = "weights={0} sizeAverage={1}")
    @CsvSource({"false, true", "true, true", "true, false", "false, false"})
    void equalsClassNLLOverThePixels(boolean weighted, boolean sizeAverage) {
        TorchRandom rng = new TorchRandom(14);
        int b = 2;
        int c = 3;
        int h = 2;
        int w = 3;
        Tensor x = Tensor.zeros(b, c, h, w).uniform(rng, -3, 0);
        Tensor y = CriterionChecks.labels(rng, b * h * w, c).view(b, h, w);
        Tensor weights = weighted ? Tensor.of(0.5, 2, 1.25) : null;
        // the same numbers laid out as [B·H·W, C] for ClassNLLCriterion
        Tensor rows = Tensor.zeros(b * h * w, c);
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < c; k++) {
                for (int p = 0; p < h * w; p++) {
                    rows.put(x.get(i, k, p / w, p % w), i * h * w + p, k);
                }
            }
        }
        ClassNLLCriterion nll = new ClassNLLCriterion(weights, sizeAverage);
        SpatialClassNLLCriterion s = new SpatialClassNLLCriterion(weights, sizeAverage);
        Tensor flat = y.clone().view(b * h * w);
        assertEquals(nll.forward(rows, flat), s.forward(x, y), 1e-14);
        assertEquals(nll.totalWeight(), s.totalWeight(), 1e-14);
        Tensor gRows = nll.backward(rows, flat);
        Tensor g = s.backward(x, y);
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < c; k++) {
                for (int p = 0; p < h * w; p++) {
                    assertEquals(gRows.get(i * h * w + p, k), g.get(i, k, p / w, p % w), 1e-15);
                }
            }
        }
        assertEquals("nn.SpatialClassNLLCriterion", s.toString());
    }

    @ParameterizedTest(name = "weights={0} sizeAverage={1}")
    @CsvSource({"false, true", "true, true", "true, false"})
    void gradientCheck(boolean weighted, boolean sizeAverage) {
        TorchRandom rng = new TorchRandom(15);
        Tensor x = Tensor.zeros(2, 3, 2, 2).uniform(rng, -3, 0);
        Tensor y = CriterionChecks.labels(rng, 8, 3).view(2, 2, 2);
        SpatialClassNLLCriterion c = new SpatialClassNLLCriterion(weighted ? Tensor.of(0.5, 2, 1.25) : null,
                sizeAverage);
        assertGradient(c, x, y);
        assertReusesGradInput(c, x, y);
    }

    @Test
    void zeroTotalWeightGivesAZeroGradient() {
        SpatialClassNLLCriterion c = new SpatialClassNLLCriterion(Tensor.of(0, 1));
        Tensor x = Tensor.filled(-1, 1, 2, 1, 2);
        assertEquals(0, c.forward(x, Tensor.zeros(1, 1, 2)), 0);
        assertTensor(Tensor.zeros(1, 2, 1, 2), c.backward(x, Tensor.zeros(1, 1, 2)), 0);
    }

    @Test
    void errors() {
        SpatialClassNLLCriterion c = new SpatialClassNLLCriterion();
        assertRejected(() -> c.forward(Tensor.zeros(3, 2, 2), Tensor.zeros(2, 2)), "nn.SpatialClassNLLCriterion",
                "[B, C, H, W]", "[3, 2, 2]");
        assertRejected(() -> c.forward(Tensor.zeros(1, 3, 2, 2), Tensor.zeros(1, 2, 3)), "[1, 2, 2]", "got [1, 2, 3]");
        Tensor y = Tensor.zeros(1, 2, 2);
        y.put(3, 0, 1, 0);
        assertRejected(() -> c.forward(Tensor.zeros(1, 3, 2, 2), y), "position (0, 1, 0)", "3.0", "[0, 3)");
        assertRejected(() -> new SpatialClassNLLCriterion(Tensor.of(1, 2)).forward(Tensor.zeros(1, 3, 2, 2),
                Tensor.zeros(1, 2, 2)), "2 class weights", "C = 3");
        assertRejected(() -> new SpatialClassNLLCriterion(Tensor.zeros(2, 2)), "1-D");
        Tensor lua = Tensor.of(1, 3);
        c.fromLua(lua);
        assertTensor(Tensor.of(0, 2), lua, 0);
    }
}
