package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The hinge embedding loss of distances, Torch's {@code nn.HingeEmbeddingCriterion(margin)}
 * ({@code HingeEmbeddingCriterion.lua}); the input is typically an L1 distance, the target ±1
 * (similar / dissimilar).
 *
 * <pre>
 *   ℓ_k = x_k                     if t_k = 1
 *         max(0, margin − x_k)    if t_k = −1
 *   L = Σ_k ℓ_k,                  divided by n = x.numel() when averaging
 *   gi_k = t_k / n, except 0 where t_k = −1 and x_k &gt; margin   (or without / n when not averaging)
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target (±1)</th><th>gradInput</th></tr>
 *   <tr><td>any</td><td>the input's size, or one element (a Lua number, for a 1-element input)</td>
 *       <td>the input's size</td></tr>
 * </table>
 * A target value other than ±1 is used as Torch uses it: its loss is {@code x + max(0, margin − x)}
 * and its gradient the target value. The Java constructor also takes {@code sizeAverage}.
 */
public final class HingeEmbeddingCriterion extends Criterion<Tensor, Tensor> {

    /** The {@code .t7} codec: {@code margin}. */
    static final T7Codec<HingeEmbeddingCriterion> T7 = LuaFields.codec("nn.HingeEmbeddingCriterion",
            HingeEmbeddingCriterion.class, (o, in) -> new HingeEmbeddingCriterion(o.getNumber("margin", 1)),
            (c, f, out) -> f.put("margin", c.margin()));

    private final double margin;

    /** Margin 1, averaging (Torch's defaults). */
    public HingeEmbeddingCriterion() {
        this(1);
    }

    /**
     * The Torch constructor.
     *
     * @param margin the margin
     * @throws IllegalArgumentException if the margin is not finite
     */
    public HingeEmbeddingCriterion(double margin) {
        this(margin, true);
    }

    /**
     * With the averaging flag.
     *
     * @param margin the margin
     * @param sizeAverage whether to divide by the number of elements
     * @throws IllegalArgumentException if the margin is not finite
     */
    public HingeEmbeddingCriterion(double margin, boolean sizeAverage) {
        super(Tensor.empty());
        this.margin = Checks.finite("nn.HingeEmbeddingCriterion", "margin", margin);
        this.sizeAverage = sizeAverage;
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        Checks.sameNumel(this, input, target);
        int n = input.numel();
        double[] x = input.data();
        double[] t = target.data();
        double sum = 0;
        for (int k = 0; k < n; k++) {
            if (t[k] != -1) {
                sum += x[k];
            }
        }
        for (int k = 0; k < n; k++) {
            if (t[k] != 1) {
                sum += Math.max(0, margin - x[k]);
            }
        }
        return sizeAverage ? sum / n : sum;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        Checks.sameNumel(this, input, target);
        int n = input.numel();
        double norm = sizeAverage ? 1.0 / n : 1.0;
        double[] x = input.data();
        double[] t = target.data();
        double[] gi = gradInput.resizeAs(input).data();
        for (int k = 0; k < n; k++) {
            gi[k] = t[k] == -1 && x[k] > margin ? 0 : t[k] * norm;
        }
        return gradInput;
    }

    @Override
    public HingeEmbeddingCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /**
     * The margin.
     *
     * @return the margin
     */
    public double margin() {
        return margin;
    }
}
