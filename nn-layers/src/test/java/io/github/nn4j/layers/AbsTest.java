package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class AbsTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Abs();
    }

    @Override
    protected String expectedToString() {
        return "nn.Abs";
    }

    @Test
    void matchesPyTorchReferenceAbsBatch() {
        ReferenceCases.assertMatches("abs_batch", "new Abs()", () -> new Abs());
    }

    @Test
    void gradientAtZeroIsPlusGradOutputAsTorchsKernel() {
        Abs m = new Abs();
        Tensor x = Tensor.of(0.0, -0.0, -2.0, 3.0);
        m.forward(x);
        Tensor g = m.backward(x, Tensor.of(5.0, 5.0, 5.0, 5.0));
        // THNN Abs.c: gradInput = gradOutput * (x >= 0 ? 1 : -1); -0.0 >= 0 holds
        assertEquals(5.0, g.get(0));
        assertEquals(5.0, g.get(1));
        assertEquals(-5.0, g.get(2));
        assertEquals(5.0, g.get(3));
    }
}
