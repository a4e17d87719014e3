package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Table;

/**
 * Clips each element to {@code [minVal, maxVal]}: {@code y = min(max(x, minVal), maxVal)}
 * (Torch's {@code nn.HardTanh}, {@code HardTanh.lua} and THNN {@code HardTanh.c}); the defaults
 * {@code [−1, 1]} give the "hard" tanh.
 *
 * <p>Backward: {@code gradInput = gradOutput} where {@code minVal ≤ x ≤ maxVal} (the bounds
 * included, as THNN's out-of-place kernel), else 0.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p><b>In place</b> ({@code inplace = true}): the forward clips the input itself and the output
 * shares its storage; the backward overwrites the gradOutput, which becomes the gradInput. The
 * backward then receives the clipped input, so, as THNN's in-place kernel, it zeroes the
 * gradient where {@code x ≤ minVal} or {@code x ≥ maxVal} (the bounds excluded: a clipped
 * element equals its bound).
 *
 * <p>Prints {@code nn.HardTanh}, as Torch (no {@code __tostring__}).
 */
public class HardTanh extends Module<Tensor, Tensor> {

    /** Torch fields {@code min_val}, {@code max_val}, {@code inplace}. */
    static final T7Codec<HardTanh> T7 = LuaFields.codec("nn.HardTanh", HardTanh.class,
            (o, in) -> new HardTanh(o.getNumber("min_val", -1), o.getNumber("max_val", 1),
                    LuaFields.truthy(o.get("inplace"))),
            HardTanh::writeFields);

    private final double minVal;
    private final double maxVal;
    private final boolean inplace;

    /** {@code HardTanh(−1, 1)}, Torch's defaults. */
    public HardTanh() {
        this(-1, 1, false);
    }

    /**
     * A clipping layer, not in place.
     *
     * @param minVal the lower bound
     * @param maxVal the upper bound, larger than {@code minVal}
     */
    public HardTanh(double minVal, double maxVal) {
        this(minVal, maxVal, false);
    }

    /**
     * A clipping layer.
     *
     * @param minVal the lower bound
     * @param maxVal the upper bound, larger than {@code minVal}
     * @param inplace whether to overwrite the input and gradOutput
     * @throws IllegalArgumentException if {@code maxVal ≤ minVal} or either is NaN
     */
    public HardTanh(double minVal, double maxVal, boolean inplace) {
        super(Tensor.empty(), Tensor.empty());
        if (!(maxVal > minVal)) {
            throw new IllegalArgumentException(torchTypeName() + ": max_value (" + maxVal
                    + ") must be larger than min_value (" + minVal + ")");
        }
        this.minVal = minVal;
        this.maxVal = maxVal;
        this.inplace = inplace;
    }

    /**
     * The lower bound (Torch's {@code min_val}).
     *
     * @return the lower bound
     */
    public double minVal() {
        return minVal;
    }

    /**
     * The upper bound (Torch's {@code max_val}).
     *
     * @return the upper bound
     */
    public double maxVal() {
        return maxVal;
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
        double lo = minVal;
        double hi = maxVal;
        if (inplace) {
            for (int i = 0; i < n; i++) {
                if (x[i] < lo) {
                    x[i] = lo;
                } else if (x[i] > hi) {
                    x[i] = hi;
                }
            }
            output.set(input);
            return output;
        }
        output.resizeAs(input);
        double[] y = output.data();
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            y[i] = xi < lo ? lo : xi <= hi ? xi : hi;
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
        double lo = minVal;
        double hi = maxVal;
        if (inplace) {
            for (int i = 0; i < n; i++) {
                if (x[i] <= lo || x[i] >= hi) {
                    g[i] = 0.0;
                }
            }
            gradInput.set(gradOutput);
            return gradInput;
        }
        gradInput.resizeAs(input);
        double[] gi = gradInput.data();
        for (int i = 0; i < n; i++) {
            gi[i] = x[i] < lo || x[i] > hi ? 0.0 : g[i];
        }
        return gradInput;
    }

    static void writeFields(HardTanh m, T7Table f, T7Bridge.Writing out) {
        f.put("min_val", m.minVal);
        f.put("max_val", m.maxVal);
        f.put("inplace", m.inplace);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public HardTanh training() {
        super.training();
        return this;
    }

    @Override
    public HardTanh evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public HardTanh reset() {
        super.reset();
        return this;
    }

    @Override
    public HardTanh reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
