package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The leaky rectifier, {@code y = x} if {@code x > 0}, else {@code negval·x} (Torch's
 * {@code nn.LeakyReLU}, {@code LeakyReLU.lua} and THNN {@code LeakyReLU.c}).
 *
 * <p>Backward: {@code gradInput = gradOutput} where {@code x > 0}, else {@code negval·gradOutput}
 * (at {@code x = 0} the negative branch, as THNN).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p><b>In place</b>: the forward scales the non-positive elements of the input itself (the output
 * shares its storage), the backward those of the gradOutput (which becomes the gradInput). As in
 * Torch, a negative {@code negval} silently turns in-place off (the overwritten input would no
 * longer tell the two branches apart).
 *
 * <p><b>Differences from Torch:</b> Torch's {@code LeakyReLU(true)} means {@code negval = 0.01},
 * and, through a Lua scoping slip, <em>not</em> in place; Java has no such overload (write
 * {@code new LeakyReLU(0.01, true)}). A NaN {@code negval} is refused.
 *
 * <p>Prints as Torch's {@code __tostring__}, {@code nn.LeakyReLU(%g)}: {@code nn.LeakyReLU(0.01)}.
 */
public class LeakyReLU extends Module<Tensor, Tensor> {

    /** Torch fields {@code negval}, {@code inplace}. */
    static final T7Codec<LeakyReLU> T7 = LuaFields.codec("nn.LeakyReLU", LeakyReLU.class,
            (o, in) -> new LeakyReLU(o.getNumber("negval", 0.01), LuaFields.truthy(o.get("inplace"))),
            (m, f, out) -> {
                f.put("negval", m.negval);
                f.put("inplace", m.inplace);
            });

    private final double negval;
    private final boolean inplace;

    /** {@code LeakyReLU(0.01)}, Torch's default slope. */
    public LeakyReLU() {
        this(0.01, false);
    }

    /**
     * A leaky rectifier, not in place.
     *
     * @param negval the slope of the negative part
     */
    public LeakyReLU(double negval) {
        this(negval, false);
    }

    /**
     * A leaky rectifier.
     *
     * @param negval the slope of the negative part
     * @param inplace whether to overwrite the input and gradOutput (ignored when
     *     {@code negval < 0}, as in Torch)
     * @throws IllegalArgumentException if {@code negval} is NaN
     */
    public LeakyReLU(double negval, boolean inplace) {
        super(Tensor.empty(), Tensor.empty());
        if (Double.isNaN(negval)) {
            throw new IllegalArgumentException("nn.LeakyReLU: negval must be a number, got NaN");
        }
        this.negval = negval;
        this.inplace = inplace && negval >= 0;
    }

    /**
     * The slope of the negative part.
     *
     * @return negval
     */
    public double negval() {
        return negval;
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
        double a = negval;
        if (inplace) {
            for (int i = 0; i < n; i++) {
                if (x[i] <= 0) {
                    x[i] *= a;
                }
            }
            output.set(input);
            return output;
        }
        output.resizeAs(input);
        double[] y = output.data();
        for (int i = 0; i < n; i++) {
            y[i] = x[i] > 0 ? x[i] : x[i] * a;
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
        double a = negval;
        if (inplace) {
            for (int i = 0; i < n; i++) {
                if (x[i] <= 0) {
                    g[i] *= a;
                }
            }
            gradInput.set(gradOutput);
            return gradInput;
        }
        gradInput.resizeAs(input);
        double[] gi = gradInput.data();
        for (int i = 0; i < n; i++) {
            gi[i] = x[i] > 0 ? g[i] : g[i] * a;
        }
        return gradInput;
    }

    /** {@code nn.LeakyReLU(0.01)}. */
    @Override
    public String toString() {
        return torchTypeName() + "(" + CFormat.g(negval) + ")";
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public LeakyReLU training() {
        super.training();
        return this;
    }

    @Override
    public LeakyReLU evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public LeakyReLU reset() {
        super.reset();
        return this;
    }

    @Override
    public LeakyReLU reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
