package io.github.nn4j.layers;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;

/**
 * The p-norm distance of two tensors, row by row (Torch's {@code nn.PairwiseDistance},
 * {@code PairwiseDistance.lua}).
 *
 * <p>{@code y_b = (Σ_i |x₀[b, i] − x₁[b, i]|^p)^(1/p)}; backward, with {@code d = x₀ − x₁}:
 * {@code gi₀ = g_b · d |d|^(p−2) / (y_b + 1e−6)^(p−1)}, {@code gi₁ = −gi₀}; for {@code p = 1},
 * {@code gi₀ = g_b · sign(d)}. The {@code 1e−6} is Torch's guard against a zero distance: the
 * gradient is not exactly the derivative (relative error about {@code 1e−6 / y}); nn4j keeps it
 * to give Torch's numbers.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {[n], [n]}}</td><td>{@code [1]}</td><td>{@code {[n], [n]}}</td></tr>
 *   <tr><td>{@code {[B, n], [B, n]}}</td><td>{@code [B]}</td><td>{@code {[B, n], [B, n]}}</td></tr>
 * </table>
 *
 * <p>For {@code p = 1} a zero difference takes a random sign from {@link TorchRandom#global()},
 * as Torch's {@code 2*torch.random(2)-3}. Prints {@code nn.PairwiseDistance} (Torch has no
 * {@code __tostring__}). <b>Difference from Torch:</b> the factor {@code |d|^(p−2)} is applied for
 * every {@code p ≠ 1, 2}; Torch applies it only for {@code p > 2}, so its gradient for
 * {@code 1 < p < 2} is not the derivative.
 */
public final class PairwiseDistance extends PairTable {

    static final T7Codec<PairwiseDistance> T7 = LuaFields.codec("nn.PairwiseDistance", PairwiseDistance.class,
            (o, in) -> new PairwiseDistance(o.getNumber("norm", 2)), (m, f, out) -> {
                f.put("norm", m.norm);
                f.put("diff", out.tensor(Tensor.empty()));
            });

    private static final double EPS = 1e-6;

    private final double norm;

    /** The Euclidean distance ({@code p = 2}, Torch's default). */
    public PairwiseDistance() {
        this(2);
    }

    /**
     * The p-norm distance.
     *
     * @param p the norm, positive and finite
     */
    public PairwiseDistance(double p) {
        if (!(p > 0) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("nn.PairwiseDistance: the norm p must be positive and finite, got " + p);
        }
        this.norm = p;
    }

    /**
     * The norm.
     *
     * @return p
     */
    public double norm() {
        return norm;
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
                double d = Math.abs(a[i] - b[i]);
                s += norm == 2 ? d * d : norm == 1 ? d : Math.pow(d, norm);
            }
            y[r] = norm == 1 ? s : Math.pow(s, 1.0 / norm);
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        int rows = prepareGrad(input, gradOutput);
        double[] a = input.tensor(0).data();
        double[] b = input.tensor(1).data();
        double[] g = gradOutput.data();
        double[] y = output.data();
        double[] g0 = grad0.data();
        double[] g1 = grad1.data();
        int n = input.tensor(0).numel() / rows;
        for (int r = 0; r < rows; r++) {
            double go = g[r];
            double f = norm == 1 ? 1 : Math.pow(y[r] + EPS, -(norm - 1));
            for (int i = r * n, e = i + n; i < e; i++) {
                double d = a[i] - b[i];
                double v;
                if (norm == 1) {
                    v = d == 0 ? (TorchRandom.global().random() % 2 == 0 ? -1 : 1) : d > 0 ? 1 : -1;
                } else {
                    v = norm == 2 ? d : d * Math.pow(Math.abs(d), norm - 2);
                    v = v * f;
                }
                g0[i] = v * go;
                g1[i] = -g0[i];
            }
        }
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public PairwiseDistance training() {
        super.training();
        return this;
    }

    @Override
    public PairwiseDistance evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public PairwiseDistance reset() {
        super.reset();
        return this;
    }

    @Override
    public PairwiseDistance reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
