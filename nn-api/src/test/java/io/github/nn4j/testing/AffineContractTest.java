package io.github.nn4j.testing;

import io.github.nn4j.Data;
import io.github.nn4j.Module;

/** Runs the module contract on the correct test module, so the contract itself is exercised. */
class AffineContractTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Affine(4, Affine.Fault.NONE);
    }

    @Override
    protected Data sampleInput() {
        return uniform(4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Affine(4)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 5);
    }
}
