package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Multiplies by a fixed number: {@code y = c·x}, {@code gradInput = c·gradOutput} (Torch's
 * {@code nn.MulConstant}, {@code MulConstant.lua}). No parameters.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p><b>In place</b> ({@code inplace = true}), as Torch: the forward multiplies the input by
 * {@code c} in place and the output shares its storage; the backward multiplies the gradOutput
 * in place, which becomes the gradInput, then restores the input by dividing it by {@code c}
 * (exact only up to rounding, as in Torch; {@code c} must then not be 0).
 *
 * <p>Prints {@code nn.MulConstant}, as Torch (which defines no {@code __tostring__}).
 */
public class MulConstant extends Module<Tensor, Tensor> {

    private final double constant;
    private final boolean inplace;

    /**
     * A layer that does not modify its input.
     *
     * @param constant the factor {@code c}
     * @throws IllegalArgumentException if {@code c} is NaN or infinite
     */
    public MulConstant(double constant) {
        this(constant, false);
    }

    /**
     * A layer multiplying by {@code constant}.
     *
     * @param constant the factor {@code c}
     * @param inplace whether to scale the input and gradOutput in place
     * @throws IllegalArgumentException if {@code c} is not finite, or in place with {@code c = 0} (the input could not be
     *                                  restored)
     */
    public MulConstant(double constant, boolean inplace) {
        super(Tensor.empty(), Tensor.empty());
        if (!Double.isFinite(constant)) {
            throw new IllegalArgumentException("nn.MulConstant: the constant must be a finite number, got " + constant);
        }
        if (inplace && constant == 0.0) {
            throw new IllegalArgumentException("nn.MulConstant: in place needs a non-zero constant to restore the input");
        }
        this.constant = constant;
        this.inplace = inplace;
    }

    /**
     * The factor.
     *
     * @return {@code c}
     */
    public double constant() {
        return constant;
    }

    /**
     * Whether the layer works in place.
     *
     * @return the in-place flag
     */
    public boolean isInplace() {
        return inplace;
    }

    /** In place: scales {@code input}, and {@code output} becomes a view of it. */
    @Override
    public Tensor updateOutput(Tensor input) {
        int n = input.numel();
        double[] x = input.data();
        double c = constant;
        if (inplace) {
            for (int i = 0; i < n; i++) {
                x[i] *= c;
            }
            output.set(input);
            return output;
        }
        output.resizeAs(input);
        double[] y = output.data();
        for (int i = 0; i < n; i++) {
            y[i] = x[i] * c;
        }
        return output;
    }

    /**
     * In place: scales {@code gradOutput}, which {@code gradInput} becomes a view of, then
     * divides {@code input} by {@code c} to restore it.
     */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        int n = gradOutput.numel();
        double[] g = gradOutput.data();
        double c = constant;
        if (inplace) {
            for (int i = 0; i < n; i++) {
                g[i] *= c;
            }
            gradInput.set(gradOutput);
            double[] x = input.data();
            for (int i = 0; i < n; i++) {
                x[i] /= c;
            }
            return gradInput;
        }
        gradInput.resizeAs(gradOutput);
        double[] gi = gradInput.data();
        for (int i = 0; i < n; i++) {
            gi[i] = g[i] * c;
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.MulConstant}: {@code constant_scalar}, {@code inplace}. */
    static final T7Codec<MulConstant> T7 = LuaFields.codec("nn.MulConstant", MulConstant.class,
            (o, in) -> new MulConstant(o.getNumber("constant_scalar"), LuaFields.truthy(o.get("inplace"))),
            (m, f, out) -> {
                f.put("constant_scalar", m.constant());
                f.put("inplace", m.isInplace());
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public MulConstant training() {
        super.training();
        return this;
    }

    @Override
    public MulConstant evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public MulConstant reset() {
        super.reset();
        return this;
    }

    @Override
    public MulConstant reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
