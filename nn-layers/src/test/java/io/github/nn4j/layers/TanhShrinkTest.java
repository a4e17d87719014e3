package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class TanhShrinkTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new TanhShrink();
    }

    @Override
    protected String expectedToString() {
        return "nn.TanhShrink";
    }

    @Test
    void isXMinusTanhAndHasNoChildren() {
        TanhShrink m = new TanhShrink();
        Tensor x = Tensor.of(-1.5, 0.3, 2);
        Tensor y = m.forward(x);
        Tensor gi = m.backward(x, Tensor.filled(1.0, 3));
        for (int i = 0; i < 3; i++) {
            double t = Math.tanh(x.get(i));
            assertEquals(x.get(i) - t, y.get(i), 1e-15);
            assertEquals(t * t, gi.get(i), 1e-15);
        }
        assertTrue(m.children().isEmpty());
    }
}
