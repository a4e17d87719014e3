package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class SoftMaxTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SoftMax();
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
        return "nn.SoftMax";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 2, 2, 2, 2);
    }

    /** The reference: e^x_d / Σ e^x_j along {@code dim}, element by element through get. */
    static double reference(Tensor x, int[] idx, int dim) {
        double s = 0;
        int[] j = idx.clone();
        for (int k = 0; k < x.size(dim); k++) {
            j[dim] = k;
            s += Math.exp(x.get(j));
        }
        return Math.exp(x.get(idx)) / s;
    }

    @Test
    void normalisesOverTheDimensionTorchUses() {
        SoftMax m = new SoftMax();
        Tensor x3 = Tensor.uniform(-3, 3, 3, 2, 2);
        Tensor y3 = m.forward(x3).clone();
        assertEquals(reference(x3, new int[] {1, 0, 1}, 0), y3.get(1, 0, 1), 1e-15);
        Tensor x4 = Tensor.uniform(-3, 3, 2, 3, 2, 2);
        Tensor y4 = m.forward(x4).clone();
        assertEquals(reference(x4, new int[] {1, 2, 1, 0}, 1), y4.get(1, 2, 1, 0), 1e-15);
        Tensor x2 = Tensor.uniform(-3, 3, 2, 3);
        assertEquals(reference(x2, new int[] {1, 2}, 1), m.forward(x2).get(1, 2), 1e-15);
        GradientChecker.check(new SoftMax(), x3).assertPassed(1e-6);
        GradientChecker.check(new SoftMax(), x4).assertPassed(1e-6);
    }

    @Test
    void largeInputsDoNotOverflow() {
        Tensor y = new SoftMax().forward(Tensor.of(1000, 1000, -1000));
        assertEquals(0.5, y.get(0), 0.0);
        assertEquals(0.0, y.get(2), 0.0);
    }

    @Test
    void fiveDimensionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SoftMax().forward(Tensor.zeros(1, 1, 1, 1, 2)));
        assertEquals("nn.SoftMax: expected input of size [n], [N, n], [C, H, W] or [N, C, H, W], got [1, 1, 1, 1, 2]",
                e.getMessage());
    }

    /** cuDNN's INSTANCE mode: a sample's C·H·W values are one distribution. */
    @org.junit.jupiter.api.Nested
    class InstanceMode extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SoftMax().instanceMode();
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
            return "nn.SoftMax";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 2, 2, 2, 2);
        }
    }
}
