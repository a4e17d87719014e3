package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/** The function jumps at ±λ: inputs keep away from there. */
class HardShrinkTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new HardShrink();
    }

    @Override
    protected double[] kinks() {
        return new double[] {-0.5, 0.5};
    }

    @Override
    protected String expectedToString() {
        return "nn.HardShrink";
    }

    /** Another band. */
    @Nested
    class Lambda extends ElementWiseContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new HardShrink(0.4);
        }

        @Override
        protected double[] kinks() {
            return new double[] {-0.4, 0.4};
        }

        @Override
        protected String expectedToString() {
            return "nn.HardShrink";
        }
    }

    @Test
    void zeroesTheBandStrictly() {
        HardShrink m = new HardShrink(0.5);
        Tensor x = Tensor.of(-2, -0.5, 0.1, 0.5, 1.5);
        assertArrayEquals(new double[] {-2, 0, 0, 0, 1.5}, m.forward(x).toArray(), 0.0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1}, m.backward(x, Tensor.filled(1.0, 5)).toArray(), 0.0);
    }

    @Test
    void negativeOrNanLambdaIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HardShrink(-1));
        assertEquals("nn.HardShrink: lambda must be >= 0, got -1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HardShrink(Double.NaN));
    }
}
