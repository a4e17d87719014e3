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

class SpatialConvolutionMMTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialConvolutionMM(2, 3, 2, 3, 1, 2, 1, 0);
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
        return "nn.SpatialConvolutionMM(2 -> 3, 2x3, 1,2, 1,0)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 1, 5, 4);
    }

    @Test
    void sameOutputAsSpatialConvolutionWithTheSameWeights() {
        SpatialConvolutionMM mm = new SpatialConvolutionMM(2, 3, 3, 3, 1, 1, 1, 1);
        SpatialConvolution c = new SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1);
        assertTrue(mm.weight().hasSize(3, 18));
        c.weight().copy(mm.weight());
        c.bias().copy(mm.bias());
        Tensor x = Tensor.uniform(-1, 1, 2, 2, 4, 5);
        assertEquals(0.0, mm.forward(x).maxAbsDiff(c.forward(x)));
        assertEquals("nn.SpatialConvolutionMM(2 -> 3, 3x3, 1,1, 1,1)", mm.toString());
        assertEquals("nn.SpatialConvolutionMM(2 -> 3, 3x3)", new SpatialConvolutionMM(2, 3, 3, 3).toString());
        assertThrows(IllegalArgumentException.class, () -> new SpatialConvolutionMM(2, 3, 3, 3, 1, 0, 0, 0));
    }

}
