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

class SpatialZeroPaddingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialZeroPadding(1, 2, -1, 1);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 4, 3);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 4, 3);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialZeroPadding(l=1, r=2, t=-1, b=1)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 3);
    }

    @Test
    void padsWithZerosAndCrops() {
        Tensor x = Tensor.fromArray(new double[] {1, 2, 3, 4}, 1, 2, 2);
        Tensor y = new SpatialZeroPadding(1, 0, -1, 0).forward(x);
        assertTrue(y.hasSize(1, 1, 3));
        assertEquals(0.0, y.get(0, 0, 0));
        assertEquals(3.0, y.get(0, 0, 1));
        assertEquals(4.0, y.get(0, 0, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialZeroPadding(-2).forward(Tensor.zeros(1, 3, 3)));
        assertTrue(e.getMessage().startsWith("nn.SpatialZeroPadding(l=-2, r=-2, t=-2, b=-2): expected input"),
                e.getMessage());
    }
}
