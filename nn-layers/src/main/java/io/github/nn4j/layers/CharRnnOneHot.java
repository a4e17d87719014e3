package io.github.nn4j.layers;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * karpathy/char-rnn's own one-hot encoder, the un-namespaced Lua class {@code OneHot}
 * ({@code util/OneHot.lua}, {@code torch.class('OneHot', 'nn.Module')}; the first module of its
 * LSTM, GRU and RNN gModules): the output of {@link OneHot}, but gradInput is an <em>empty</em>
 * tensor, as the Lua class has no {@code updateGradInput} and returns {@code nn.Module}'s empty
 * {@code gradInput} (so the gModule's gradient of the character input is empty too).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input</td><td>{@code [N]} character indices (any shape is accepted, as {@link OneHot})</td></tr>
 *   <tr><td>output</td><td>{@code [N, outputSize]}</td></tr>
 *   <tr><td>gradInput</td><td>{@code []} (empty)</td></tr>
 * </table>
 *
 * <p>Prints {@code OneHot}, as Torch. The {@code .t7} fields are {@code outputSize} and
 * {@code _eye}, the {@code outputSize × outputSize} identity the Lua code indexes (ignored when
 * read, written as Lua's constructor makes it), so the file saves back as char-rnn's class.
 */
public class CharRnnOneHot extends OneHot {

    /** char-rnn's {@code OneHot}: {@code outputSize}, {@code _eye}. */
    static final T7Codec<CharRnnOneHot> T7 = LuaFields.codec("OneHot", CharRnnOneHot.class,
            (o, in) -> new CharRnnOneHot(o.getInt("outputSize")), (m, f, out) -> {
                f.put("outputSize", (double) m.outputSize());
                Tensor eye = Tensor.zeros(m.outputSize(), m.outputSize());
                for (int i = 0; i < m.outputSize(); i++) {
                    eye.put(1, i, i);
                }
                f.put("_eye", out.tensor(eye));
            });

    /**
     * An encoder of {@code outputSize} characters.
     *
     * @param outputSize the vocabulary size, positive
     */
    public CharRnnOneHot(int outputSize) {
        super(outputSize);
    }

    /** The empty gradInput of the Lua class (after checking gradOutput against the output). */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        checkGradOutput(input, gradOutput);
        return gradInput;
    }

    @Override
    public String torchTypeName() {
        return "OneHot";
    }

    @Override
    public String toString() {
        return "OneHot";
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public CharRnnOneHot training() {
        super.training();
        return this;
    }

    @Override
    public CharRnnOneHot evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public CharRnnOneHot reset() {
        super.reset();
        return this;
    }

    @Override
    public CharRnnOneHot reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
