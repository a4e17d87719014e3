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

class SpatialUpSamplingBilinearTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialUpSamplingBilinear(2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 3, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 3, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialUpSamplingBilinear(2)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 4);
    }

    /** To a given size. */
    @Nested
    class Sized extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialUpSamplingBilinear(5, 7);
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 3, 4);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 3, 4);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialUpSamplingBilinear(5, 7)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(4);
        }
    }

    @Test
    void alignsTheCorners() {
        Tensor x = Tensor.fromArray(new double[] {0, 3}, 1, 1, 2);
        Tensor y = new SpatialUpSamplingBilinear(1, 4).forward(x);
        // positions 0, 1/3, 2/3, 1 of the way: 0, 1, 2, 3 (lambda rounded through float)
        double[] v = y.toArray();
        for (int j = 0; j < 4; j++) {
            assertEquals(j, v[j], 1e-6);
        }
        assertEquals(0.0, v[0]);
        assertEquals(3.0, v[3], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new SpatialUpSamplingBilinear(0));
        assertThrows(IllegalArgumentException.class, () -> new SpatialUpSamplingBilinear(3, 0));
    }
}
