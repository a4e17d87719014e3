package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Raises every element to a constant power (Torch's {@code nn.Power(p)}, {@code Power.lua}).
 *
 * <pre>
 *   y = x^p          dL/dx = (dL/dy · x^(p−1)) · p
 * </pre>
 * The backward multiplies in Torch's order, so the results agree bit for bit with Torch's
 * {@code gradInput:copy(gradOutput):cmul(torch.pow(input, p - 1)):mul(p)}. As in Torch (and C's
 * {@code pow}), a negative base with a non-integer power gives NaN and {@code 0^p} with
 * {@code p < 0} gives infinity; nothing is clamped.
 *
 * <p>{@code toString()} prints {@code nn.Power}, as Torch does (the power is {@link #power()}).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>as the input</td><td>as the input</td></tr>
 * </table>
 */
public final class Power extends Module<Tensor, Tensor> {

    private final double pow;

    /**
     * A module computing {@code x^p}.
     *
     * @param p the power (Torch's field {@code pow})
     * @throws IllegalArgumentException if {@code p} is NaN or infinite
     */
    public Power(double p) {
        super(Tensor.empty(), Tensor.empty());
        if (!Double.isFinite(p)) {
            throw new IllegalArgumentException("nn.Power: the exponent must be a finite number, got " + p);
        }
        this.pow = p;
    }

    /**
     * The power.
     *
     * @return {@code p}
     */
    public double power() {
        return pow;
    }

    /** Writes {@code x^p} into {@code output}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            y[i] = Math.pow(x[i], pow);
        }
        return output;
    }

    /** Writes {@code (gradOutput · x^(p−1)) · p} into {@code gradInput}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input);
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double pm1 = pow - 1;
        for (int i = 0, n = input.numel(); i < n; i++) {
            gi[i] = g[i] * Math.pow(x[i], pm1) * pow;
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.Power}: {@code pow}. */
    static final T7Codec<Power> T7 = LuaFields.codec("nn.Power", Power.class,
            (o, in) -> new Power(o.getNumber("pow")), (m, f, out) -> f.put("pow", m.power()));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Power training() {
        super.training();
        return this;
    }

    @Override
    public Power evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Power reset() {
        super.reset();
        return this;
    }

    @Override
    public Power reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
