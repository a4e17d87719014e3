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

class SpatialFullConvolutionTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialFullConvolution(2, 3, 3, 2, 2, 1, 1, 0, 1, 0);
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
        return "nn.SpatialFullConvolution(2 -> 3, 3x2, 2,1, 1,0, 1,0)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 3, 4);
    }

    @Test
    void isTheAdjointOfSpatialConvolution() {
        // <conv(x), y> = <x, full(y)> with the same kernel and no bias
        SpatialConvolution conv = new SpatialConvolution(3, 2, 3, 3, 2, 2, 1, 1).noBias();
        SpatialFullConvolution full = new SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1);
        full.weight().copy(conv.weight());
        full.bias().zero();
        Tensor x = Tensor.uniform(-1, 1, 2, 3, 7, 7);
        Tensor cx = conv.forward(x);
        Tensor y = Tensor.uniform(-1, 1, cx.sizes());
        Tensor fy = full.forward(y);
        assertTrue(fy.sameSizeAs(x), fy.shapeString());
        assertEquals(cx.dot(y), x.dot(fy), 1e-12);
        assertEquals("nn.SpatialFullConvolution(2 -> 3, 3x3)", new SpatialFullConvolution(2, 3, 3, 3).toString());
        String msg = assertThrows(IllegalArgumentException.class,
                () -> new SpatialFullConvolution(2, 3, 3, 3, 2, 2, 0, 0, 2, 0)).getMessage();
        assertTrue(msg.startsWith("nn.SpatialFullConvolution(2 -> 3, 3x3): adjW and adjH"), msg);
    }

}
