package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientCheckReport;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class SparseLinearTest extends ModuleContractTest {

    /** {@code nnz} rows (index, value) with indices below {@code n} (one repeated). */
    static Tensor sparse(int nnz, int n, int seed) {
        Tensor t = Tensor.zeros(nnz, 2);
        Tensor v = uniform(nnz);
        for (int e = 0; e < nnz; e++) {
            t.put((e * 3 + seed) % n, e, 0);
            t.put(v.get(e), e, 1);
        }
        t.put(t.get(0, 0), nnz - 1, 0);
        return t;
    }

    static Table batch(int b, int n) {
        Table t = new Table();
        for (int h = 0; h < b; h++) {
            t.add(sparse(2 + h % 3, n, h));
        }
        return t;
    }

    @Override
    protected Module<?, ?> createModule() {
        return new SparseLinear(7, 3);
    }

    @Override
    protected Data sampleInput() {
        return sparse(4, 7, 1);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return batch(batchSize, 7);
    }

    @Override
    protected String expectedToString() {
        return "nn.SparseLinear";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 3);
    }

    /**
     * The index column is not differentiable and, without doGradInput, there is no gradInput:
     * the check holds the whole input fixed and covers the parameters and accumulation.
     */
    @Override
    protected GradientCheckReport gradientCheck(Module<?, ?> module, Data input) {
        return GradientChecker.check(PartlyDifferentiable.parametersOnly(module, input), Tensor.empty());
    }

    @Test
    void gradInputIsAnEmptyTableWithoutDoGradInput() {
        SparseLinear m = new SparseLinear(7, 3);
        Tensor x = sparse(4, 7, 1);
        m.forward(x);
        assertEquals(0, m.gradInputs().size());
        m.backward(x, Tensor.filled(1, 3));
        assertEquals(0, m.gradInputs().size());
    }

    /** doGradInput on one sample: the value column of the input is differentiable. */
    @Nested
    class DoGradInput extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new SparseLinear(7, 3, true);
        }

        @Override
        protected Data sampleInput() {
            return sparse(4, 7, 2);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return batch(batchSize, 7);
        }

        @Override
        protected String expectedToString() {
            return "nn.SparseLinear";
        }

        @Override
        protected Data wrongInput() {
            return Tensor.of(new double[][] {{7, 1}});
        }

        /**
         * Holds the index column fixed (a finite difference of an index is meaningless); the free
         * part is the values of every sample, whose gradient is the dense gradInput (column 1)
         * at each entry's index (a repeated index gets the same gradient for each entry).
         */
        @Override
        protected GradientCheckReport gradientCheck(Module<?, ?> module, Data input) {
            Table samples = input instanceof Table t ? t : Table.of(input);
            int total = 0;
            for (Data d : samples) {
                total += ((Tensor) d).size(0);
            }
            Tensor values = Tensor.zeros(total);
            int p = 0;
            for (Data d : samples) {
                Tensor s = (Tensor) d;
                for (int e = 0; e < s.size(0); e++) {
                    values.put(s.get(e, 1), p++);
                }
            }
            return GradientChecker.check(new PartlyDifferentiable(module, v -> {
                int q = 0;
                for (Data d : samples) {
                    Tensor s = (Tensor) d;
                    for (int e = 0; e < s.size(0); e++) {
                        s.put(v.get(q++), e, 1);
                    }
                }
                return input;
            }, g -> {
                Tensor out = Tensor.zeros(values.numel());
                int q = 0;
                Table gt = (Table) g;
                for (int h = 0; h < samples.size(); h++) {
                    Tensor s = samples.tensor(h);
                    for (int e = 0; e < s.size(0); e++) {
                        out.put(gt.tensor(h).get((int) s.get(e, 0), 1), q++);
                    }
                }
                return out;
            }), values);
        }
    }
}
