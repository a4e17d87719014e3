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

class SpatialConvolutionLocalTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialConvolutionLocal(2, 3, 4, 5, 3, 2, 1, 2, 1, 0);
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
        return "nn.SpatialConvolutionLocal(2 -> 3, 4x5, 3x2, 1,2, 1,0)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 2, 4, 5);
    }

    @Test
    void eachLocationHasItsOwnKernel() {
        SpatialConvolutionLocal m = new SpatialConvolutionLocal(1, 1, 3, 3, 2, 2);
        assertTrue(m.weight().hasSize(2, 2, 1, 1, 2, 2));
        assertTrue(m.bias().hasSize(1, 2, 2));
        Tensor x = Tensor.uniform(-1, 1, 1, 3, 3);
        Tensor y = m.forward(x);
        for (int oy = 0; oy < 2; oy++) {
            for (int ox = 0; ox < 2; ox++) {
                double s = m.bias().get(0, oy, ox);
                for (int kh = 0; kh < 2; kh++) {
                    for (int kw = 0; kw < 2; kw++) {
                        s += m.weight().get(oy, ox, 0, 0, kh, kw) * x.get(0, oy + kh, ox + kw);
                    }
                }
                assertEquals(s, y.get(0, oy, ox), 1e-14);
            }
        }
        assertEquals("nn.SpatialConvolutionLocal(1 -> 1, 3x3, 2x2)", m.toString());
        assertThrows(IllegalArgumentException.class, () -> new SpatialConvolutionLocal(1, 1, 1, 3, 2, 2));
        String msg = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(1, 3, 4)))
                .getMessage();
        assertEquals("nn.SpatialConvolutionLocal(1 -> 1, 3x3, 2x2): expected input of size [N, 1, 3, 3] or [1, 3, 3],"
                + " got [1, 3, 4]", msg);
    }

}
