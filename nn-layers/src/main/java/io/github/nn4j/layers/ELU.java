package io.github.nn4j.layers;

import java.util.Locale;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The exponential linear unit, {@code y = x} if {@code x > 0}, else {@code α·(e^x − 1)} (Torch's
 * {@code nn.ELU}, {@code ELU.lua} and THNN {@code ELU.c}; Clevert, Unterthiner and Hochreiter,
 * <i>Fast and Accurate Deep Network Learning by Exponential Linear Units</i>, 2015).
 *
 * <p>Backward from the cached <b>output</b>, as THNN: {@code gradInput = gradOutput} where
 * {@code y > 0}, else {@code gradOutput·(y + α)} (which is {@code α·e^x}).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p><b>In place</b>: the forward overwrites the input (the output shares its storage), the
 * backward the gradOutput (which becomes the gradInput). Prints as Torch's {@code __tostring__}:
 * {@code nn.ELU (alpha:1.000000)}. A NaN {@code alpha} is refused.
 */
public class ELU extends Module<Tensor, Tensor> {

    /** Torch fields {@code alpha}, {@code inplace}. */
    static final T7Codec<ELU> T7 = LuaFields.codec("nn.ELU", ELU.class,
            (o, in) -> new ELU(o.getNumber("alpha", 1), LuaFields.truthy(o.get("inplace"))),
            (m, f, out) -> {
                f.put("alpha", m.alpha);
                f.put("inplace", m.inplace);
            });

    private final double alpha;
    private final boolean inplace;

    /** {@code ELU(1)}. */
    public ELU() {
        this(1, false);
    }

    /**
     * An ELU, not in place.
     *
     * @param alpha the scale of the negative part
     */
    public ELU(double alpha) {
        this(alpha, false);
    }

    /**
     * An ELU.
     *
     * @param alpha the scale of the negative part
     * @param inplace whether to overwrite the input and gradOutput
     * @throws IllegalArgumentException if {@code alpha} is NaN
     */
    public ELU(double alpha, boolean inplace) {
        super(Tensor.empty(), Tensor.empty());
        if (Double.isNaN(alpha)) {
            throw new IllegalArgumentException("nn.ELU: alpha must be a number, got NaN");
        }
        this.alpha = alpha;
        this.inplace = inplace;
    }

    /**
     * The scale of the negative part.
     *
     * @return alpha
     */
    public double alpha() {
        return alpha;
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
        double a = alpha;
        if (inplace) {
            for (int i = 0; i < n; i++) {
                if (x[i] <= 0) {
                    x[i] = (Math.exp(x[i]) - 1) * a;
                }
            }
            output.set(input);
            return output;
        }
        output.resizeAs(input);
        double[] y = output.data();
        for (int i = 0; i < n; i++) {
            y[i] = x[i] <= 0 ? (Math.exp(x[i]) - 1) * a : x[i];
        }
        return output;
    }

    /**
     * Uses {@code output}, which must still hold the forward of {@code input}. In place:
     * modifies {@code gradOutput}, and {@code gradInput} becomes a view of it.
     */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, output, gradOutput);
        int n = output.numel();
        double[] y = output.data();
        double[] g = gradOutput.data();
        double a = alpha;
        if (inplace) {
            for (int i = 0; i < n; i++) {
                if (y[i] <= 0) {
                    g[i] *= y[i] + a;
                }
            }
            gradInput.set(gradOutput);
            return gradInput;
        }
        gradInput.resizeAs(output);
        double[] gi = gradInput.data();
        for (int i = 0; i < n; i++) {
            gi[i] = y[i] <= 0 ? g[i] * (y[i] + a) : g[i];
        }
        return gradInput;
    }

    /** {@code nn.ELU (alpha:1.000000)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (alpha:%f)", torchTypeName(), alpha);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public ELU training() {
        super.training();
        return this;
    }

    @Override
    public ELU evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public ELU reset() {
        super.reset();
        return this;
    }

    @Override
    public ELU reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
