package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The log of the sigmoid, {@code y = −log(1 + e^(−x))} (Torch's {@code nn.LogSigmoid},
 * {@code LogSigmoid.lua} and THNN {@code LogSigmoid.c}).
 *
 * <p>Backward: {@code gradInput = gradOutput·e^(−x)/(1 + e^(−x))}, the sigmoid of {@code −x}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p><b>Difference from Torch:</b> THNN computes {@code z = e^(−x)} for every element, which
 * overflows below {@code x ≈ −709} ({@code y = −inf}, gradient NaN). For {@code x ≥ 0} this class
 * computes exactly THNN's expressions; for {@code x < 0} the equal forms
 * {@code y = x − log(1 + e^x)} and {@code gradInput = gradOutput/(1 + e^x)}, which stay finite
 * (they differ from Torch's by rounding only, about 1e-16 relative). Torch keeps {@code z} in a
 * buffer {@code buffer}; here the backward recomputes it from the input. Prints
 * {@code nn.LogSigmoid}.
 */
public class LogSigmoid extends Module<Tensor, Tensor> {

    /** No fields of its own (Torch's {@code buffer} is made on the first forward). */
    static final T7Codec<LogSigmoid> T7 = LuaFields.stateless("nn.LogSigmoid", LogSigmoid.class, LogSigmoid::new);

    /** A log-sigmoid layer. */
    public LogSigmoid() {
        super(Tensor.empty(), Tensor.empty());
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] y = output.data();
        for (int i = 0; i < n; i++) {
            double xi = x[i];
            y[i] = xi >= 0 ? -Math.log(1.0 + Math.exp(-xi)) : xi - Math.log(1.0 + Math.exp(xi));
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
            double xi = x[i];
            if (xi >= 0) {
                double z = Math.exp(-xi);
                gi[i] = g[i] * z / (1.0 + z);
            } else {
                gi[i] = g[i] / (1.0 + Math.exp(xi));
            }
        }
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public LogSigmoid training() {
        super.training();
        return this;
    }

    @Override
    public LogSigmoid evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public LogSigmoid reset() {
        super.reset();
        return this;
    }

    @Override
    public LogSigmoid reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
