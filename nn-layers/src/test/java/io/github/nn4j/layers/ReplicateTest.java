package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

import org.junit.jupiter.api.Nested;

class ReplicateTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Replicate(3);
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
        return "nn.Replicate";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    /** dim 1 with ndim 1: a batch replicates along dimension 2. */
    @Nested
    class Batch extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Replicate(2, 1, 1);
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
            return "nn.Replicate";
        }

        @Override
        protected Data wrongInput() {
            return null;
        }
    }

    /** dim 2 needs two dimensions. */
    @Nested
    class Dim2 extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Replicate(2, 2, 0);
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
            return "nn.Replicate";
        }

        @Override
        protected Data wrongInput() {
            return uniform(4);
        }
    }
}
