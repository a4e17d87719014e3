package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.ops.SoftMaxOps;
import io.github.nn4j.torch7.T7Codec;

/**
 * The softmax of the negated input, {@code y_d = e^(−x_d) / Σ_j e^(−x_j)} (Torch's
 * {@code nn.SoftMin}, {@code SoftMin.lua}), normalised over the same dimension as
 * {@link SoftMax}: the vector of a 1-D input, each row of a 2-D batch (and dimension 0 of
 * {@code [C, H, W]}, dimension 1 of {@code [N, C, H, W]}, as THNN's SoftMax).
 *
 * <p>Computed as Torch does: {@code mininput = −x}, {@code y = softmax(mininput)} with the
 * maximum subtracted, and {@code gradInput = −(y ⊙ (g − Σ_d g_d y_d))} from the cached output,
 * through the shared {@link SoftMaxOps} kernels.
 *
 * <table class="striped">
 *   <caption>Shapes (output, gradOutput and gradInput are shaped like the input)</caption>
 *   <tr><th>input</th><th>normalised over</th></tr>
 *   <tr><td>{@code [n]}</td><td>the vector</td></tr>
 *   <tr><td>{@code [B, n]}</td><td>each row</td></tr>
 *   <tr><td>{@code [C, H, W]}</td><td>dimension 0, at every position</td></tr>
 *   <tr><td>{@code [B, C, H, W]}</td><td>dimension 1, for every sample and position</td></tr>
 * </table>
 * Other dimensionalities are rejected. Prints {@code nn.SoftMin}.
 */
public class SoftMin extends Module<Tensor, Tensor> {

    /** No fields of its own (Torch's {@code mininput} is made on the first forward). */
    static final T7Codec<SoftMin> T7 = LuaFields.stateless("nn.SoftMin", SoftMin.class, SoftMin::new);

    private final int[] layout = new int[3];
    /** {@code −input}, Torch's {@code mininput}. */
    private Tensor mininput = Tensor.empty();

    /** A softmin layer. */
    public SoftMin() {
        super(Tensor.empty(), Tensor.empty());
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (!SoftMaxLayout.layout(input, layout)) {
            throw shapeError(SoftMaxLayout.EXPECTED, input);
        }
        negate(input);
        output.resizeAs(input);
        SoftMaxOps.softMax(mininput.data(), output.data(), layout[0], layout[1], layout[2]);
        return output;
    }

    /** Uses {@code output}, which must still hold the forward of {@code input}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, output, gradOutput);
        if (!SoftMaxLayout.layout(output, layout)) {
            throw shapeError(SoftMaxLayout.EXPECTED, input);
        }
        gradInput.resizeAs(output);
        double[] gi = gradInput.data();
        SoftMaxOps.softMaxBackward(gradOutput.data(), output.data(), gi, layout[0], layout[1], layout[2]);
        int n = output.numel();
        for (int i = 0; i < n; i++) {
            gi[i] = -gi[i];
        }
        return gradInput;
    }

    @Override
    public SoftMin clearState() {
        super.clearState();
        mininput = Tensor.empty();
        return this;
    }

    private void negate(Tensor input) {
        mininput.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] m = mininput.data();
        for (int i = 0; i < n; i++) {
            m[i] = -x[i];
        }
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SoftMin training() {
        super.training();
        return this;
    }

    @Override
    public SoftMin evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SoftMin reset() {
        super.reset();
        return this;
    }

    @Override
    public SoftMin reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
