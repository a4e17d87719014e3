package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Removes dimensions of size 1 (Torch's {@code nn.Squeeze}, {@code Squeeze.lua}): all of them,
 * or only {@code dim} (when its size is 1 and the input has more than one dimension). Backward:
 * gradOutput viewed with the input's size.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>any</td></tr>
 *   <tr><td>output, gradOutput</td><td>the input's size without its size-1 dimensions (all of
 *       them: {@code [1]} when every size is 1, as Torch keeps one dimension)</td></tr>
 * </table>
 *
 * <p>With {@code numInputDims > 0} (Lua's {@code nil} is 0), an input of
 * {@code numInputDims + 1} dimensions is a batch: {@code dim} moves one to the right, and when
 * squeezing all dimensions a batch of size 1 keeps its first dimension.
 *
 * <p><b>Differences from Torch:</b> {@code dim} is 0-based (Lua's {@code nn.Squeeze(2)} is
 * Java's {@code new Squeeze(1)}). Output and gradInput are views ({@link Tensor#setView}) of
 * the input and gradOutput, as in Torch; nothing is copied.
 */
public class Squeeze extends Module<Tensor, Tensor> {

    /** The {@code dim} that means every size-1 dimension (Lua's {@code nil}). */
    public static final int ALL = -1;

    static final T7Codec<Squeeze> T7 = LuaFields.codec("nn.Squeeze", Squeeze.class, (o, in) -> {
        int n = o.getInt("numInputDims", 0);
        return o.get("dim") == null ? new Squeeze(ALL, n) : new Squeeze(LuaFields.dimensionFromLua(o, "dim", null, in), n);
    }, (m, f, out) -> {
            if (m.dim != ALL) {
                f.put("dim", (double) (m.dim + 1));
            }
            if (m.numInputDims > 0) {
                f.put("numInputDims", (double) m.numInputDims);
            }
        });

    private final int dim;
    private final int numInputDims;

    /** {@code nn.Squeeze()}: every size-1 dimension. */
    public Squeeze() {
        this(ALL, 0);
    }

    /**
     * {@code nn.Squeeze(dim + 1)}.
     *
     * @param dim the 0-based dimension to remove when its size is 1, or {@link #ALL}
     */
    public Squeeze(int dim) {
        this(dim, 0);
    }

    /**
     * {@code nn.Squeeze(dim + 1, numInputDims)}.
     *
     * @param dim the 0-based dimension to remove when its size is 1, or {@link #ALL}
     * @param numInputDims the dimensions of one sample, 0 for none (Lua's nil)
     */
    public Squeeze(int dim, int numInputDims) {
        super(Tensor.empty(), Tensor.empty());
        if (dim < ALL) {
            throw new IllegalArgumentException("nn.Squeeze: dim must be >= 0 (0-based) or Squeeze.ALL, got " + dim);
        }
        if (numInputDims < 0) {
            throw new IllegalArgumentException("nn.Squeeze: numInputDims must be >= 0, got " + numInputDims);
        }
        this.dim = dim;
        this.numInputDims = numInputDims;
    }

    /**
     * The dimension, 0-based, or {@link #ALL}.
     *
     * @return dim
     */
    public int dim() {
        return dim;
    }

    /**
     * The dimensions of one sample (0 for none).
     *
     * @return numInputDims
     */
    public int numInputDims() {
        return numInputDims;
    }

    private int[] outputSize(Tensor input) {
        int[] s = input.sizes();
        int d = dim;
        boolean addOne = false;
        if (numInputDims > 0 && input.dim() == numInputDims + 1) {
            if (d != ALL) {
                d++;
            } else if (s[0] == 1) {
                addOne = true;
            }
        }
        if (d != ALL) {
            if (d >= s.length) {
                throw shapeError("at least " + (d + 1) + " dimensions", input);
            }
            return s[d] == 1 && s.length > 1 ? ShapeOps.without(s, d) : s;
        }
        int kept = 0;
        for (int v : s) {
            kept += v != 1 ? 1 : 0;
        }
        int[] out = new int[Math.max(kept, 1)];
        out[0] = 1;
        for (int i = 0, j = 0; i < s.length; i++) {
            if (s[i] != 1) {
                out[j++] = s[i];
            }
        }
        return addOne ? ShapeOps.inserted(out, 0, 1) : out;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        return output.setView(input, outputSize(input));
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        return gradInput.setView(gradOutput, input.sizes());
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Squeeze training() {
        super.training();
        return this;
    }

    @Override
    public Squeeze evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Squeeze reset() {
        super.reset();
        return this;
    }

    @Override
    public Squeeze reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
