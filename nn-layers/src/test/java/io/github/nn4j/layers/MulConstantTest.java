package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class MulConstantTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new MulConstant(-1.75);
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 5);
    }

    @Override
    protected String expectedToString() {
        return "nn.MulConstant";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    @Test
    void scalesOutputAndGradient() {
        MulConstant m = new MulConstant(0.75);
        Tensor x = Tensor.of(4, -8, 0.5);
        assertEquals(0.0, m.forward(x).maxAbsDiff(Tensor.of(3, -6, 0.375)));
        assertEquals(0.0, m.backward(x, Tensor.of(1, 2, 4)).maxAbsDiff(Tensor.of(0.75, 1.5, 3)));
        assertEquals(0.0, x.maxAbsDiff(Tensor.of(4, -8, 0.5)), "input untouched");
    }

    @Test
    void inPlaceScalesTheInputThenRestoresItInBackward() {
        Tensor x = Tensor.uniform(-2, 2, 3, 4);
        Tensor g = Tensor.uniform(-1, 1, 3, 4);
        MulConstant plain = new MulConstant(0.3);
        Tensor y = plain.forward(x).clone();
        Tensor gi = plain.backward(x, g).clone();

        MulConstant inplace = new MulConstant(0.3, true);
        Tensor xi = x.clone();
        Tensor gg = g.clone();
        Tensor yi = inplace.forward(xi);
        assertTrue(yi.sharesStorageWith(xi), "output shares the input's storage");
        assertEquals(0.0, yi.maxAbsDiff(y));
        Tensor gii = inplace.backward(xi, gg);
        assertSame(gii, inplace.gradInput());
        assertTrue(gii.sharesStorageWith(gg), "gradInput is the scaled gradOutput");
        assertEquals(0.0, gii.maxAbsDiff(gi));
        assertTrue(xi.maxAbsDiff(x) < 1e-15, "input restored: " + xi.maxAbsDiff(x));
    }

    @Test
    void inPlaceWithZeroIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MulConstant(0.0, true));
    }
}
