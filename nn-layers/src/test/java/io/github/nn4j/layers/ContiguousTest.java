package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

class ContiguousTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Contiguous();
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
        return "nn.Contiguous";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }
}
