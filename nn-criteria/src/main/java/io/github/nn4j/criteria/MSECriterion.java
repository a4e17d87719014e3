package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The mean squared error, Torch's {@code nn.MSECriterion(sizeAverage)} ({@code MSECriterion.lua},
 * THNN {@code MSECriterion.c}).
 *
 * <pre>
 *   L = Σ_k (x_k − t_k)²,           divided by n = x.numel() when averaging
 *   gi_k = 2 (x_k − t_k) / n        (or 2 (x_k − t_k) when not averaging)
 * </pre>
 * The divisor is the number of <em>elements</em>, batch included (not the batch size).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target</th><th>gradInput</th></tr>
 *   <tr><td>any</td><td>as many elements as the input (any shape)</td><td>the input's size</td></tr>
 * </table>
 *
 * <p>As in Torch only the element counts of input and target must agree; a mismatch is an
 * {@link IllegalArgumentException} naming both shapes.
 */
public final class MSECriterion extends Criterion<Tensor, Tensor> {

    /** Averaging (Torch's default). */
    public MSECriterion() {
        this(true);
    }

    /**
     * The Torch constructor.
     *
     * @param sizeAverage whether to divide by the number of elements
     */
    public MSECriterion(boolean sizeAverage) {
        super(Tensor.empty());
        this.sizeAverage = sizeAverage;
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        Checks.sameNumel(this, input, target);
        return SquaredError.loss(input.data(), target.data(), input.numel(), sizeAverage);
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        Checks.sameNumel(this, input, target);
        SquaredError.gradient(input.data(), target.data(), gradInput.resizeAs(input).data(), input.numel(), sizeAverage);
        return gradInput;
    }

    @Override
    public MSECriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /** The {@code .t7} codec: no fields of its own. */
    static final T7Codec<MSECriterion> T7 = LuaFields.codec("nn.MSECriterion", MSECriterion.class,
            (o, in) -> new MSECriterion(), (c, f, out) -> { });
}
