package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class SpatialAdaptiveAveragePoolingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialAdaptiveAveragePooling(4, 3);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 6, 5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 6, 5);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialAdaptiveAveragePooling";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 2);
    }

    @Test
    void averagesOverlappingWindows() {
        Tensor x = Tensor.fromArray(new double[] {1, 2, 3}, 1, 1, 3);
        Tensor y = new SpatialAdaptiveAveragePooling(2, 1).forward(x);
        // columns [0, 2) and [1, 3)
        assertEquals(1.5, y.get(0, 0, 0), 1e-15);
        assertEquals(2.5, y.get(0, 0, 1), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialAdaptiveAveragePooling(2, -1));
        assertTrue(e.getMessage().contains("output size must be positive"), e.getMessage());
    }
}
