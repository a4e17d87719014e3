package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class ExpTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Exp();
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
        return "nn.Exp";
    }

    @Override
    protected Data wrongInput() {
        return null; // element-wise: every shape is accepted
    }

    @Test
    void matchesPyTorchReferenceExp1d() {
        ReferenceCases.assertMatches("exp_1d", "new Exp()", () -> new Exp());
    }

    @Test
    void matchesPyTorchReferenceExpBatch() {
        ReferenceCases.assertMatches("exp_batch", "new Exp()", () -> new Exp());
    }

    @Test
    void gradOutputOfAnotherElementCountIsRejected() {
        Module<Tensor, Tensor> m = new Exp();
        Tensor x = Tensor.uniform(0.5, 2, 3, 4);
        m.forward(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.backward(x, Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("nn.Exp") && e.getMessage().contains("[3, 5]")
                && e.getMessage().contains("[3, 4]"), e.getMessage());
    }

    @Test
    void backwardUsesTheOutput() {
        Exp m = new Exp();
        Tensor x = Tensor.of(0.0, 1.0);
        Tensor y = m.forward(x);
        assertEquals(1.0, y.get(0));
        assertEquals(Math.E, y.get(1), 1e-15);
        Tensor g = m.backward(x, Tensor.of(3.0, 2.0));
        assertEquals(3.0, g.get(0));
        assertEquals(2 * Math.exp(1.0), g.get(1));
    }
}
