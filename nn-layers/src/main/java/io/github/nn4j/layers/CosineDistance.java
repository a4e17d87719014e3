package io.github.nn4j.layers;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The cosine similarity of two tensors, row by row (Torch's {@code nn.CosineDistance},
 * {@code CosineDistance.lua}).
 *
 * <p>{@code y_b = (x₀·x₁) / √((‖x₀‖² + 1e−12)(‖x₁‖² + 1e−12))} per row {@code b} (Torch's guard
 * inside each squared norm); backward, with {@code w = 1/√(…)}:
 * {@code gi₀ = g w (x₁ − (x₀·x₁) x₀ / (‖x₀‖² + 1e−12))} and symmetrically for {@code gi₁}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {[n], [n]}}</td><td>{@code [1]}</td><td>{@code {[n], [n]}}</td></tr>
 *   <tr><td>{@code {[B, n], [B, n]}}</td><td>{@code [B]}</td><td>{@code {[B, n], [B, n]}}</td></tr>
 * </table>
 *
 * <p>Despite the name, the output is the similarity (1 for parallel vectors), as in Torch. One
 * sample gives a 1-element output, as Torch's.
 */
public final class CosineDistance extends PairTable {

    static final T7Codec<CosineDistance> T7 = LuaFields.stateless("nn.CosineDistance", CosineDistance.class,
            CosineDistance::new);

    private static final double EPS = 1e-12;

    /** Per row: {@code x₀·x₁}, {@code 1/(‖x₀‖² + ε)}, {@code 1/(‖x₁‖² + ε)}, {@code w}. */
    private double[] w1 = new double[0];
    private double[] w22 = new double[0];
    private double[] w32 = new double[0];
    private double[] w = new double[0];

    /** A cosine similarity. */
    public CosineDistance() {
    }

    @Override
    public Tensor updateOutput(Table input) {
        int rows = rows(input);
        if (w1.length < rows) {
            w1 = new double[rows];
            w22 = new double[rows];
            w32 = new double[rows];
            w = new double[rows];
        }
        Buffers.resize1(output, rows);
        double[] a = input.tensor(0).data();
        double[] b = input.tensor(1).data();
        double[] y = output.data();
        int n = input.tensor(0).numel() / rows;
        for (int r = 0; r < rows; r++) {
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = r * n, e = i + n; i < e; i++) {
                ab += a[i] * b[i];
                aa += a[i] * a[i];
                bb += b[i] * b[i];
            }
            w1[r] = ab;
            w22[r] = 1 / (aa + EPS);
            w32[r] = 1 / (bb + EPS);
            w[r] = Math.sqrt(w22[r] * w32[r]);
            y[r] = ab * w[r];
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
            double c0 = w1[r] * w22[r];
            double c1 = w1[r] * w32[r];
            double wr = w[r];
            double go = g[r];
            for (int i = r * n, e = i + n; i < e; i++) {
                g0[i] = (b[i] - c0 * a[i]) * wr * go;
                g1[i] = (a[i] - c1 * b[i]) * wr * go;
            }
        }
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public CosineDistance training() {
        super.training();
        return this;
    }

    @Override
    public CosineDistance evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public CosineDistance reset() {
        super.reset();
        return this;
    }

    @Override
    public CosineDistance reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
