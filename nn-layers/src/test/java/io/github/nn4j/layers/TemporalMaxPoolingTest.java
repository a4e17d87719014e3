package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class TemporalMaxPoolingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new TemporalMaxPooling(2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(6, 3);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 6, 3);
    }

    @Override
    protected String expectedToString() {
        return "nn.TemporalMaxPooling";
    }

    @Override
    protected Data wrongInput() {
        return uniform(1, 3);
    }

    /** Overlapping windows: gradients of a frame that wins twice add up. */
    @Nested
    class Overlapping extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new TemporalMaxPooling(3, 1);
        }

        @Override
        protected Data sampleInput() {
            return uniform(5, 2);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 5, 2);
        }

        @Override
        protected String expectedToString() {
            return "nn.TemporalMaxPooling";
        }

        @Override
        protected Data wrongInput() {
            return uniform(5);
        }
    }

    @Test
    void firstMaximumWinsATieAndIndicesAreWindowOffsets() {
        TemporalMaxPooling m = new TemporalMaxPooling(3, 1);
        Tensor x = Tensor.fromArray(new double[] {1, 5, 5, 2}, 4, 1);
        assertArrayEquals(new double[] {5, 5}, m.forward(x).toArray());
        assertArrayEquals(new double[] {1, 0}, m.indices().toArray());
        assertArrayEquals(new double[] {0, 2, 0, 0}, m.backward(x, Tensor.filled(1, 2, 1)).toArray());
    }

    @Test
    void wrongInputsAndArgumentsAreRefused() {
        TemporalMaxPooling m = new TemporalMaxPooling(3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 4)));
        assertEquals("nn.TemporalMaxPooling: expected input of size [T, F] or [B, T, F] with T >= kW = 3, got [2, 4]",
                e.getMessage());
        m.forward(Tensor.zeros(5, 4));
        assertThrows(IllegalArgumentException.class, () -> m.backward(Tensor.zeros(5, 4), Tensor.zeros(3, 4)));
        e = assertThrows(IllegalArgumentException.class, () -> new TemporalMaxPooling(2, 0));
        assertEquals("nn.TemporalMaxPooling(2, 0): kernel width kW and stride dW must be positive", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TemporalMaxPooling(0));
    }
}
