package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Squares every element (Torch's {@code nn.Square}, {@code Square.lua} with THNN's
 * {@code Square.c}).
 *
 * <pre>
 *   y = x²          dL/dx = 2 · x · dL/dy
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>as the input</td><td>as the input</td></tr>
 * </table>
 */
public final class Square extends Module<Tensor, Tensor> {

    /** A squaring module. */
    public Square() {
        super(Tensor.empty(), Tensor.empty());
    }

    /** Writes {@code x²} into {@code output} (resized to the input's size). */
    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            y[i] = x[i] * x[i];
        }
        return output;
    }

    /** Writes {@code 2 · x · gradOutput} into {@code gradInput}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input);
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            gi[i] = 2.0 * x[i] * g[i];
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.Square}: no fields of its own. */
    static final T7Codec<Square> T7 = LuaFields.stateless("nn.Square", Square.class, Square::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Square training() {
        super.training();
        return this;
    }

    @Override
    public Square evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Square reset() {
        super.reset();
        return this;
    }

    @Override
    public Square reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
