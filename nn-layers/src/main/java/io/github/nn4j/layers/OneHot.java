package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.LuaIndexed;
import io.github.nn4j.torch7.T7Codec;

/**
 * One-hot encoding of class indices: {@code y[..., k] = 1} where {@code k = x[...]}, 0 elsewhere
 * ({@code nn.OneHot} of Element-Research/dpnn, {@code OneHot.lua}, also shipped by its successor
 * rnn package; "adapted from karpathy/char-rnn"). The input holds indices of any shape, the
 * output has one more dimension of size {@code outputSize}; gradInput is zero (indices get no
 * gradient, as in Lua).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>{@code [d0, ..., dk]} (e.g. {@code [N]} or {@code [N, T]})</td></tr>
 *   <tr><td>output, gradOutput</td><td>{@code [d0, ..., dk, outputSize]}</td></tr>
 * </table>
 *
 * <p>Indices are <b>0-based</b>: Lua's index {@code k} is Java's {@code k − 1}
 * ({@link #fromLua} shifts a Lua input); they must be integers in {@code [0, outputSize)}.
 * karpathy/char-rnn's own un-namespaced class {@code OneHot} is {@link CharRnnOneHot}. Prints
 * {@code nn.OneHot}.
 */
public class OneHot extends Module<Tensor, Tensor> implements LuaIndexed {

    /** dpnn's {@code nn.OneHot}: field {@code outputSize}. */
    static final T7Codec<OneHot> T7 = LuaFields.codec("nn.OneHot", OneHot.class,
            (o, in) -> new OneHot(o.getInt("outputSize")), (m, f, out) -> f.put("outputSize", (double) m.outputSize));

    private final int outputSize;
    private int[] outSize = new int[0];

    /**
     * A one-hot encoder of {@code outputSize} classes.
     *
     * @param outputSize the number of classes, positive
     */
    public OneHot(int outputSize) {
        super(Tensor.empty(), Tensor.empty());
        if (outputSize <= 0) {
            throw new IllegalArgumentException("nn.OneHot: outputSize must be positive, got " + outputSize);
        }
        this.outputSize = outputSize;
    }

    /**
     * The number of classes.
     *
     * @return {@code outputSize}
     */
    public int outputSize() {
        return outputSize;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (input.dim() == 0) {
            throw shapeError("a tensor of indices of at least one dimension", input);
        }
        int d = input.dim();
        if (outSize.length != d + 1) {
            outSize = new int[d + 1];
        }
        for (int k = 0; k < d; k++) {
            outSize[k] = input.size(k);
        }
        outSize[d] = outputSize;
        if (!output.hasSize(outSize)) {
            output.resize(outSize);
        }
        output.zero();
        double[] x = input.data();
        double[] y = output.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            double v = x[i];
            if (!(v >= 0 && v < outputSize) || v != Math.rint(v)) {
                throw new IllegalArgumentException(this + ": index " + v + " at position " + i + " of input "
                        + input.shapeString() + " is not an integer in [0, " + outputSize + ")");
            }
            y[i * outputSize + (int) v] = 1;
        }
        return output;
    }

    /** A zero tensor of the input's size. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        checkGradOutput(input, gradOutput);
        Spatial.resizeAs(gradInput, input).zero();
        return gradInput;
    }

    /** Refuses a gradOutput that is not of the last output's size (or an input of another size). */
    void checkGradOutput(Tensor input, Tensor gradOutput) {
        if (!gradOutput.sameSizeAs(output) || output.numel() != input.numel() * outputSize) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size " + output.shapeString() + " for input "
                    + input.shapeString());
        }
    }

    /** Shifts Lua's 1-based indices to 0-based ones (in place). */
    @Override
    public Data fromLua(Data lua) {
        if (!(lua instanceof Tensor t)) {
            throw new IllegalArgumentException(this + ": expected a tensor of indices, got " + lua.shapeString());
        }
        return LuaIndex.shift(t);
    }

    @Override
    public String toString() {
        return "nn.OneHot";
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public OneHot training() {
        super.training();
        return this;
    }

    @Override
    public OneHot evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public OneHot reset() {
        super.reset();
        return this;
    }

    @Override
    public OneHot reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
