package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientCheckReport;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class IndexTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Index(0);
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(4), Tensor.of(2, 0, 2));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 3), Tensor.of(batchSize - 1, 0, 1, 0));
    }

    @Override
    protected String expectedToString() {
        return "nn.Index";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3), Tensor.of(0, 1).view(1, 2));
    }

    /**
     * The second input holds indices (a finite difference of an index is meaningless): the check
     * holds them fixed and covers the gradient of the first input; that gradInput[1] is zeros is
     * in the golden case index.
     */
    @Override
    protected GradientCheckReport gradientCheck(Module<?, ?> module, Data input) {
        Table in = (Table) input;
        Tensor index = in.tensor(1);
        return GradientChecker.check(new PartlyDifferentiable(module, t -> Table.of(t, index),
                g -> ((Table) g).tensor(0)), in.tensor(0));
    }
}
