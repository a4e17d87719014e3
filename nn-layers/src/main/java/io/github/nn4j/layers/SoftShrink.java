package io.github.nn4j.layers;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Soft shrinkage, {@code y = x − λ} if {@code x > λ}, {@code x + λ} if {@code x < −λ}, else 0
 * (Torch's {@code nn.SoftShrink}, {@code SoftShrink.lua} and THNN {@code SoftShrink.c}).
 *
 * <p>Backward: {@code gradInput = gradOutput} where {@code |x| > λ} (strictly), else 0.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p><b>Difference from Torch:</b> a negative or NaN {@code λ} is refused (Torch takes any
 * number). Prints {@code nn.SoftShrink}.
 */
public class SoftShrink extends Shrink {

    /** Torch field {@code lambda}. */
    static final T7Codec<SoftShrink> T7 = LuaFields.codec("nn.SoftShrink", SoftShrink.class,
            (o, in) -> new SoftShrink(o.getNumber("lambda", 0.5)), (m, f, out) -> f.put("lambda", m.lambda));

    /** {@code SoftShrink(0.5)}. */
    public SoftShrink() {
        this(0.5);
    }

    /**
     * A soft shrinkage.
     *
     * @param lambda the half width {@code λ ≥ 0} of the zeroed band
     * @throws IllegalArgumentException if {@code lambda} is negative or NaN
     */
    public SoftShrink(double lambda) {
        super("nn.SoftShrink", lambda);
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] y = output.data();
        double l = lambda;
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            y[i] = xi > l ? xi - l : xi < -l ? xi + l : 0.0;
        }
        return output;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SoftShrink training() {
        super.training();
        return this;
    }

    @Override
    public SoftShrink evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SoftShrink reset() {
        super.reset();
        return this;
    }

    @Override
    public SoftShrink reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
