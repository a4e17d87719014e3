package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Table;

/**
 * Thresholds each element: {@code y = x} if {@code x > threshold}, else {@code y = value}
 * (Torch's {@code nn.Threshold}, {@code Threshold.lua} and THNN {@code Threshold.c}).
 *
 * <p>The comparison is strict: at {@code x == threshold} the output is {@code value} and the
 * gradient 0. Backward: {@code gradInput = gradOutput} where {@code x > threshold}, else 0.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p><b>In place</b> ({@code inplace = true}): the forward overwrites the input and the output
 * shares its storage; the backward overwrites the gradOutput, which becomes the gradInput. It
 * needs {@code value <= threshold}, so that the overwritten input still tells which elements
 * passed.
 *
 * <p>NaN, as in THNN: out of place a NaN input gives {@code value} (it is not {@code > threshold});
 * in place it stays NaN (it is not {@code <= threshold}), and so does its gradient.
 *
 * <p>Prints as Torch does: {@code nn.Threshold} (Torch defines no {@code __tostring__}).
 */
public class Threshold extends Module<Tensor, Tensor> {

    private final double threshold;
    private final double value;
    private final boolean inplace;

    /** {@code Threshold(1e-6, 0)}, Torch's defaults. */
    public Threshold() {
        this(1e-6, 0.0, false);
    }

    /**
     * A threshold layer, not in place.
     *
     * @param threshold the threshold
     * @param value the value of elements not above it
     */
    public Threshold(double threshold, double value) {
        this(threshold, value, false);
    }

    /**
     * A threshold layer.
     *
     * @param threshold the threshold
     * @param value the value of elements not above it
     * @param inplace whether to overwrite the input and gradOutput
     * @throws IllegalArgumentException if in place and {@code value > threshold}, or either is NaN
     */
    public Threshold(double threshold, double value, boolean inplace) {
        super(Tensor.empty(), Tensor.empty());
        if (Double.isNaN(threshold) || Double.isNaN(value)) {
            throw new IllegalArgumentException("nn.Threshold: threshold (" + threshold + ") and value (" + value
                    + ") must be numbers");
        }
        if (inplace && value > threshold) {
            throw new IllegalArgumentException("nn.Threshold: in-place processing requires value (" + value
                    + ") not exceed threshold (" + threshold + ")");
        }
        this.threshold = threshold;
        this.value = value;
        this.inplace = inplace;
    }

    /**
     * The threshold.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    /**
     * The value given to elements not above the threshold.
     *
     * @return the value
     */
    public double value() {
        return value;
    }

    /**
     * Whether the layer works in place.
     *
     * @return the in-place flag
     */
    public boolean isInplace() {
        return inplace;
    }

    /** In place: modifies {@code input}, and {@code output} becomes a view of it. */
    @Override
    public Tensor updateOutput(Tensor input) {
        int n = input.numel();
        double[] x = input.data();
        double th = threshold;
        double v = value;
        long vBits = Double.doubleToRawLongBits(v);
        if (inplace) {
            for (int i = 0; i < n; i++) {
                // x = x <= th ? v : x (NaN kept, as Torch's in-place loop), branch-free: the sign of
                // real activations is unpredictable and a branch per element costs more than the select
                double xi = x[i];
                long replace = xi <= th ? -1L : 0L;
                x[i] = Double.longBitsToDouble((Double.doubleToRawLongBits(xi) & ~replace) | (vBits & replace));
            }
            output.set(input);
            return output;
        }
        output.resizeAs(input);
        double[] y = output.data();
        for (int i = 0; i < n; i++) {
            // y = x > th ? x : v, branch-free (the sign of real activations is unpredictable):
            // an all-ones mask where x > th (false for NaN), then select by bits
            double xi = x[i];
            long keep = xi > th ? -1L : 0L;
            y[i] = Double.longBitsToDouble((Double.doubleToRawLongBits(xi) & keep) | (vBits & ~keep));
        }
        return output;
    }

    /** In place: modifies {@code gradOutput}, and {@code gradInput} becomes a view of it. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        int n = input.numel();
        double[] x = input.data();
        double[] g = gradOutput.data();
        double th = threshold;
        if (inplace) {
            for (int i = 0; i < n; i++) {
                // g = x <= th ? +0.0 : g, branch-free as in the forward pass
                long keep = x[i] <= th ? 0L : -1L;
                g[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & keep);
            }
            gradInput.set(gradOutput);
            return gradInput;
        }
        gradInput.resizeAs(input);
        double[] gi = gradInput.data();
        for (int i = 0; i < n; i++) {
            // gi = x > th ? g : +0.0, branch-free as in the forward pass
            long keep = x[i] > th ? -1L : 0L;
            gi[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & keep);
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.Threshold}: {@code threshold}, {@code val}, {@code inplace}. */
    static final T7Codec<Threshold> T7 = LuaFields.codec("nn.Threshold", Threshold.class,
            (o, in) -> new Threshold(o.getNumber("threshold", 1e-6), o.getNumber("val", 0),
                    LuaFields.truthy(o.get("inplace"))),
            Threshold::writeFields);

    /** Writes the fields of a Threshold or ReLU. */
    static void writeFields(Threshold m, T7Table f, io.github.nn4j.torch7.T7Bridge.Writing out) {
        f.put("threshold", m.threshold());
        f.put("val", m.value());
        f.put("inplace", m.isInplace());
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Threshold training() {
        super.training();
        return this;
    }

    @Override
    public Threshold evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Threshold reset() {
        super.reset();
        return this;
    }

    @Override
    public Threshold reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
