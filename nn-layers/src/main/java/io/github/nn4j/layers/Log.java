package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The natural logarithm of every element (Torch's {@code nn.Log}, {@code Log.lua}).
 *
 * <pre>
 *   y = ln x          dL/dx = (1 / x) · dL/dy
 * </pre>
 * As in Torch, nothing is clamped: {@code x = 0} gives {@code −∞} forward and an infinite
 * gradient, {@code x < 0} gives NaN.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>as the input</td><td>as the input</td></tr>
 * </table>
 */
public final class Log extends Module<Tensor, Tensor> {

    /** A logarithm module. */
    public Log() {
        super(Tensor.empty(), Tensor.empty());
    }

    /** Writes {@code ln x} into {@code output}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            y[i] = Math.log(x[i]);
        }
        return output;
    }

    /** Writes {@code (1 / x) · gradOutput} into {@code gradInput} (Torch's fill(1), cdiv, cmul). */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input);
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            gi[i] = (1.0 / x[i]) * g[i];
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.Log}: no fields of its own. */
    static final T7Codec<Log> T7 = LuaFields.stateless("nn.Log", Log.class, Log::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Log training() {
        super.training();
        return this;
    }

    @Override
    public Log evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Log reset() {
        super.reset();
        return this;
    }

    @Override
    public Log reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
