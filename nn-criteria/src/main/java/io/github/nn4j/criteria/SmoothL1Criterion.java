package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The Huber loss with threshold 1, Torch's {@code nn.SmoothL1Criterion(sizeAverage)}
 * ({@code SmoothL1Criterion.lua}, THNN {@code SmoothL1Criterion.c}).
 *
 * <pre>
 *   z_k = |x_k − t_k|,   ℓ_k = 0.5 z_k²  if z_k &lt; 1,   z_k − 0.5  otherwise
 *   L = Σ_k ℓ_k,          divided by n = x.numel() when averaging
 *   gi_k = clamp(x_k − t_k, −1, 1) / n     (or without / n when not averaging)
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target</th><th>gradInput</th></tr>
 *   <tr><td>any</td><td>as many elements as the input</td><td>the input's size</td></tr>
 * </table>
 * As in Torch only the element counts of input and target must agree.
 */
public final class SmoothL1Criterion extends Criterion<Tensor, Tensor> {

    /** The {@code .t7} codec: no fields beyond {@code sizeAverage}. */
    static final T7Codec<SmoothL1Criterion> T7 = LuaFields.codec("nn.SmoothL1Criterion", SmoothL1Criterion.class,
            (o, in) -> new SmoothL1Criterion(), (c, f, out) -> { });

    /** Averaging (Torch's default). */
    public SmoothL1Criterion() {
        this(true);
    }

    /**
     * The Torch constructor.
     *
     * @param sizeAverage whether to divide by the number of elements
     */
    public SmoothL1Criterion(boolean sizeAverage) {
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
            double z = Math.abs(x[k] - t[k]);
            sum += z < 1 ? 0.5 * z * z : z - 0.5;
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
            double d = x[k] - t[k];
            gi[k] = d < -1 ? -norm : d > 1 ? norm : norm * d;
        }
        return gradInput;
    }

    @Override
    public SmoothL1Criterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }
}
