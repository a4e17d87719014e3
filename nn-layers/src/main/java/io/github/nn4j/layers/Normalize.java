package io.github.nn4j.layers;

import java.util.Locale;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Divides each sample by its {@code p}-norm: {@code y = x / ‖x‖_p} (Torch's {@code nn.Normalize},
 * {@code Normalize.lua}), with {@code ‖x‖_p = (Σ_j |x_j|^p + ε)^(1/p)} for finite {@code p > 0}
 * and {@code ‖x‖_∞ = max_j |x_j| + ε} for {@code p = ∞} ({@link Double#POSITIVE_INFINITY}).
 *
 * <p>Backward, with Torch's exact formulas ({@code N = ‖x‖_p}, {@code S = N^p} the sum including
 * {@code ε}, {@code c = Σ_j x_j g_j}):
 * <ul>
 *   <li>finite {@code p}: {@code gi_j = (S·g_j − b_j·c) / (S·N)} with {@code b_j = x_j |x_j|^(p−2)};
 *       for {@code p < 2} and {@code p} not even, {@code b_j = x_j (|x_j| + ε)^(p−2)} (Torch adds
 *       {@code ε} there against division by 0); {@code b_j = x_j} for {@code p = 2};</li>
 *   <li>{@code p = ∞}: {@code gi_j = (N·g_j − b_j·c) / N²} where {@code b} is 0 except at the
 *       first index {@code k} of the largest {@code |x_k|} (found in the forward):
 *       {@code b_k = x_k / N}.</li>
 * </ul>
 *
 * <table class="striped">
 *   <caption>Shapes (output, gradOutput and gradInput are shaped like the input)</caption>
 *   <tr><th>input</th><th>normalised</th></tr>
 *   <tr><td>{@code [d]}</td><td>the vector</td></tr>
 *   <tr><td>{@code [N, d]}</td><td>each row</td></tr>
 * </table>
 * Other dimensionalities are rejected, as Torch's {@code 'only 1d layer supported'}.
 *
 * <p>Prints as Torch's {@code __tostring__}: {@code nn.Normalize(2)} for an integer {@code p},
 * {@code nn.Normalize(1.500000)} otherwise, {@code nn.Normalize(inf)} for {@code p = ∞}.
 */
public class Normalize extends Module<Tensor, Tensor> {

    /** Torch fields {@code p}, {@code eps}. */
    static final T7Codec<Normalize> T7 = LuaFields.codec("nn.Normalize", Normalize.class,
            (o, in) -> new Normalize(o.getNumber("p"), o.getNumber("eps", 1e-10)),
            (m, f, out) -> {
                f.put("p", m.p);
                f.put("eps", m.eps);
            });

    private final double p;
    private final double eps;
    /** Per row: the norm N (ε included). */
    private final Tensor norm = Tensor.empty();
    /** Per row: Σ |x|^p + ε (finite p only). */
    private final Tensor normp = Tensor.empty();
    /** Per row: the index of the largest |x| (p = ∞ only). */
    private int[] indices = new int[0];

    /**
     * A normaliser with {@code ε = 1e-10}.
     *
     * @param p the norm, {@code > 0} (may be {@link Double#POSITIVE_INFINITY})
     */
    public Normalize(double p) {
        this(p, 1e-10);
    }

    /**
     * A normaliser.
     *
     * @param p the norm, {@code > 0} (may be {@link Double#POSITIVE_INFINITY})
     * @param eps added to the sum of powers (or to the maximum, for {@code p = ∞})
     * @throws IllegalArgumentException if {@code p ≤ 0} or NaN, or {@code eps} NaN
     */
    public Normalize(double p, double eps) {
        super(Tensor.empty(), Tensor.empty());
        if (!(p > 0) || Double.isNaN(eps)) {
            throw new IllegalArgumentException("nn.Normalize: " + p + "-norm not supported (p must be > 0), eps " + eps);
        }
        this.p = p;
        this.eps = eps;
    }

    /**
     * The norm.
     *
     * @return p
     */
    public double p() {
        return p;
    }

    /**
     * The stabiliser.
     *
     * @return eps
     */
    public double eps() {
        return eps;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int d = checkInput(input);
        int rows = input.numel() / d;
        output.resizeAs(input);
        Buffers.resize1(norm, rows);
        double[] x = input.data();
        double[] y = output.data();
        double[] nr = norm.data();
        if (p == Double.POSITIVE_INFINITY) {
            if (indices.length < rows) {
                indices = new int[rows];
            }
            for (int r = 0, base = 0; r < rows; r++, base += d) {
                double max = Math.abs(x[base]);
                int arg = 0;
                for (int j = 1; j < d; j++) {
                    double a = Math.abs(x[base + j]);
                    if (a > max) {
                        max = a;
                        arg = j;
                    }
                }
                indices[r] = arg;
                nr[r] = max + eps;
            }
        } else {
            Buffers.resize1(normp, rows);
            double[] np = normp.data();
            boolean even = p % 2 == 0;
            for (int r = 0, base = 0; r < rows; r++, base += d) {
                double sum = 0;
                for (int j = base, end = base + d; j < end; j++) {
                    sum += Math.pow(even ? x[j] : Math.abs(x[j]), p);
                }
                np[r] = sum + eps;
                nr[r] = Math.pow(np[r], 1 / p);
            }
        }
        for (int r = 0, base = 0; r < rows; r++, base += d) {
            double nrm = nr[r];
            for (int j = base, end = base + d; j < end; j++) {
                y[j] = x[j] / nrm;
            }
        }
        return output;
    }

    /** Uses the norms of the forward, which must have been run on {@code input}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int d = checkInput(input);
        Buffers.checkSameNumel(this, input, gradOutput);
        if (gradOutput.dim() > 2) {
            throw new IllegalArgumentException(this + ": expected a gradOutput of size [d] or [N, d], got "
                    + gradOutput.shapeString());
        }
        int rows = input.numel() / d;
        Buffers.checkSameNumel(this, input, output);
        gradInput.resizeAs(input);
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double[] nr = norm.data();
        boolean inf = p == Double.POSITIVE_INFINITY;
        double[] np = inf ? null : normp.data();
        boolean odd = p % 2 != 0;
        for (int r = 0, base = 0; r < rows; r++, base += d) {
            double cross = 0;
            for (int j = base, end = base + d; j < end; j++) {
                cross += x[j] * g[j];
            }
            if (inf) {
                double n = nr[r];
                double div = n * n;
                int k = base + indices[r];
                for (int j = base, end = base + d; j < end; j++) {
                    gi[j] = n * g[j] / div;
                }
                gi[k] = (n * g[k] - x[k] / n * cross) / div;
            } else {
                double s = np[r];
                double div = s * nr[r];
                for (int j = base, end = base + d; j < end; j++) {
                    double b;
                    if (odd) {
                        b = Math.pow(p < 2 ? Math.abs(x[j]) + eps : Math.abs(x[j]), p - 2) * x[j];
                    } else if (p == 2) {
                        b = x[j];
                    } else {
                        b = Math.pow(x[j], p - 2) * x[j];
                    }
                    gi[j] = (s * g[j] - b * cross) / div;
                }
            }
        }
        return gradInput;
    }

    @Override
    public Normalize clearState() {
        super.clearState();
        norm.resize(0);
        normp.resize(0);
        indices = new int[0];
        return this;
    }

    /** {@code nn.Normalize(2)}, {@code nn.Normalize(1.500000)}, {@code nn.Normalize(inf)}. */
    @Override
    public String toString() {
        if (p % 1 == 0) {
            return String.format(Locale.ROOT, "%s(%d)", torchTypeName(), (long) p);
        }
        return p == Double.POSITIVE_INFINITY ? torchTypeName() + "(inf)"
                : String.format(Locale.ROOT, "%s(%f)", torchTypeName(), p);
    }

    /** The row length {@code d}, after checking that the input is 1-D or 2-D and not empty. */
    private int checkInput(Tensor input) {
        if (input.dim() < 1 || input.dim() > 2 || input.numel() == 0) {
            throw shapeError("[d] or [N, d]", input);
        }
        return input.size(input.dim() - 1);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Normalize training() {
        super.training();
        return this;
    }

    @Override
    public Normalize evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Normalize reset() {
        super.reset();
        return this;
    }

    @Override
    public Normalize reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
