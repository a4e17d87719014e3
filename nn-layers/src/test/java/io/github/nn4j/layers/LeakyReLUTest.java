package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class LeakyReLUTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new LeakyReLU();
    }

    @Override
    protected Module<Tensor, Tensor> createInPlaceModule() {
        return new LeakyReLU(0.01, true);
    }

    @Override
    protected double[] kinks() {
        return new double[] {0};
    }

    @Override
    protected String expectedToString() {
        return "nn.LeakyReLU(0.01)";
    }

    /** A steeper negative slope. */
    @Nested
    class Slope extends ElementWiseContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new LeakyReLU(0.1);
        }

        @Override
        protected Module<Tensor, Tensor> createInPlaceModule() {
            return new LeakyReLU(0.1, true);
        }

        @Override
        protected double[] kinks() {
            return new double[] {0};
        }

        @Override
        protected String expectedToString() {
            return "nn.LeakyReLU(0.1)";
        }
    }

    @Test
    void scalesTheNegativePartZeroIncluded() {
        LeakyReLU m = new LeakyReLU(0.1);
        Tensor x = Tensor.of(-2, 0, 3);
        assertArrayEquals(new double[] {-0.2, 0, 3}, m.forward(x).toArray(), 1e-16);
        assertArrayEquals(new double[] {0.1, 0.1, 1}, m.backward(x, Tensor.filled(1.0, 3)).toArray(), 0.0);
    }

    @Test
    void aNegativeSlopeTurnsInPlaceOffAsTorch() {
        LeakyReLU m = new LeakyReLU(-0.5, true);
        assertFalse(m.isInplace());
        Tensor x = Tensor.of(-2, 1);
        m.forward(x);
        assertArrayEquals(new double[] {-2, 1}, x.toArray(), 0.0);
    }

    @Test
    void nanSlopeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(Double.NaN));
        assertEquals("nn.LeakyReLU: negval must be a number, got NaN", e.getMessage());
    }

    @Test
    void printsTheSlopeAsCsPercentG() {
        assertEquals("nn.LeakyReLU(1e-05)", new LeakyReLU(1e-5).toString());
        assertEquals("nn.LeakyReLU(0.333333)", new LeakyReLU(1.0 / 3).toString());
        assertEquals("nn.LeakyReLU(1.23457e+06)", new LeakyReLU(1234567).toString());
        assertEquals("nn.LeakyReLU(100000)", new LeakyReLU(100000).toString());
        assertEquals("nn.LeakyReLU(0.0001)", new LeakyReLU(1e-4).toString());
        assertEquals("nn.LeakyReLU(0)", new LeakyReLU(0).toString());
        assertEquals("nn.LeakyReLU(-2.5)", new LeakyReLU(-2.5).toString());
        assertEquals("1e+100", CFormat.g(1e100));
        assertEquals("inf", CFormat.g(Double.POSITIVE_INFINITY));
    }
}
