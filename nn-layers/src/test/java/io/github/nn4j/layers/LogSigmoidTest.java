package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class LogSigmoidTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new LogSigmoid();
    }

    @Override
    protected String expectedToString() {
        return "nn.LogSigmoid";
    }

    @Test
    void matchesTheFormula() {
        LogSigmoid m = new LogSigmoid();
        Tensor x = Tensor.of(-1.5, -0.1, 0, 0.3, 2);
        Tensor y = m.forward(x);
        Tensor gi = m.backward(x, Tensor.filled(1.0, 5));
        for (int i = 0; i < 5; i++) {
            double s = 1 / (1 + Math.exp(-x.get(i)));
            assertEquals(Math.log(s), y.get(i), 1e-15);
            assertEquals(1 - s, gi.get(i), 1e-15);
        }
    }

    @Test
    void staysFiniteForLargeInputs() {
        LogSigmoid m = new LogSigmoid();
        Tensor x = Tensor.of(-1000, 1000);
        Tensor y = m.forward(x);
        Tensor gi = m.backward(x, Tensor.filled(1.0, 2));
        assertEquals(-1000, y.get(0), 0.0);
        assertEquals(0.0, y.get(1), 0.0);
        assertEquals(1.0, gi.get(0), 0.0);
        assertEquals(0.0, gi.get(1), 0.0);
    }
}
