package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * {@code y = x − tanh x} (Torch's {@code nn.TanhShrink}, {@code TanhShrink.lua}).
 *
 * <p>Backward, as Torch computes it through its inner {@code nn.Tanh}:
 * {@code gradInput = gradOutput − gradOutput·(1 − tanh²x)}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p>Like Torch's, the layer holds a {@link Tanh} (its {@code .t7} field {@code tanh}); it is a
 * helper, not a child: {@link #children()} is empty, as Torch's {@code TanhShrink} is no
 * container. Prints {@code nn.TanhShrink}.
 */
public class TanhShrink extends Module<Tensor, Tensor> {

    /** Torch field {@code tanh} (an {@code nn.Tanh}). */
    static final T7Codec<TanhShrink> T7 = LuaFields.codec("nn.TanhShrink", TanhShrink.class,
            (o, in) -> new TanhShrink(), (m, f, out) -> f.put("tanh", out.convert(m.tanh)));

    private final Tanh tanh = new Tanh();

    /** A tanh-shrink layer. */
    public TanhShrink() {
        super(Tensor.empty(), Tensor.empty());
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        Tensor th = tanh.updateOutput(input);
        output.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] t = th.data();
        double[] y = output.data();
        for (int i = 0; i < n; i++) {
            y[i] = x[i] - t[i];
        }
        return output;
    }

    /** Uses the inner Tanh's output, which must still hold the forward of {@code input}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        Tensor dth = tanh.updateGradInput(input, gradOutput);
        gradInput.resizeAs(input);
        int n = input.numel();
        double[] g = gradOutput.data();
        double[] d = dth.data();
        double[] gi = gradInput.data();
        for (int i = 0; i < n; i++) {
            gi[i] = g[i] - d[i];
        }
        return gradInput;
    }

    @Override
    public TanhShrink clearState() {
        super.clearState();
        tanh.clearState();
        return this;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public TanhShrink training() {
        super.training();
        return this;
    }

    @Override
    public TanhShrink evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public TanhShrink reset() {
        super.reset();
        return this;
    }

    @Override
    public TanhShrink reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
