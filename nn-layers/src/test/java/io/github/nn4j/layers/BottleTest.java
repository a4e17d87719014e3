package io.github.nn4j.layers;

import org.junit.jupiter.api.Nested;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

class BottleTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Bottle(new Linear(4, 3));
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Bottle";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 2, 5);
    }

    /** Four dimensions folded to two, and a module that changes the dimension count. */
    @Nested
    class Reducing extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Bottle(new Sum(1), 2, 1);
        }

        @Override
        protected Data sampleInput() {
            return uniform(3, 4);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 3, 4);
        }

        @Override
        protected String expectedToString() {
            return "nn.Bottle";
        }

        @Override
        protected Data wrongInput() {
            return null;
        }
    }
}
