package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

import org.junit.jupiter.api.Nested;

class SelectTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Select(1, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Select";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 2);
    }

    /** Negative dimension and index. */
    @Nested
    class Negative extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Select(-1, -2);
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 3);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 3);
        }

        @Override
        protected String expectedToString() {
            return "nn.Select";
        }

        @Override
        protected Data wrongInput() {
            return uniform(3);
        }
    }
}
