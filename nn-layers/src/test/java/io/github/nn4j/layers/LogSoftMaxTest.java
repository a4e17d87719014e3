package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class LogSoftMaxTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new LogSoftMax();
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
        return "nn.LogSoftMax";
    }

    @Override
    protected Data wrongInput() {
        return Tensor.empty();
    }

    @Test
    void isTheLogOfSoftMaxInEveryLayout() {
        LogSoftMax m = new LogSoftMax();
        Tensor x3 = Tensor.uniform(-3, 3, 3, 2, 2);
        assertEquals(Math.log(SoftMaxTest.reference(x3, new int[] {2, 1, 0}, 0)), m.forward(x3).get(2, 1, 0), 1e-14);
        Tensor x4 = Tensor.uniform(-3, 3, 2, 3, 1, 2);
        assertEquals(Math.log(SoftMaxTest.reference(x4, new int[] {0, 1, 0, 1}, 1)), m.forward(x4).get(0, 1, 0, 1),
                1e-14);
        GradientChecker.check(new LogSoftMax(), x3).assertPassed(1e-6);
        GradientChecker.check(new LogSoftMax(), x4).assertPassed(1e-6);
    }

    @Test
    void largeInputsStayFinite() {
        Tensor y = new LogSoftMax().forward(Tensor.of(1000, 1000));
        // x − (m + log 2) at |x| = 1000 keeps about 13 significant digits of log 2, as in Torch
        assertEquals(-Math.log(2), y.get(0), 1e-12);
    }

    /** cuDNN's INSTANCE mode: a sample's C·H·W values are one distribution. */
    @org.junit.jupiter.api.Nested
    class InstanceMode extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new LogSoftMax().instanceMode();
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 3, 4);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 3, 4);
        }

        @Override
        protected String expectedToString() {
            return "nn.LogSoftMax";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 2, 2, 2, 2);
        }
    }
}
