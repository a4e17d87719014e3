package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The mean squared error to a weighted target, Torch's {@code nn.WeightedMSECriterion(weight)}
 * ({@code WeightedMSECriterion.lua}): the weight multiplies the <em>target</em>, then
 * {@link MSECriterion}'s formula applies.
 *
 * <pre>
 *   u = w ⊙ t  (w applied to every row when the input has one dimension more than w)
 *   L = Σ_k (x_k − u_k)²,        divided by n = x.numel() when averaging
 *   gi_k = 2 (x_k − u_k) / n     (or 2 (x_k − u_k) when not averaging)
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target</th><th>weight</th><th>gradInput</th></tr>
 *   <tr><td>{@code [B, n…]}</td><td>as many elements as the input</td><td>{@code [n…]} (one row)</td>
 *       <td>the input's size</td></tr>
 *   <tr><td>any</td><td>as many elements as the input</td><td>as many elements as the input</td>
 *       <td>the input's size</td></tr>
 * </table>
 * The weight is copied at construction, as Torch's {@code w:clone()}. A weight that fits neither
 * row is an {@link IllegalArgumentException} naming the three sizes.
 */
public final class WeightedMSECriterion extends Criterion<Tensor, Tensor> {

    /** The {@code .t7} codec: {@code weight} (a tensor). */
    static final T7Codec<WeightedMSECriterion> T7 = LuaFields.codec("nn.WeightedMSECriterion",
            WeightedMSECriterion.class, (o, in) -> new WeightedMSECriterion(in.tensor(o, "weight")),
            (c, f, out) -> f.put("weight", out.tensor(c.weight)));

    private final Tensor weight;
    private final Tensor buffer = Tensor.empty();

    /**
     * The Torch constructor.
     *
     * @param weight the weight of the target (copied)
     * @throws IllegalArgumentException if it is null or empty
     */
    public WeightedMSECriterion(Tensor weight) {
        this(weight, true);
    }

    /**
     * With the averaging flag.
     *
     * @param weight the weight of the target (copied)
     * @param sizeAverage whether to divide by the number of elements
     * @throws IllegalArgumentException if it is null or empty
     */
    public WeightedMSECriterion(Tensor weight, boolean sizeAverage) {
        super(Tensor.empty());
        if (weight == null || weight.numel() == 0) {
            throw new IllegalArgumentException("nn.WeightedMSECriterion: the weight must be a non-empty tensor, got "
                    + (weight == null ? "null" : weight.shapeString()));
        }
        this.weight = weight.deepCopy();
        this.sizeAverage = sizeAverage;
    }

    /** u = w ⊙ t into the buffer. */
    private double[] weightedTarget(Tensor input, Tensor target) {
        Checks.sameNumel(this, input, target);
        int n = input.numel();
        int m = weight.numel();
        boolean perRow = input.dim() - 1 == weight.dim();
        if (perRow ? n != input.size(0) * m : n != m) {
            throw new IllegalArgumentException(this + ": a weight of size " + weight.shapeString()
                    + " fits neither a row nor the whole of the input of size " + input.shapeString()
                    + " (target " + target.shapeString() + ")");
        }
        double[] u = buffer.resizeAs(input).data();
        double[] t = target.data();
        double[] w = weight.data();
        for (int k = 0; k < n; k++) {
            u[k] = t[k] * w[k % m];
        }
        return u;
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        double[] u = weightedTarget(input, target);
        return SquaredError.loss(input.data(), u, input.numel(), sizeAverage);
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        double[] u = weightedTarget(input, target);
        SquaredError.gradient(input.data(), u, gradInput.resizeAs(input).data(), input.numel(), sizeAverage);
        return gradInput;
    }

    @Override
    public WeightedMSECriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /**
     * The weight.
     *
     * @return a copy of the weight
     */
    public Tensor weight() {
        return weight.deepCopy();
    }
}
