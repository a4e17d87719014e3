package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Passes its input through (Torch's {@code nn.Identity}, {@code Identity.lua}):
 * {@code output} <em>is</em> the input object and {@code gradInput} <em>is</em> the gradOutput
 * object, as in Torch (references, no copy). Works on tensors and tables, e.g. as the shortcut
 * branch of a residual block.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>any tensor or table</td><td>the input itself</td><td>the gradOutput itself</td></tr>
 * </table>
 */
public class Identity extends Module<Data, Data> {

    /** An identity layer. */
    public Identity() {
        super(Tensor.empty(), Tensor.empty());
    }

    /** Returns {@code input} itself (and keeps it as {@code output}). */
    @Override
    public Data updateOutput(Data input) {
        output = input;
        return output;
    }

    /** Returns {@code gradOutput} itself (and keeps it as {@code gradInput}). */
    @Override
    public Data updateGradInput(Data input, Data gradOutput) {
        gradInput = gradOutput;
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.Identity}: no fields of its own. */
    static final T7Codec<Identity> T7 = LuaFields.stateless("nn.Identity", Identity.class, Identity::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Identity training() {
        super.training();
        return this;
    }

    @Override
    public Identity evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Identity reset() {
        super.reset();
        return this;
    }

    @Override
    public Identity reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
