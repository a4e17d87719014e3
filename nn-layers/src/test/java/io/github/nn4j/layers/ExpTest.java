package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class ExpTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Exp();
    }

    @Override
    protected String expectedToString() {
        return "nn.Exp";
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
