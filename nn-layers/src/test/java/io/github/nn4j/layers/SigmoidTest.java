package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class SigmoidTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Sigmoid();
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Sigmoid";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    @Test
    void valuesAndSymmetry() {
        Sigmoid m = new Sigmoid();
        Tensor x = Tensor.of(0, 2, -2, 40, -800);
        Tensor y = m.forward(x);
        assertEquals(0.5, y.get(0), 0.0);
        // e^2 / (1 + e^2), written differently from the layer's formula
        assertEquals(Math.exp(2) / (1 + Math.exp(2)), y.get(1), 1e-15);
        assertEquals(1.0, y.get(1) + y.get(2), 1e-15);
        assertEquals(1.0, y.get(3), 1e-15);
        assertEquals(0.0, y.get(4), 0.0);
        Tensor gi = m.backward(x, Tensor.filled(1.0, 5));
        assertEquals(0.25, gi.get(0), 0.0);
    }
}
