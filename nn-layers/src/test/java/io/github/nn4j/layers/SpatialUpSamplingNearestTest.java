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

class SpatialUpSamplingNearestTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialUpSamplingNearest(2);
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
        return "nn.SpatialUpSamplingNearest";
    }

    @Override
    protected Data wrongInput() {
        return uniform(12);
    }

    @Test
    void copiesEachPixelIntoABlock() {
        Tensor x = Tensor.fromArray(new double[] {1, 2}, 1, 1, 2);
        Tensor y = new SpatialUpSamplingNearest(2).forward(x);
        assertEquals("[1.0, 1.0, 2.0, 2.0, 1.0, 1.0, 2.0, 2.0]", java.util.Arrays.toString(y.toArray()));
        assertThrows(IllegalArgumentException.class, () -> new SpatialUpSamplingNearest(0));
    }
}
