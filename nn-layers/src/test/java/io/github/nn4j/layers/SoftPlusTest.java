package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class SoftPlusTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SoftPlus();
    }

    @Override
    protected String expectedToString() {
        return "nn.SoftPlus";
    }

    /** A sharper softplus. */
    @Nested
    class Beta extends ElementWiseContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new SoftPlus(2);
        }

        @Override
        protected String expectedToString() {
            return "nn.SoftPlus";
        }
    }

    @Test
    void matchesTheFormulaAndIsLinearPastTheThreshold() {
        SoftPlus m = new SoftPlus(2);
        Tensor x = Tensor.of(-3, 0.5, 9.9, 10.1, 50);
        Tensor y = m.forward(x);
        Tensor gi = m.backward(x, Tensor.filled(1.0, 5));
        for (int i = 0; i < 3; i++) {
            double v = x.get(i);
            assertEquals(Math.log(1 + Math.exp(2 * v)) / 2, y.get(i), 1e-14);
            assertEquals(1 / (1 + Math.exp(-2 * v)), gi.get(i), 1e-12);
        }
        // beta * x > 20: y = x and the gradient passes unchanged
        assertEquals(10.1, y.get(3), 0.0);
        assertEquals(50, y.get(4), 0.0);
        assertEquals(1.0, gi.get(3), 0.0);
        assertEquals(20.0, m.threshold());
        assertEquals(5.0, new SoftPlus(1, 5).forward(Tensor.of(5.0)).get(0), 0.01);
        assertEquals(5.5, new SoftPlus(1, 5).forward(Tensor.of(5.5)).get(0), 0.0);
    }

    @Test
    void zeroOrNanBetaIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SoftPlus(0));
        assertEquals("nn.SoftPlus: beta must be a non-zero number and threshold a number, got beta 0.0, threshold 20.0",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SoftPlus(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SoftPlus(1, Double.NaN));
    }
}
