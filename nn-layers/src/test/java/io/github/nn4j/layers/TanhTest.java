package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class TanhTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Tanh();
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 3);
    }

    @Override
    protected String expectedToString() {
        return "nn.Tanh";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    @Test
    void valuesMatchTheExponentialForm() {
        Tanh m = new Tanh();
        Tensor x = Tensor.of(-1.5, 0, 0.3, 2);
        Tensor y = m.forward(x);
        for (int i = 0; i < 4; i++) {
            double e = Math.exp(2 * x.get(i));
            assertEquals((e - 1) / (e + 1), y.get(i), 1e-15);
        }
        assertEquals(1.0, m.backward(x, Tensor.filled(1.0, 4)).get(1), 0.0);
    }
}
