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
import io.github.nn4j.testing.ModuleContractTest;

class AddTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Add(5);
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
        return "nn.Add";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 4);
    }

    /** Scalar mode on any shape. */
    @Nested
    class Scalar extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Add(5, true);
        }

        @Override
        protected Data sampleInput() {
            return uniform(7);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 3);
        }

        @Override
        protected String expectedToString() {
            return "nn.Add";
        }

        @Override
        protected Data wrongInput() {
            return null;
        }
    }

    @Test
    void batchAddsTheBiasToEveryRowAndSumsItsGradient() {
        Add m = new Add(3);
        Tensor x = Tensor.uniform(-1, 1, 4, 3);
        Tensor y = m.forward(x);
        for (int b = 0; b < 4; b++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(x.get(b, j) + m.bias().get(j), y.get(b, j), 1e-15);
            }
        }
        m.zeroGradParameters();
        Tensor g = Tensor.uniform(-1, 1, 4, 3);
        Tensor gi = m.backward(x, g, 0.5);
        assertEquals(0.0, gi.maxAbsDiff(g));
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int b = 0; b < 4; b++) {
                s += g.get(b, j);
            }
            assertEquals(0.5 * s, m.parameters().get(0).grad().get(j), 1e-15);
        }
    }

    @Test
    void batchOfHigherRankRowsUsesTheFlattenedRow() {
        Add m = new Add(6);
        Tensor x = Tensor.uniform(-1, 1, 2, 2, 3);
        Tensor y = m.forward(x);
        assertEquals(x.get(1, 1, 2) + m.bias().get(5), y.get(1, 1, 2), 1e-15);
    }

    @Test
    void initialisationIsUniformInTheTorchBounds() {
        TorchRandom.manualSeed(5);
        Add m = new Add(9);
        TorchRandom fresh = new TorchRandom(5);
        for (int j = 0; j < 9; j++) {
            assertEquals(fresh.uniform(-1.0 / 3, 1.0 / 3), m.bias().get(j), 0.0);
        }
        Add s = new Add(9, true);
        assertEquals(1, s.bias().numel());
        assertTrue(Math.abs(s.bias().get(0)) < 1.0);
    }

    @Test
    void wrongRowLengthNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Add(5).forward(Tensor.zeros(3, 4)));
        assertEquals("nn.Add: expected input of size [5] or [N, 5], got [3, 4]", e.getMessage());
    }
}
