package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

import org.junit.jupiter.api.Nested;

class NarrowTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Narrow(1, 1, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(3, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Narrow";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 2);
    }

    /** A negative length counts from the end. */
    @Nested
    class NegativeLength extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Narrow(-1, 1, -2);
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
            return "nn.Narrow";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 2);
        }
    }
}
