package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

import org.junit.jupiter.api.Nested;

class MeanTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Mean(0, 1);
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
        return "nn.Mean";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    /** Over dimension 2 of a 3-D input. */
    @Nested
    class Dim2 extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Mean(2);
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 3, 4);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 3);
        }

        @Override
        protected String expectedToString() {
            return "nn.Mean";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 3);
        }
    }
}
