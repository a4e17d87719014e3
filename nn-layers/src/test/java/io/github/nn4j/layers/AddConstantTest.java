package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class AddConstantTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new AddConstant(3.5);
    }

    @Override
    protected String expectedToString() {
        return "nn.AddConstant";
    }

    @Test
    void matchesPyTorchReferenceAddconstantBatch() {
        ReferenceCases.assertMatches("addconstant_batch", "new AddConstant(3.5)", () -> new AddConstant(3.5));
    }

    @Test
    void matchesPyTorchReferenceAddconstantInplace() {
        ReferenceCases.assertMatches("addconstant_inplace", "new AddConstant(-1.25, true)", () -> new AddConstant(-1.25, true));
    }

    @Test
    void inplaceWritesIntoTheInputAndBackwardRestoresIt() {
        AddConstant m = new AddConstant(2.0, true);
        assertTrue(m.isInplace());
        Tensor x = Tensor.of(1.0, -3.0);
        Tensor y = m.forward(x);
        assertTrue(y.sharesStorageWith(x), "in place: output is a view of the input");
        assertEquals(3.0, x.get(0));
        assertEquals(-1.0, x.get(1));
        Tensor g = Tensor.of(0.5, 0.25);
        Tensor gi = m.backward(x, g);
        assertTrue(gi.sharesStorageWith(g), "in place: gradInput is a view of gradOutput");
        assertEquals(1.0, x.get(0));
        assertEquals(-3.0, x.get(1));
    }

    @Test
    void inplacePassesTheGradientCheck() {
        io.github.nn4j.check.GradientChecker.check(new AddConstant(-0.75, true), uniform(3, 4)).assertPassed(1e-6);
    }

    @Test
    void notInplaceLeavesTheInput() {
        AddConstant m = new AddConstant(1.5);
        Tensor x = Tensor.of(1.0);
        assertEquals(2.5, m.forward(x).get(0));
        assertEquals(1.0, x.get(0));
        assertEquals(1.5, m.constant());
    }
}
