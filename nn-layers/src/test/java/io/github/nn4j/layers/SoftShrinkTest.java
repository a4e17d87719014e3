package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class SoftShrinkTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SoftShrink();
    }

    @Override
    protected double[] kinks() {
        return new double[] {-0.5, 0.5};
    }

    @Override
    protected String expectedToString() {
        return "nn.SoftShrink";
    }

    /** Another band. */
    @Nested
    class Lambda extends ElementWiseContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new SoftShrink(0.3);
        }

        @Override
        protected double[] kinks() {
            return new double[] {-0.3, 0.3};
        }

        @Override
        protected String expectedToString() {
            return "nn.SoftShrink";
        }
    }

    @Test
    void shrinksTowardsZeroStrictly() {
        SoftShrink m = new SoftShrink(0.5);
        Tensor x = Tensor.of(-2, -0.5, 0.1, 0.5, 1.5);
        assertArrayEquals(new double[] {-1.5, 0, 0, 0, 1}, m.forward(x).toArray(), 0.0);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1}, m.backward(x, Tensor.filled(1.0, 5)).toArray(), 0.0);
    }

    @Test
    void negativeOrNanLambdaIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SoftShrink(-0.1));
        assertEquals("nn.SoftShrink: lambda must be >= 0, got -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SoftShrink(Double.NaN));
    }
}
