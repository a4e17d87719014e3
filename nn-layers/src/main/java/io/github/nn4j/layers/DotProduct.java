package io.github.nn4j.layers;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The dot product of two tensors, row by row (Torch's {@code nn.DotProduct}, {@code DotProduct.lua}).
 *
 * <p>{@code y_b = Σ_i x₀[b, i] x₁[b, i]}; {@code gi₀[b] = g_b x₁[b]}, {@code gi₁[b] = g_b x₀[b]}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {[n], [n]}}</td><td>{@code [1]}</td><td>{@code {[n], [n]}}</td></tr>
 *   <tr><td>{@code {[B, n], [B, n]}}</td><td>{@code [B]}</td><td>{@code {[B, n], [B, n]}}</td></tr>
 * </table>
 *
 * <p>One sample gives a 1-element output, as Torch's.
 */
public final class DotProduct extends PairTable {

    static final T7Codec<DotProduct> T7 = LuaFields.stateless("nn.DotProduct", DotProduct.class, DotProduct::new);

    /** A dot product. */
    public DotProduct() {
    }

    @Override
    public Tensor updateOutput(Table input) {
        int rows = rows(input);
        Buffers.resize1(output, rows);
        double[] a = input.tensor(0).data();
        double[] b = input.tensor(1).data();
        double[] y = output.data();
        int n = input.tensor(0).numel() / rows;
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = r * n, e = i + n; i < e; i++) {
                s += a[i] * b[i];
            }
            y[r] = s;
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        int rows = prepareGrad(input, gradOutput);
        double[] a = input.tensor(0).data();
        double[] b = input.tensor(1).data();
        double[] g = gradOutput.data();
        double[] g0 = grad0.data();
        double[] g1 = grad1.data();
        int n = input.tensor(0).numel() / rows;
        for (int r = 0; r < rows; r++) {
            double go = g[r];
            for (int i = r * n, e = i + n; i < e; i++) {
                g0[i] = b[i] * go;
                g1[i] = a[i] * go;
            }
        }
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public DotProduct training() {
        super.training();
        return this;
    }

    @Override
    public DotProduct evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public DotProduct reset() {
        super.reset();
        return this;
    }

    @Override
    public DotProduct reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
