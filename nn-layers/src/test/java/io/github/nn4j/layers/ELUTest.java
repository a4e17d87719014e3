package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class ELUTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new ELU();
    }

    @Override
    protected Module<Tensor, Tensor> createInPlaceModule() {
        return new ELU(1, true);
    }

    @Override
    protected double[] kinks() {
        return new double[] {0};
    }

    @Override
    protected String expectedToString() {
        return "nn.ELU (alpha:1.000000)";
    }

    /** Another scale of the negative part (the derivative jumps at 0). */
    @Nested
    class Alpha extends ElementWiseContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new ELU(0.7);
        }

        @Override
        protected Module<Tensor, Tensor> createInPlaceModule() {
            return new ELU(0.7, true);
        }

        @Override
        protected double[] kinks() {
            return new double[] {0};
        }

        @Override
        protected String expectedToString() {
            return "nn.ELU (alpha:0.700000)";
        }
    }

    @Test
    void matchesTheFormula() {
        ELU m = new ELU(0.7);
        Tensor x = Tensor.of(-1.5, -0.2, 0.4, 2);
        Tensor y = m.forward(x);
        Tensor gi = m.backward(x, Tensor.filled(1.0, 4));
        for (int i = 0; i < 4; i++) {
            double v = x.get(i);
            assertEquals(v > 0 ? v : 0.7 * (Math.exp(v) - 1), y.get(i), 1e-15);
            assertEquals(v > 0 ? 1 : 0.7 * Math.exp(v), gi.get(i), 1e-15);
        }
    }

    @Test
    void nanAlphaIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ELU(Double.NaN));
    }
}
