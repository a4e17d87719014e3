package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The absolute value of every element (Torch's {@code nn.Abs}, {@code Abs.lua} with THNN's
 * {@code Abs.c}).
 *
 * <pre>
 *   y = |x|          dL/dx = (x ≥ 0 ? 1 : −1) · dL/dy
 * </pre>
 * At {@code x = 0} the gradient is {@code +dL/dy}, as Torch's kernel computes it (PyTorch's
 * {@code abs} gives 0 there).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>as the input</td><td>as the input</td></tr>
 * </table>
 */
public final class Abs extends Module<Tensor, Tensor> {

    /** An absolute-value module. */
    public Abs() {
        super(Tensor.empty(), Tensor.empty());
    }

    /** Writes {@code |x|} into {@code output}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            y[i] = Math.abs(x[i]);
        }
        return output;
    }

    /** Writes {@code ±gradOutput} (sign of x, + at 0) into {@code gradInput}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input);
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            gi[i] = x[i] >= 0 ? g[i] : -g[i];
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.Abs}: no fields of its own. */
    static final T7Codec<Abs> T7 = LuaFields.stateless("nn.Abs", Abs.class, Abs::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Abs training() {
        super.training();
        return this;
    }

    @Override
    public Abs evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Abs reset() {
        super.reset();
        return this;
    }

    @Override
    public Abs reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
