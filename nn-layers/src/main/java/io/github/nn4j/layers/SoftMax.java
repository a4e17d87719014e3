package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.ops.SoftMaxOps;
import io.github.nn4j.torch7.T7Codec;

/**
 * Softmax over the class dimension: {@code y_d = e^(x_d − m) / Σ_j e^(x_j − m)}, with
 * {@code m = max_j x_j} subtracted for stability (Torch's {@code nn.SoftMax}, THNN
 * {@code SoftMax.c}).
 *
 * <p>Backward from the cached output: {@code gradInput = y ⊙ (g − Σ_d g_d y_d)}.
 *
 * <table class="striped">
 *   <caption>Shapes (output, gradOutput and gradInput are shaped like the input)</caption>
 *   <tr><th>input</th><th>normalised over</th></tr>
 *   <tr><td>{@code [n]}</td><td>the vector</td></tr>
 *   <tr><td>{@code [B, n]}</td><td>each row</td></tr>
 *   <tr><td>{@code [C, H, W]}</td><td>dimension 0, at every position</td></tr>
 *   <tr><td>{@code [B, C, H, W]}</td><td>dimension 1, for every sample and position</td></tr>
 * </table>
 * Other dimensionalities are rejected, as in THNN. The kernels are the shared
 * {@link SoftMaxOps}.
 */
public class SoftMax extends Module<Tensor, Tensor> {

    private final int[] layout = new int[3];
    /** cuDNN's INSTANCE mode: over all of a sample's values ({@link #instanceMode()}). */
    private boolean instance;

    /** A softmax layer. */
    public SoftMax() {
        super(Tensor.empty(), Tensor.empty());
    }

    /**
     * Switches to cuDNN's INSTANCE mode ({@code cudnn.SoftMax}): a {@code [C, H, W]} input is
     * normalised over all its values and a {@code [B, C, H, W]} input over each sample's
     * {@code C·H·W} values, instead of over the planes at every position; 1-D and 2-D inputs are
     * normalised as before. The module still prints and saves as {@code nn.SoftMax}, which Lua's
     * {@code nn} computes the same way for 1-D and 2-D inputs only.
     *
     * @return this
     */
    public SoftMax instanceMode() {
        instance = true;
        return this;
    }

    /**
     * Whether the module is in cuDNN's INSTANCE mode ({@link #instanceMode()}).
     *
     * @return true after {@code instanceMode()}
     */
    public boolean isInstanceMode() {
        return instance;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (!SoftMaxLayout.layout(input, layout, instance)) {
            throw shapeError(SoftMaxLayout.EXPECTED, input);
        }
        output.resizeAs(input);
        SoftMaxOps.softMax(input.data(), output.data(), layout[0], layout[1], layout[2]);
        return output;
    }

    /** Uses {@code output}, which must still hold the forward of {@code input}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, output, gradOutput);
        if (!SoftMaxLayout.layout(output, layout, instance)) {
            throw shapeError(SoftMaxLayout.EXPECTED, input);
        }
        gradInput.resizeAs(output);
        SoftMaxOps.softMaxBackward(gradOutput.data(), output.data(), gradInput.data(), layout[0], layout[1], layout[2]);
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.SoftMax}: no fields of its own. */
    static final T7Codec<SoftMax> T7 = LuaFields.stateless("nn.SoftMax", SoftMax.class, SoftMax::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SoftMax training() {
        super.training();
        return this;
    }

    @Override
    public SoftMax evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SoftMax reset() {
        super.reset();
        return this;
    }

    @Override
    public SoftMax reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
