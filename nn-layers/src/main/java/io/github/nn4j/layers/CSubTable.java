package io.github.nn4j.layers;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The element-wise difference of two tensors (Torch's {@code nn.CSubTable}, {@code CSubTable.lua}).
 *
 * <p>{@code y = x₀ − x₁}; {@code gi = {g, −g}}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {[s], [s]}}</td><td>{@code [s]}</td><td>{@code {[s], [s]}}</td></tr>
 * </table>
 *
 * <p>Difference from Torch: a table of more than two entries is rejected (Torch ignores the
 * extra entries silently).
 */
public final class CSubTable extends TableGate {

    /** A difference of two tensors. */
    public CSubTable() {
    }

    @Override
    public Tensor updateOutput(Table input) {
        Tensor x0 = checkInput(input, 2, 2);
        output.resizeAs(x0);
        double[] a = x0.data();
        double[] b = input.tensor(1).data();
        double[] y = output.data();
        for (int i = 0; i < x0.numel(); i++) {
            y[i] = a[i] - b[i];
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        checkGradOutput(gradOutput);
        sizeGradInput(2);
        grad(0).resizeAs(input.tensor(0)).copy(gradOutput);
        Tensor g1 = grad(1).resizeAs(input.tensor(1));
        double[] g = gradOutput.data();
        double[] d = g1.data();
        for (int i = 0; i < g1.numel(); i++) {
            d[i] = -g[i];
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.CSubTable}: no fields of its own. */
    static final T7Codec<CSubTable> T7 = LuaFields.stateless("nn.CSubTable", CSubTable.class, CSubTable::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public CSubTable training() {
        super.training();
        return this;
    }

    @Override
    public CSubTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public CSubTable reset() {
        super.reset();
        return this;
    }

    @Override
    public CSubTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
