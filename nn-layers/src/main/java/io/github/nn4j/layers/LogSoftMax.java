package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.ops.SoftMaxOps;
import io.github.nn4j.torch7.T7Codec;

/**
 * Log-softmax over the class dimension: {@code y_d = x_d − (m + log Σ_j e^(x_j − m))}, with
 * {@code m = max_j x_j} (Torch's {@code nn.LogSoftMax}, THNN {@code LogSoftMax.c}).
 *
 * <p>Backward from the cached output: {@code gradInput = g − e^y · Σ_d g_d}.
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
public class LogSoftMax extends Module<Tensor, Tensor> {

    private final int[] layout = new int[3];
    /** cuDNN's INSTANCE mode: over all of a sample's values ({@link #instanceMode()}). */
    private boolean instance;

    /** A log-softmax layer. */
    public LogSoftMax() {
        super(Tensor.empty(), Tensor.empty());
    }

    /**
     * Switches to cuDNN's INSTANCE mode ({@code cudnn.LogSoftMax}): a {@code [C, H, W]} input is
     * normalised over all its values and a {@code [B, C, H, W]} input over each sample's
     * {@code C·H·W} values, instead of over the planes at every position; 1-D and 2-D inputs are
     * normalised as before. The module still prints and saves as {@code nn.LogSoftMax}, which Lua's
     * {@code nn} computes the same way for 1-D and 2-D inputs only.
     *
     * @return this
     */
    public LogSoftMax instanceMode() {
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
        SoftMaxOps.logSoftMax(input.data(), output.data(), layout[0], layout[1], layout[2]);
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
        SoftMaxOps.logSoftMaxBackward(gradOutput.data(), output.data(), gradInput.data(), layout[0], layout[1], layout[2]);
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.LogSoftMax}: no fields of its own. */
    static final T7Codec<LogSoftMax> T7 = LuaFields.stateless("nn.LogSoftMax", LogSoftMax.class, LogSoftMax::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public LogSoftMax training() {
        super.training();
        return this;
    }

    @Override
    public LogSoftMax evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public LogSoftMax reset() {
        super.reset();
        return this;
    }

    @Override
    public LogSoftMax reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
