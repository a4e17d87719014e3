package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class IdentityTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Identity();
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
        return "nn.Identity";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    @Test
    void outputIsTheInputObjectAndGradInputTheGradOutputObject() {
        Identity m = new Identity();
        Tensor x = Tensor.uniform(-1, 1, 2, 3);
        Tensor g = Tensor.uniform(-1, 1, 2, 3);
        assertSame(x, m.forward(x));
        assertSame(g, m.backward(x, g));
        Table t = new Table();
        t.add(x);
        t.add(g);
        assertSame(t, m.forward(t));
        assertSame(t, m.backward(t, t));
    }
}
