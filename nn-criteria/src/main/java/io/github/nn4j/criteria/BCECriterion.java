package io.github.nn4j.criteria;

import java.util.Arrays;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The binary cross-entropy of probabilities, Torch's {@code nn.BCECriterion(weights, sizeAverage)}
 * ({@code BCECriterion.lua}, THNN {@code BCECriterion.c}).
 *
 * <pre>
 *   L = −Σ_k w_k · [ t_k · log(x_k + ε) + (1 − t_k) · log(1 − x_k + ε) ],     ε = 1e-12
 *   gi_k = −w_k · (t_k − x_k) / ((1 − x_k + ε)(x_k + ε))
 * </pre>
 * Both are divided by the number of elements {@code n = x.numel()} when averaging (not by
 * {@code Σ w}, as in Torch). Without weights {@code w ≡ 1}. The weights are a 1-D tensor: for a
 * 1-D input one weight per element; for a {@code [B, C]} input one weight per <em>column</em>,
 * shared by every row ({@code w_(i,j) = weights[j]}, Torch's {@code view(1, C):expandAs(target)}).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input (probabilities in [0, 1])</th><th>target</th><th>weights</th><th>gradInput</th></tr>
 *   <tr><td>{@code [n]}</td><td>n elements</td><td>{@code [n]}</td><td>{@code [n]}</td></tr>
 *   <tr><td>{@code [B, C]}</td><td>B·C elements</td><td>{@code [C]}</td><td>{@code [B, C]}</td></tr>
 *   <tr><td>any other (no weights)</td><td>as many elements</td><td>—</td><td>the input's size</td></tr>
 * </table>
 *
 * <p><b>Differences from Lua Torch.</b> An input outside {@code [0, 1]} (or NaN) is an
 * {@link IllegalArgumentException} naming its position and value, in forward and in backward
 * (Torch aborts on an assertion in forward only). Weights with an input of more than 2 dimensions
 * are rejected rather than broadcast. The weights tensor is kept by reference, as in Torch.
 */
public final class BCECriterion extends Criterion<Tensor, Tensor> {

    /** Torch's ε inside the logarithms and the gradient's denominator. */
    public static final double EPS = 1e-12;

    private final Tensor weights;

    /** No weights, averaging (Torch's defaults). */
    public BCECriterion() {
        this(null, true);
    }

    /**
     * Weights, averaging.
     *
     * @param weights a 1-D tensor (per element of a 1-D input, per column of a 2-D input), or null
     */
    public BCECriterion(Tensor weights) {
        this(weights, true);
    }

    /**
     * The Torch constructor.
     *
     * @param weights a 1-D tensor (per element of a 1-D input, per column of a 2-D input), or null;
     *                kept by reference
     * @param sizeAverage whether to divide by the number of elements
     * @throws IllegalArgumentException if the weights are not 1-D
     */
    public BCECriterion(Tensor weights, boolean sizeAverage) {
        super(Tensor.empty());
        if (weights != null && weights.dim() != 1) {
            throw new IllegalArgumentException("nn.BCECriterion: weights must be a 1-D tensor, got size "
                    + weights.shapeString());
        }
        this.weights = weights;
        this.sizeAverage = sizeAverage;
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        int cols = check(input, target);
        int n = input.numel();
        double[] x = input.data();
        double[] t = target.data();
        double[] w = weights == null ? null : weights.data();
        double sum = 0;
        for (int k = 0, j = 0; k < n; k++) {
            double xk = x[k];
            double yk = t[k];
            double term = Math.log(xk + EPS) * yk + Math.log(1.0 - xk + EPS) * (1.0 - yk);
            if (w != null) {
                term *= w[j];
                if (++j == cols) {
                    j = 0;
                }
            }
            sum -= term;
        }
        return sizeAverage ? sum / n : sum;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        int cols = check(input, target);
        int n = input.numel();
        double norm = sizeAverage ? 1.0 / n : 1.0;
        double[] x = input.data();
        double[] t = target.data();
        double[] w = weights == null ? null : weights.data();
        double[] gi = gradInput.resizeAs(input).data();
        for (int k = 0, j = 0; k < n; k++) {
            double xk = x[k];
            double g = -norm * (t[k] - xk) / ((1.0 - xk + EPS) * (xk + EPS));
            if (w != null) {
                g *= w[j];
                if (++j == cols) {
                    j = 0;
                }
            }
            gi[k] = g;
        }
        return gradInput;
    }

    /**
     * Checks element counts, weights and the input range.
     *
     * @return the number of weights (the period of the weight index), or 0 without weights
     */
    private int check(Tensor input, Tensor target) {
        if (input.numel() != target.numel()) {
            throw new IllegalArgumentException(this + ": input of size " + input.shapeString() + " and target of size "
                    + target.shapeString() + " have different numbers of elements");
        }
        int cols = 0;
        if (weights != null) {
            cols = input.dim() == 0 ? 0 : input.size(input.dim() - 1);
            if (input.dim() > 2 || weights.numel() != cols) {
                throw new IllegalArgumentException(this + ": weights of size " + weights.shapeString()
                        + " do not fit input of size " + input.shapeString()
                        + " (expected one weight per element of a 1-D input, or per column of a 2-D input)");
            }
        }
        double[] x = input.data();
        for (int k = 0, n = input.numel(); k < n; k++) {
            if (!(x[k] >= 0.0 && x[k] <= 1.0)) {
                throw new IllegalArgumentException(this + ": input at position " + position(k, input.sizes())
                        + " is " + x[k] + ", outside [0, 1] (BCE takes probabilities, e.g. a Sigmoid's output);"
                        + " input of size " + input.shapeString());
            }
        }
        return cols;
    }

    private static String position(int flat, int[] size) {
        int[] idx = new int[size.length];
        for (int d = size.length - 1; d >= 0; d--) {
            idx[d] = flat % size[d];
            flat /= size[d];
        }
        return Arrays.toString(idx);
    }

    @Override
    public BCECriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /**
     * The weights.
     *
     * @return the weights tensor (not a copy), or null
     */
    public Tensor weights() {
        return weights;
    }

    /** The {@code .t7} codec: {@code weights} (if any). */
    static final T7Codec<BCECriterion> T7 = LuaFields.codec("nn.BCECriterion", BCECriterion.class,
            (o, in) -> new BCECriterion(LuaFields.vector(o, "weights", in)),
            (c, f, out) -> LuaFields.putTensor(f, "weights", c.weights(), out));
}
