package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

import org.junit.jupiter.api.Nested;

class UnsqueezeTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Unsqueeze(1);
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
        return "nn.Unsqueeze(dim 2)";
    }

    @Override
    protected Data wrongInput() {
        return null; // any input with at least pos dimensions: see ShapesGoldenTest for the error
    }

    /** numInputDims 1: the batch dimension comes first. */
    @Nested
    class NumInputDims extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Unsqueeze(0, 1);
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
            return "nn.Unsqueeze(dim 1)";
        }

        @Override
        protected Data wrongInput() {
            return null;
        }
    }
}
