package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class SqrtTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Sqrt();
    }

    @Override
    protected Data sampleInput() {
        return Tensor.uniform(0.5, 2, 5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Tensor.uniform(0.5, 2, batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Sqrt";
    }

    @Test
    void matchesPyTorchReferenceSqrtBatch() {
        ReferenceCases.assertMatches("sqrt_batch", "new Sqrt()", () -> new Sqrt());
    }

    @Test
    void matchesPyTorchReferenceSqrt1d() {
        ReferenceCases.assertMatches("sqrt_1d", "new Sqrt()", () -> new Sqrt());
    }

    @Test
    void backwardIsZeroWhereTheOutputIsZeroAsTorchsGuard() {
        Sqrt m = new Sqrt();
        Tensor x = Tensor.of(0.0, 4.0);
        Tensor y = m.forward(x);
        assertEquals(0.0, y.get(0));
        assertEquals(2.0, y.get(1));
        Tensor g = m.backward(x, Tensor.of(7.0, 8.0));
        assertEquals(0.0, g.get(0)); // not infinity
        assertEquals(0.5 * (8.0 / 2.0), g.get(1));
    }

    @Test
    void epsDefaultsToZeroAndIsNotAddedAsInTorchsCpuKernel() {
        assertEquals(0.0, new Sqrt().eps());
        Sqrt m = new Sqrt(1e-3);
        assertEquals(1e-3, m.eps());
        assertEquals(3.0, m.forward(Tensor.of(9.0)).get(0));
    }
}
