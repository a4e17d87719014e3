package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

import org.junit.jupiter.api.Nested;

class PaddingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Padding(0, 2);
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
        return "nn.Padding";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    /** Before, with a value, nInputDim 1 and an inner index. */
    @Nested
    class BeforeWithValue extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Padding(0, -2, 1, 0.5, 1);
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
            return "nn.Padding";
        }

        @Override
        protected Data wrongInput() {
            return null;
        }
    }

    /** After, with an index from the right. */
    @Nested
    class AfterInner extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Padding(1, 3, 0, -1, 1);
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 4);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 3);
        }

        @Override
        protected String expectedToString() {
            return "nn.Padding";
        }

        @Override
        protected Data wrongInput() {
            return uniform(5);
        }
    }
}
