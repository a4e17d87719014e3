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

class SpatialDilatedConvolutionTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialDilatedConvolution(2, 3, 2, 3, 1, 1, 1, 2, 2, 1);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 5, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 5, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialDilatedConvolution(2 -> 3, 2x3, 1,1, 1,2, 2,1)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 5, 4);
    }

    @Test
    void printsTheDilationAlwaysAndRefusesBadArguments() {
        assertEquals("nn.SpatialDilatedConvolution(2 -> 3, 3x3, 2,2)",
                new SpatialDilatedConvolution(2, 3, 3, 3, 1, 1, 0, 0, 2, 2).toString());
        assertEquals("nn.SpatialDilatedConvolution(2 -> 3, 3x3, 2,2) without bias",
                new SpatialDilatedConvolution(2, 3, 3, 3, 1, 1, 0, 0, 2, 2).noBias().toString());
        String msg = assertThrows(IllegalArgumentException.class,
                () -> new SpatialDilatedConvolution(2, 3, 3, 3, 1, 1, 0, 0, 0, 2)).getMessage();
        assertTrue(msg.contains("dilation 0,2"), msg);
        // a dilated 3x3 kernel spans 5: a 4x4 input is too small
        SpatialDilatedConvolution m = new SpatialDilatedConvolution(1, 1, 3, 3, 1, 1, 0, 0, 2, 2);
        String small = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(1, 4, 4)))
                .getMessage();
        assertTrue(small.contains(">= 5") && small.endsWith("got [1, 4, 4]"), small);
    }

}
