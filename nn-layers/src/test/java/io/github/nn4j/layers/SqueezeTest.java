package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

import org.junit.jupiter.api.Nested;

class SqueezeTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Squeeze();
    }

    @Override
    protected Data sampleInput() {
        return uniform(1, 4, 1);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 1, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Squeeze";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    /** One dimension, with numInputDims: a batch squeezes dimension 2. */
    @Nested
    class Dim extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Squeeze(1, 2);
        }

        @Override
        protected Data sampleInput() {
            return uniform(4, 1);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 4, 1);
        }

        @Override
        protected String expectedToString() {
            return "nn.Squeeze";
        }

        @Override
        protected Data wrongInput() {
            return uniform(4);
        }
    }
}
