package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The L1 norm of the input, Torch's {@code nn.L1Cost()} ({@code L1Cost.lua}, THNN
 * {@code L1Cost.c}): a penalty with no target (the target is ignored, e.g. an empty tensor).
 *
 * <pre>
 *   L = Σ_k |x_k|                  (never averaged)
 *   gi_k = sign(x_k)               (+1, −1, or 0 at 0)
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target</th><th>gradInput</th></tr>
 *   <tr><td>any</td><td>ignored (any tensor, or null)</td><td>the input's size</td></tr>
 * </table>
 * Torch's L1Cost has no {@code sizeAverage}: the flag is ignored and not saved.
 */
public final class L1Cost extends Criterion<Tensor, Tensor> {

    /** The {@code .t7} codec: no fields (not even {@code sizeAverage}). */
    static final T7Codec<L1Cost> T7 = LuaFields.codec("nn.L1Cost", L1Cost.class,
            (o, in) -> new L1Cost(), (c, f, out) -> f.remove("sizeAverage"));

    /** The Torch constructor. */
    public L1Cost() {
        super(Tensor.empty());
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        int n = input.numel();
        double[] x = input.data();
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += Math.abs(x[k]);
        }
        return sum;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        int n = input.numel();
        double[] x = input.data();
        double[] gi = gradInput.resizeAs(input).data();
        for (int k = 0; k < n; k++) {
            gi[k] = x[k] > 0 ? 1 : x[k] < 0 ? -1 : 0;
        }
        return gradInput;
    }

    /** The target is ignored: {@code forward(input, null)} is allowed. */
    @Override
    protected boolean usesTarget() {
        return false;
    }
}
