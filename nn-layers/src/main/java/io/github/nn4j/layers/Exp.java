package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The exponential of every element (Torch's {@code nn.Exp}, {@code Exp.lua}).
 *
 * <pre>
 *   y = eˣ          dL/dx = y · dL/dy
 * </pre>
 * The backward uses the stored output, as Torch's {@code gradInput:cmul(output, gradOutput)}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>as the input</td><td>as the input</td></tr>
 * </table>
 */
public final class Exp extends Module<Tensor, Tensor> {

    /** An exponential module. */
    public Exp() {
        super(Tensor.empty(), Tensor.empty());
    }

    /** Writes {@code exp(x)} into {@code output}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            y[i] = Math.exp(x[i]);
        }
        return output;
    }

    /** Writes {@code output · gradOutput} into {@code gradInput}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input);
        double[] y = output.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            gi[i] = y[i] * g[i];
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.Exp}: no fields of its own. */
    static final T7Codec<Exp> T7 = LuaFields.stateless("nn.Exp", Exp.class, Exp::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Exp training() {
        super.training();
        return this;
    }

    @Override
    public Exp evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Exp reset() {
        super.reset();
        return this;
    }

    @Override
    public Exp reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
