package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

import org.junit.jupiter.api.Nested;

class TransposeTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Transpose(new int[] {0, 1});
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
        return "nn.Transpose";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4);
    }

    /** Two swaps in order on 3-D inputs. */
    @Nested
    class Multi extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Transpose(new int[] {0, 2}, new int[] {1, 2});
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 3, 4);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 3, 2);
        }

        @Override
        protected String expectedToString() {
            return "nn.Transpose";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 3);
        }
    }
}
