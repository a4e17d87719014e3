package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Inserts a dimension of size 1 at {@code pos} (Torch's {@code nn.Unsqueeze},
 * {@code Unsqueeze.lua}). Backward: gradOutput viewed with the input's size.
 *
 * <table class="striped">
 *   <caption>Shapes (for {@code Unsqueeze(pos)})</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>at least {@code pos} dimensions</td></tr>
 *   <tr><td>output, gradOutput</td><td>the input's size with a 1 inserted at {@code pos}
 *       (shifted past the batch dimensions, see below)</td></tr>
 * </table>
 *
 * <p>With {@code numInputDims > 0} (Lua's {@code nil} is 0: the input's own dimension count),
 * the first {@code input.dim() − numInputDims} dimensions are batch dimensions and
 * {@code pos} counts after them.
 *
 * <p><b>Differences from Torch:</b> {@code pos} is 0-based (Lua's {@code nn.Unsqueeze(2)} is
 * Java's {@code new Unsqueeze(1)}); {@code toString()} prints Torch's 1-based
 * {@code nn.Unsqueeze(dim 2)} for it, as Torch would for the same module. Output and
 * gradInput are views ({@link Tensor#setView}), as in Torch.
 */
public class Unsqueeze extends Module<Tensor, Tensor> {

    static final T7Codec<Unsqueeze> T7 = LuaFields.codec("nn.Unsqueeze", Unsqueeze.class,
            (o, in) -> new Unsqueeze(LuaFields.dimensionFromLua(o, "pos", null, in), o.getInt("numInputDims", 0)),
            (m, f, out) -> {
                f.put("pos", (double) (m.pos + 1));
                if (m.numInputDims > 0) {
                    f.put("numInputDims", (double) m.numInputDims);
                }
            });

    private final int pos;
    private final int numInputDims;

    /**
     * {@code nn.Unsqueeze(pos + 1)}.
     *
     * @param pos the 0-based position of the new dimension, {@code ≥ 0}
     */
    public Unsqueeze(int pos) {
        this(pos, 0);
    }

    /**
     * {@code nn.Unsqueeze(pos + 1, numInputDims)}.
     *
     * @param pos the 0-based position of the new dimension, {@code ≥ 0}
     * @param numInputDims the dimensions of one sample, 0 for none (Lua's nil)
     */
    public Unsqueeze(int pos, int numInputDims) {
        super(Tensor.empty(), Tensor.empty());
        if (pos < 0) {
            throw new IllegalArgumentException("nn.Unsqueeze: pos must be >= 0 (0-based), got " + pos);
        }
        if (numInputDims < 0) {
            throw new IllegalArgumentException("nn.Unsqueeze: numInputDims must be >= 0, got " + numInputDims);
        }
        this.pos = pos;
        this.numInputDims = numInputDims;
    }

    /**
     * The position, 0-based.
     *
     * @return pos
     */
    public int pos() {
        return pos;
    }

    /**
     * The dimensions of one sample (0 for none).
     *
     * @return numInputDims
     */
    public int numInputDims() {
        return numInputDims;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int n = numInputDims > 0 ? numInputDims : input.dim();
        int offset = input.dim() - n;
        if (offset < 0 || offset + pos > input.dim()) {
            throw shapeError("at least " + Math.max(numInputDims, pos) + " dimensions", input);
        }
        return output.setView(input, ShapeOps.inserted(input.sizes(), offset + pos, 1));
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        return gradInput.setView(gradOutput, input.sizes());
    }

    /** {@code nn.Unsqueeze(dim 2)} for Java's pos 1 (Torch prints its 1-based pos). */
    @Override
    public String toString() {
        return "nn.Unsqueeze(dim " + (pos + 1) + ")";
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Unsqueeze training() {
        super.training();
        return this;
    }

    @Override
    public Unsqueeze evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Unsqueeze reset() {
        super.reset();
        return this;
    }

    @Override
    public Unsqueeze reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
