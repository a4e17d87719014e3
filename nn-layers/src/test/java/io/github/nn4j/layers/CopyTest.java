package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

import org.junit.jupiter.api.Nested;

class CopyTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Copy();
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Copy";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    /** Copying (forceCopy, or two different type names). */
    @Nested
    class Forced extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Copy("torch.DoubleTensor", "torch.FloatTensor");
        }

        @Override
        protected Data sampleInput() {
            return uniform(5);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 3);
        }

        @Override
        protected String expectedToString() {
            return "nn.Copy";
        }

        @Override
        protected Data wrongInput() {
            return null;
        }
    }
}
