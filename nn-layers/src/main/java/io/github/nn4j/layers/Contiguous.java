package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Makes its input contiguous: {@code y = x} (Torch's {@code nn.Contiguous}, {@code Contiguous.lua}).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>any input</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>the same size</td></tr>
 * </table>
 *
 * <p><b>Differences from Torch:</b> an nn4j {@link Tensor} is always contiguous, so this module
 * always takes Torch's contiguous branch: {@code output} is a view of the input
 * ({@link Tensor#set}) and {@code gradInput} a view of gradOutput; nothing is copied. A
 * non-contiguous tensor read from a {@code .t7} file is already made contiguous by the reader.
 */
public class Contiguous extends Module<Tensor, Tensor> {

    static final T7Codec<Contiguous> T7 = LuaFields.stateless("nn.Contiguous", Contiguous.class, Contiguous::new);

    /** The module (no arguments). */
    public Contiguous() {
        super(Tensor.empty(), Tensor.empty());
    }

    /** {@code output} becomes a view of {@code input}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        return output.set(input);
    }

    /** {@code gradInput} becomes a view of {@code gradOutput}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        return gradInput.set(gradOutput);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Contiguous training() {
        super.training();
        return this;
    }

    @Override
    public Contiguous evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Contiguous reset() {
        super.reset();
        return this;
    }

    @Override
    public Contiguous reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
