package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The two-class logistic loss, Torch's {@code nn.SoftMarginCriterion()}
 * ({@code SoftMarginCriterion.lua}, THNN {@code SoftMarginCriterion.c}); targets are ±1.
 *
 * <pre>
 *   L = Σ_k log(1 + exp(−t_k x_k)),          divided by n = x.numel() when averaging
 *   gi_k = −t_k · e / (1 + e) / n,  e = exp(−t_k x_k)     (or without / n when not averaging)
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target (±1)</th><th>gradInput</th></tr>
 *   <tr><td>any</td><td>as many elements as the input</td><td>the input's size</td></tr>
 * </table>
 * The formula is evaluated as THNN writes it ({@code exp} overflows to infinity for
 * {@code −t x > 709}, as in Torch). As in Torch the target values are used as they are (no ±1
 * check) and only the element counts must agree. The Java constructor also takes
 * {@code sizeAverage}.
 */
public final class SoftMarginCriterion extends Criterion<Tensor, Tensor> {

    /** The {@code .t7} codec: no fields beyond {@code sizeAverage}. */
    static final T7Codec<SoftMarginCriterion> T7 = LuaFields.codec("nn.SoftMarginCriterion",
            SoftMarginCriterion.class, (o, in) -> new SoftMarginCriterion(), (c, f, out) -> { });

    /** Averaging (Torch's default). */
    public SoftMarginCriterion() {
        this(true);
    }

    /**
     * With the averaging flag.
     *
     * @param sizeAverage whether to divide by the number of elements
     */
    public SoftMarginCriterion(boolean sizeAverage) {
        super(Tensor.empty());
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
            sum += Math.log(1 + Math.exp(-t[k] * x[k]));
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
            double z = Math.exp(-t[k] * x[k]);
            gi[k] = -t[k] * z / (1 + z) * norm;
        }
        return gradInput;
    }

    @Override
    public SoftMarginCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }
}
