package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class AbsTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Abs();
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Abs";
    }

    @Override
    protected Data wrongInput() {
        return null; // element-wise: every shape is accepted
    }

    @Test
    void matchesPyTorchReferenceAbsBatch() {
        ReferenceCases.assertMatches("abs_batch", "new Abs()", () -> new Abs());
    }

    @Test
    void gradOutputOfAnotherElementCountIsRejected() {
        Module<Tensor, Tensor> m = new Abs();
        Tensor x = Tensor.uniform(0.5, 2, 3, 4);
        m.forward(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.backward(x, Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("nn.Abs") && e.getMessage().contains("[3, 5]")
                && e.getMessage().contains("[3, 4]"), e.getMessage());
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
