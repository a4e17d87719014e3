package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

import org.junit.jupiter.api.Nested;

class SumTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Sum(1);
    }

    @Override
    protected Data sampleInput() {
        return uniform(3, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 3, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Sum";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4);
    }

    /** nInputDims 1, sizeAverage, no squeeze: a batch sums over its dimension 1. */
    @Nested
    class BatchSizeAverage extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Sum(0, 1, true, false);
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
            return "nn.Sum";
        }

        @Override
        protected Data wrongInput() {
            return null;
        }
    }

    /** A negative dimension: the last one. */
    @Nested
    class Negative extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Sum(-1);
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
            return "nn.Sum";
        }

        @Override
        protected Data wrongInput() {
            return null;
        }
    }
}
