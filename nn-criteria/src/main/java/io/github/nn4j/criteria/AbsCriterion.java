package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The mean absolute error, Torch's {@code nn.AbsCriterion(sizeAverage)} ({@code AbsCriterion.lua},
 * THNN {@code AbsCriterion.c}).
 *
 * <pre>
 *   L = Σ_k |x_k − t_k|,            divided by n = x.numel() when averaging
 *   gi_k = sign(x_k − t_k) / n      (or sign(x_k − t_k) when not averaging), with sign(0) = +1 as in THNN
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target</th><th>gradInput</th></tr>
 *   <tr><td>any ({@code [n]}, {@code [B, n]}, ...)</td><td>as many elements as the input</td>
 *       <td>the input's size</td></tr>
 * </table>
 * As in Torch only the element counts of input and target must agree.
 */
public final class AbsCriterion extends Criterion<Tensor, Tensor> {

    /** The {@code .t7} codec: no fields beyond {@code sizeAverage}. */
    static final T7Codec<AbsCriterion> T7 = LuaFields.codec("nn.AbsCriterion", AbsCriterion.class,
            (o, in) -> new AbsCriterion(), (c, f, out) -> { });

    /** Averaging (Torch's default). */
    public AbsCriterion() {
        this(true);
    }

    /**
     * The Torch constructor.
     *
     * @param sizeAverage whether to divide by the number of elements
     */
    public AbsCriterion(boolean sizeAverage) {
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
            sum += Math.abs(x[k] - t[k]);
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
            gi[k] = x[k] - t[k] >= 0 ? norm : -norm;
        }
        return gradInput;
    }

    @Override
    public AbsCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }
}
