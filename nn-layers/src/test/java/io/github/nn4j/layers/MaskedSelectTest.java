package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientCheckReport;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class MaskedSelectTest extends ModuleContractTest {

    static Tensor mask(int... size) {
        Tensor m = Tensor.zeros(size);
        double[] a = m.data();
        for (int i = 0; i < m.numel(); i++) {
            a[i] = i % 3 == 1 ? 0 : 1;
        }
        return m;
    }

    @Override
    protected Module<?, ?> createModule() {
        return new MaskedSelect();
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(5), mask(5));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 4), mask(batchSize, 4));
    }

    @Override
    protected String expectedToString() {
        return "nn.MaskedSelect";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(2, 3), mask(3, 2));
    }

    /**
     * The mask is not differentiable (0 or 1; anything else is refused): the check holds it
     * fixed and covers the gradient of the tensor; that gradInput[1] is zeros is in the golden
     * case maskedselect.
     */
    @Override
    protected GradientCheckReport gradientCheck(Module<?, ?> module, Data input) {
        Table in = (Table) input;
        Tensor mask = in.tensor(1);
        return GradientChecker.check(new PartlyDifferentiable(module, t -> Table.of(t, mask),
                g -> ((Table) g).tensor(0)), in.tensor(0));
    }
}
