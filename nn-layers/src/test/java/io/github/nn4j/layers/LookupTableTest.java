package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientCheckReport;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class LookupTableTest extends ModuleContractTest {

    /** Indices 0..n-1 with a repeat, as a tensor of the given size. */
    static Tensor indices(int nIndex, int... size) {
        Tensor t = Tensor.zeros(size);
        double[] a = t.data();
        for (int i = 0; i < t.numel(); i++) {
            a[i] = (i * 7 + 3) % nIndex;
        }
        return t;
    }

    @Override
    protected Module<?, ?> createModule() {
        return new LookupTable(6, 3);
    }

    @Override
    protected Data sampleInput() {
        return indices(6, 5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return indices(6, batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.LookupTable";
    }

    @Override
    protected Data wrongInput() {
        return Tensor.zeros(2, 2, 2);
    }

    /**
     * The input holds indices: a finite difference of an index is meaningless (Torch's golden
     * data has no such check either), and the module refuses fractional indices. So the check
     * holds the indices fixed and covers the weight gradient and accumulation only; that
     * gradInput is zeros is tested below.
     */
    @Override
    protected GradientCheckReport gradientCheck(Module<?, ?> module, Data input) {
        return GradientChecker.check(PartlyDifferentiable.parametersOnly(module, input), Tensor.empty());
    }

    @Test
    void gradInputIsZerosOfTheInputSize() {
        LookupTable m = new LookupTable(6, 3);
        Tensor x = indices(6, 2, 4);
        Tensor y = m.forward(x);
        assertEquals("[2, 4, 3]", y.shapeString());
        Tensor gi = m.backward(x, Tensor.filled(1, 2, 4, 3));
        assertEquals("[2, 4]", gi.shapeString());
        assertEquals(0.0, gi.maxAbsDiff(Tensor.zeros(2, 4)));
    }

    /**
     * A padding index, a max norm and the 1-norm. The max norm is above every row's norm: a row
     * renormalised to the limit would be renormalised again by the checker's perturbations
     * (the forward is not differentiable there); the renormalisation itself is checked against
     * Torch (case lookuptable_maxnorm).
     */
    @Nested
    class PaddingAndMaxNorm extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new LookupTable(6, 3, 2, 10, 1);
        }

        @Override
        protected Data sampleInput() {
            return indices(6, 5);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return indices(6, batchSize, 4);
        }

        @Override
        protected String expectedToString() {
            return "nn.LookupTable";
        }

        @Override
        protected Data wrongInput() {
            return Tensor.of(0, 6);
        }

        @Test
        void paddingRowGetsNoGradient() {
            LookupTable m = new LookupTable(6, 3, 2, 10, 1);
            Tensor x = Tensor.of(2, 0, 2);
            m.forward(x);
            m.zeroGradParameters();
            m.backward(x, Tensor.filled(1, 3, 3));
            for (int k = 0; k < 6; k++) {
                double rowSum = 0;
                for (int j = 0; j < 3; j++) {
                    rowSum += m.parameters().get(0).grad().get(k, j);
                }
                assertEquals(k == 0 ? 3.0 : 0.0, rowSum, "row " + k);
            }
        }

        /**
         * As the outer class, indices held fixed; and the padding index 2 replaced by 3: its row
         * is read by the forward but gets no gradient by design (Torch's paddingValue), which a
         * finite difference cannot agree with (tested in {@link #paddingRowGetsNoGradient}).
         */
        @Override
        protected GradientCheckReport gradientCheck(Module<?, ?> module, Data input) {
            Tensor x = ((Tensor) input).clone();
            double[] a = x.data();
            for (int i = 0; i < x.numel(); i++) {
                a[i] = a[i] == 2 ? 3 : a[i];
            }
            input = x;
            return GradientChecker.check(PartlyDifferentiable.parametersOnly(module, input), Tensor.empty());
        }
    }
}
