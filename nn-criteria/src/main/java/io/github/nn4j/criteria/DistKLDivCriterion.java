package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The Kullback–Leibler divergence of a target distribution from log-probabilities, Torch's
 * {@code nn.DistKLDivCriterion()} ({@code DistKLDivCriterion.lua}, THNN
 * {@code DistKLDivCriterion.c}). The input holds log-probabilities (e.g. a {@code LogSoftMax}
 * output), the target probabilities.
 *
 * <pre>
 *   ℓ_k = t_k · (log t_k − x_k)  if t_k &gt; 0,   0 otherwise
 *   L = Σ_k ℓ_k,          divided by n = x.numel() when averaging (not by the batch size)
 *   gi_k = −t_k / n  if t_k &gt; 0, else 0        (or −t_k when not averaging)
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input (log-probabilities)</th><th>target (probabilities)</th><th>gradInput</th></tr>
 *   <tr><td>any</td><td>as many elements as the input</td><td>the input's size</td></tr>
 * </table>
 * As in Torch only the element counts must agree. Torch's constructor takes no argument (set
 * {@code sizeAverage} afterwards); the Java one also takes it directly.
 */
public final class DistKLDivCriterion extends Criterion<Tensor, Tensor> {

    /** The {@code .t7} codec: no fields beyond {@code sizeAverage}. */
    static final T7Codec<DistKLDivCriterion> T7 = LuaFields.codec("nn.DistKLDivCriterion",
            DistKLDivCriterion.class, (o, in) -> new DistKLDivCriterion(), (c, f, out) -> { });

    /** Averaging (Torch's default). */
    public DistKLDivCriterion() {
        this(true);
    }

    /**
     * With the averaging flag.
     *
     * @param sizeAverage whether to divide by the number of elements
     */
    public DistKLDivCriterion(boolean sizeAverage) {
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
            sum += t[k] > 0 ? t[k] * (Math.log(t[k]) - x[k]) : 0;
        }
        return sizeAverage ? sum / n : sum;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        Checks.sameNumel(this, input, target);
        int n = input.numel();
        double norm = sizeAverage ? 1.0 / n : 1.0;
        double[] t = target.data();
        double[] gi = gradInput.resizeAs(input).data();
        for (int k = 0; k < n; k++) {
            gi[k] = t[k] > 0 ? -norm * t[k] : 0;
        }
        return gradInput;
    }

    @Override
    public DistKLDivCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }
}
