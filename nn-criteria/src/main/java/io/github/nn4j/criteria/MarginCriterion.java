package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The two-class hinge loss, Torch's {@code nn.MarginCriterion(margin)} ({@code MarginCriterion.lua},
 * THNN {@code MarginCriterion.c}); targets are ±1.
 *
 * <pre>
 *   L = Σ_k max(0, margin − x_k · t_k),     divided by n = x.numel() when averaging
 *   gi_k = −t_k / n  if x_k · t_k &lt; margin, else 0      (or −t_k when not averaging)
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target (±1)</th><th>gradInput</th></tr>
 *   <tr><td>any</td><td>as many elements as the input</td><td>the input's size</td></tr>
 * </table>
 * As in Torch the target values are used as they are (no ±1 check) and only the element counts
 * must agree. The Java constructor also takes {@code sizeAverage} (Torch sets the field).
 */
public final class MarginCriterion extends Criterion<Tensor, Tensor> {

    /** The {@code .t7} codec: {@code margin}. */
    static final T7Codec<MarginCriterion> T7 = LuaFields.codec("nn.MarginCriterion", MarginCriterion.class,
            (o, in) -> new MarginCriterion(o.getNumber("margin", 1)), (c, f, out) -> f.put("margin", c.margin()));

    private final double margin;

    /** Margin 1, averaging (Torch's defaults). */
    public MarginCriterion() {
        this(1);
    }

    /**
     * The Torch constructor.
     *
     * @param margin the margin
     * @throws IllegalArgumentException if the margin is not finite
     */
    public MarginCriterion(double margin) {
        this(margin, true);
    }

    /**
     * With the averaging flag.
     *
     * @param margin the margin
     * @param sizeAverage whether to divide by the number of elements
     * @throws IllegalArgumentException if the margin is not finite
     */
    public MarginCriterion(double margin, boolean sizeAverage) {
        super(Tensor.empty());
        this.margin = Checks.finite("nn.MarginCriterion", "margin", margin);
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
            double z = margin - x[k] * t[k];
            sum += z > 0 ? z : 0;
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
            gi[k] = x[k] * t[k] < margin ? -norm * t[k] : 0;
        }
        return gradInput;
    }

    @Override
    public MarginCriterion setSizeAverage(boolean sizeAverage) {
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
