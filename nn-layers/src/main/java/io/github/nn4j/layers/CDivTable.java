package io.github.nn4j.layers;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The element-wise quotient of two tensors (Torch's {@code nn.CDivTable}, {@code CDivTable.lua}).
 *
 * <p>{@code y = x₀ / x₁}; {@code gi₀ = g / x₁}, {@code gi₁ = −(gi₀ / x₁) · x₀} (computed in
 * Torch's order).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {[s], [s]}}</td><td>{@code [s]}</td><td>{@code {[s], [s]}}</td></tr>
 * </table>
 *
 * <p>A zero divisor gives infinities or NaN, as in Torch.
 */
public final class CDivTable extends TableGate {

    static final T7Codec<CDivTable> T7 = LuaFields.stateless("nn.CDivTable", CDivTable.class, CDivTable::new);

    /** A quotient. */
    public CDivTable() {
    }

    @Override
    public Tensor updateOutput(Table input) {
        Tensor x0 = checkInput(input, 2, 2);
        output.resizeAs(x0);
        double[] a = x0.data();
        double[] b = input.tensor(1).data();
        double[] y = output.data();
        for (int i = 0, n = x0.numel(); i < n; i++) {
            y[i] = a[i] / b[i];
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        Tensor x0 = checkInput(input, 2, 2);
        checkGradOutput(gradOutput);
        sizeGradInput(2);
        double[] a = x0.data();
        double[] b = input.tensor(1).data();
        double[] g = gradOutput.data();
        double[] g0 = grad(0).resizeAs(x0).data();
        double[] g1 = grad(1).resizeAs(x0).data();
        for (int i = 0, n = x0.numel(); i < n; i++) {
            double q = g[i] / b[i];
            g0[i] = q;
            g1[i] = -(q / b[i]) * a[i];
        }
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public CDivTable training() {
        super.training();
        return this;
    }

    @Override
    public CDivTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public CDivTable reset() {
        super.reset();
        return this;
    }

    @Override
    public CDivTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
