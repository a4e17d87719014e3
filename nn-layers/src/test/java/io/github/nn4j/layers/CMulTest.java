package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class CMulTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new CMul(5);
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 5);
    }

    @Override
    protected String expectedToString() {
        return "nn.CMul";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 4);
    }

    /** A per-channel weight broadcast over batch and positions. */
    @Nested
    class Broadcast extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new CMul(1, 3, 1, 2);
        }

        @Override
        protected Data sampleInput() {
            return null;
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 3, 2, 2);
        }

        @Override
        protected String expectedToString() {
            return "nn.CMul";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 3, 2, 3);
        }
    }

    @Test
    void sameElementCountIgnoresTheShape() {
        CMul m = new CMul(2, 3);
        Tensor x = Tensor.uniform(-1, 1, 6);
        Tensor y = m.forward(x);
        for (int i = 0; i < 6; i++) {
            assertEquals(x.get(i) * m.weight().data()[i], y.get(i), 0.0);
        }
        GradientChecker.check(m, x).assertPassed(1e-6);
    }

    @Test
    void batchMultipliesEveryRowAndSumsTheWeightGradient() {
        // a [2, 2] weight against [3, 2, 2]: the dimensions differ, so rows of 4 elements
        CMul m = new CMul(2, 2);
        Tensor x = Tensor.uniform(-1, 1, 3, 2, 2);
        Tensor y = m.forward(x);
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(x.data()[b * 4 + j] * m.weight().data()[j], y.data()[b * 4 + j], 0.0);
            }
        }
        Tensor g = Tensor.uniform(-1, 1, 3, 2, 2);
        m.zeroGradParameters();
        m.backward(x, g, 0.5);
        for (int j = 0; j < 4; j++) {
            double s = 0;
            for (int b = 0; b < 3; b++) {
                s += x.data()[b * 4 + j] * g.data()[b * 4 + j];
            }
            assertEquals(0.5 * s, m.parameters().get(0).grad().data()[j], 1e-15);
        }
        GradientChecker.check(new CMul(2, 2), x).assertPassed(1e-6);
    }

    @Test
    void equalDimensionsThatDoNotBroadcastAreRejectedAsInTorch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CMul(2, 2).forward(Tensor.zeros(3, 4)));
        assertEquals("nn.CMul: expected input of size [N, 4] (or 4 elements in all, or a size [2, 2] broadcasts to),"
                + " got [3, 4]", e.getMessage());
    }

    @Test
    void broadcastRepeatsAlongSizeOneDimensions() {
        CMul m = new CMul(1, 3, 1);
        Tensor x = Tensor.uniform(-1, 1, 2, 3, 4);
        Tensor y = m.forward(x);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(x.get(b, c, k) * m.weight().get(0, c, 0), y.get(b, c, k), 0.0);
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.zeros(2, 4, 4)));
        assertTrue(e.getMessage().startsWith("nn.CMul: ") && e.getMessage().endsWith("got [2, 4, 4]"),
                e.getMessage());
    }

    @Test
    void initialisationBoundIsOneOverSqrtOfTheElementCount() {
        TorchRandom.manualSeed(3);
        CMul m = new CMul(2, 8);
        TorchRandom fresh = new TorchRandom(3);
        for (int i = 0; i < 16; i++) {
            assertEquals(fresh.uniform(-0.25, 0.25), m.weight().data()[i], 0.0);
        }
    }
}
