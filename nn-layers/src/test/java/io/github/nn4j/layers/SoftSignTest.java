package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class SoftSignTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SoftSign();
    }

    @Override
    protected String expectedToString() {
        return "nn.SoftSign";
    }

    @Test
    void matchesTheFormula() {
        SoftSign m = new SoftSign();
        Tensor x = Tensor.of(-3, 0, 1);
        Tensor y = m.forward(x);
        Tensor gi = m.backward(x, Tensor.filled(2.0, 3));
        assertEquals(-0.75, y.get(0), 0.0);
        assertEquals(0.0, y.get(1), 0.0);
        assertEquals(0.5, y.get(2), 0.0);
        assertEquals(2 / 16.0, gi.get(0), 0.0);
        assertEquals(2.0, gi.get(1), 0.0);
        assertEquals(0.5, gi.get(2), 0.0);
    }
}
