package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class TemporalConvolutionTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new TemporalConvolution(3, 4, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(5, 3);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 5, 3);
    }

    @Override
    protected String expectedToString() {
        return "nn.TemporalConvolution";
    }

    @Override
    protected Data wrongInput() {
        return uniform(5, 4);
    }

    /** A stride larger than the kernel: frames between windows get no gradient. */
    @Nested
    class Strided extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new TemporalConvolution(2, 3, 2, 3);
        }

        @Override
        protected Data sampleInput() {
            return uniform(8, 2);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 8, 2);
        }

        @Override
        protected String expectedToString() {
            return "nn.TemporalConvolution";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 1, 2);
        }
    }

    @Test
    void outputIsTheSumOverTheWindowOfEachFrameTimesItsWeightColumns() {
        TemporalConvolution m = new TemporalConvolution(2, 3, 2, 2);
        Tensor x = Tensor.uniform(-1, 1, 5, 2);
        Tensor y = m.forward(x);
        assertEquals(2, y.size(0));
        for (int t = 0; t < 2; t++) {
            for (int o = 0; o < 3; o++) {
                double s = m.bias().get(o);
                for (int k = 0; k < 2; k++) {
                    for (int f = 0; f < 2; f++) {
                        s += m.weight().get(o, k * 2 + f) * x.get(t * 2 + k, f);
                    }
                }
                assertEquals(s, y.get(t, o), 1e-14);
            }
        }
    }

    @Test
    void wrongInputsAndArgumentsAreRefusedWithPreciseMessages() {
        TemporalConvolution m = new TemporalConvolution(3, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 3)));
        assertEquals("nn.TemporalConvolution: expected input of size [T, 3] or [B, T, 3] with T >= kW = 3, got [2, 3]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(6)));
        assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(1, 2, 6, 3)));
        m.forward(Tensor.zeros(6, 3));
        e = assertThrows(IllegalArgumentException.class, () -> m.backward(Tensor.zeros(6, 3), Tensor.zeros(3, 4)));
        assertEquals("nn.TemporalConvolution: gradOutput of size [3, 4] does not match the output size for input [6, 3]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TemporalConvolution(3, 4, 0));
        assertEquals("nn.TemporalConvolution(3, 4, 0, 1): frame sizes, kernel width kW and stride dW must be positive",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TemporalConvolution(0, 4, 2));
        assertThrows(IllegalArgumentException.class, () -> new TemporalConvolution(3, 4, 2, -1));
    }
}
