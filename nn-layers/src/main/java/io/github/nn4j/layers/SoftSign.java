package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The soft sign, {@code y = x / (1 + |x|)} (Torch's {@code nn.SoftSign}, {@code SoftSign.lua}).
 *
 * <p>Backward: {@code gradInput = gradOutput / (1 + |x|)²}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p>Torch keeps the denominators in the buffers {@code temp} and {@code tempgrad}; here they are
 * recomputed in the loops (no buffer). Prints {@code nn.SoftSign}.
 */
public class SoftSign extends Module<Tensor, Tensor> {

    /** No fields of its own (Torch's buffers are made on the first forward). */
    static final T7Codec<SoftSign> T7 = LuaFields.stateless("nn.SoftSign", SoftSign.class, SoftSign::new);

    /** A soft-sign layer. */
    public SoftSign() {
        super(Tensor.empty(), Tensor.empty());
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] y = output.data();
        for (int i = 0; i < n; i++) {
            y[i] = x[i] / (Math.abs(x[i]) + 1);
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        for (int i = 0; i < n; i++) {
            double d = Math.abs(x[i]) + 1;
            gi[i] = g[i] / (d * d);
        }
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SoftSign training() {
        super.training();
        return this;
    }

    @Override
    public SoftSign evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SoftSign reset() {
        super.reset();
        return this;
    }

    @Override
    public SoftSign reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
