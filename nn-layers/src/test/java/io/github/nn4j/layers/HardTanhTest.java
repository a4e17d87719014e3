package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class HardTanhTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new HardTanh();
    }

    @Override
    protected Module<Tensor, Tensor> createInPlaceModule() {
        return new HardTanh(-1, 1, true);
    }

    @Override
    protected double[] kinks() {
        return new double[] {-1, 1};
    }

    @Override
    protected String expectedToString() {
        return "nn.HardTanh";
    }

    /** Other bounds. */
    @Nested
    class MinMax extends ElementWiseContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new HardTanh(-0.5, 1.5);
        }

        @Override
        protected Module<Tensor, Tensor> createInPlaceModule() {
            return new HardTanh(-0.5, 1.5, true);
        }

        @Override
        protected double[] kinks() {
            return new double[] {-0.5, 1.5};
        }

        @Override
        protected String expectedToString() {
            return "nn.HardTanh";
        }
    }

    @Test
    void clipsAndPassesTheGradientInsideTheBoundsIncluded() {
        HardTanh m = new HardTanh(-0.5, 1.5);
        Tensor x = Tensor.of(-3, -0.5, 0.2, 1.5, 7);
        assertArrayEquals(new double[] {-0.5, -0.5, 0.2, 1.5, 1.5}, m.forward(x).toArray(), 0.0);
        // out of place THNN tests x < min || x > max: the bounds pass the gradient
        assertArrayEquals(new double[] {0, 1, 1, 1, 0}, m.backward(x, Tensor.filled(1.0, 5)).toArray(), 0.0);
        // in place the input holds the clipped values: THNN tests x <= min || x >= max
        HardTanh ip = new HardTanh(-0.5, 1.5, true);
        Tensor xi = x.clone();
        ip.forward(xi);
        assertArrayEquals(new double[] {0, 0, 1, 0, 0}, ip.backward(xi, Tensor.filled(1.0, 5)).toArray(), 0.0);
    }

    @Test
    void boundsMustBeOrdered() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HardTanh(1, 1));
        assertEquals("nn.HardTanh: max_value (1.0) must be larger than min_value (1.0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HardTanh(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new HardTanh(0, Double.NaN, true));
    }
}
