package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The hyperbolic tangent, element-wise: {@code y = tanh x} (Torch's {@code nn.Tanh}, THNN
 * {@code Tanh.c}).
 *
 * <p>Backward from the cached output: {@code gradInput = gradOutput · (1 − y²)}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 */
public class Tanh extends Module<Tensor, Tensor> {

    /** A tanh layer. */
    public Tanh() {
        super(Tensor.empty(), Tensor.empty());
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] y = output.data();
        for (int i = 0; i < n; i++) {
            y[i] = Math.tanh(x[i]);
        }
        return output;
    }

    /** Uses {@code output}, which must still hold the forward of {@code input}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, output, gradOutput);
        gradInput.resizeAs(output);
        int n = output.numel();
        double[] y = output.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        for (int i = 0; i < n; i++) {
            gi[i] = g[i] * (1.0 - y[i] * y[i]);
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.Tanh}: no fields of its own. */
    static final T7Codec<Tanh> T7 = LuaFields.stateless("nn.Tanh", Tanh.class, Tanh::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Tanh training() {
        super.training();
        return this;
    }

    @Override
    public Tanh evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Tanh reset() {
        super.reset();
        return this;
    }

    @Override
    public Tanh reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
