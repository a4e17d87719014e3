package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Inserts {@code |pad|} entries of {@code value} along one dimension (Torch's
 * {@code nn.Padding}, {@code Padding.lua}). With {@code pad > 0} the padding goes after the
 * input, {@code index} counting from the right (0: at the very end); with {@code pad < 0} it
 * goes before, {@code index} counting from the left (0: at the very start). Backward: the
 * slices of gradOutput where the input went.
 *
 * <table class="striped">
 *   <caption>Shapes (for {@code Padding(d, pad)})</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>any, with at least {@code d + 1} dimensions</td></tr>
 *   <tr><td>output, gradOutput</td><td>the input's size with {@code size(d) + |pad|} at {@code d}</td></tr>
 * </table>
 *
 * <p>With {@code nInputDim > 0} (Lua's {@code nil} is 0), an input of another dimension count
 * is a batch and {@code d} moves one to the right.
 *
 * <p><b>Differences from Torch:</b> {@code dim} and {@code index} are 0-based (Lua's
 * {@code nn.Padding(d, pad, nInputDim, value, i)} is Java's
 * {@code new Padding(d − 1, pad, nInputDim, value, i − 1)}, Lua's default index 1 is Java's 0).
 */
public class Padding extends Module<Tensor, Tensor> {

    static final T7Codec<Padding> T7 = LuaFields.codec("nn.Padding", Padding.class,
            (o, in) -> new Padding(LuaFields.dimensionFromLua(o, "dim", null, in), o.getInt("pad"),
                    o.getInt("nInputDim", 0), o.getNumber("value", 0), LuaFields.dimensionFromLua(o, "index", 1, in)),
            (m, f, out) -> {
                f.put("dim", (double) (m.dim + 1));
                f.put("pad", (double) m.pad);
                if (m.nInputDim > 0) {
                    f.put("nInputDim", (double) m.nInputDim);
                }
                f.put("value", m.value);
                f.put("index", (double) (m.index + 1));
                f.put("outputSize", LuaFields.emptyLongStorage());
            });

    private final int dim;
    private final int pad;
    private final int nInputDim;
    private final double value;
    private final int index;

    /**
     * {@code nn.Padding(dim + 1, pad)}: zeros after ({@code pad > 0}) or before the input.
     *
     * @param dim the 0-based dimension
     * @param pad the number of entries, negative to pad before
     */
    public Padding(int dim, int pad) {
        this(dim, pad, 0, 0, 0);
    }

    /**
     * {@code nn.Padding(dim + 1, pad, nInputDim, value, index + 1)}.
     *
     * @param dim the 0-based dimension, {@code ≥ 0}
     * @param pad the number of entries, negative to pad before
     * @param nInputDim the dimensions of one sample, 0 for none (Lua's nil)
     * @param value the padding value
     * @param index where the padding goes, 0-based, from the right for {@code pad > 0} and from
     *              the left for {@code pad < 0}
     */
    public Padding(int dim, int pad, int nInputDim, double value, int index) {
        super(Tensor.empty(), Tensor.empty());
        if (dim < 0 || nInputDim < 0 || index < 0) {
            throw new IllegalArgumentException("nn.Padding: dim, nInputDim and index must be >= 0 (0-based), got "
                    + dim + ", " + nInputDim + ", " + index);
        }
        this.dim = dim;
        this.pad = pad;
        this.nInputDim = nInputDim;
        this.value = value;
        this.index = index;
    }

    /**
     * The dimension, 0-based.
     *
     * @return dim
     */
    public int dim() {
        return dim;
    }

    /**
     * The padding count, negative before the input.
     *
     * @return pad
     */
    public int pad() {
        return pad;
    }

    /**
     * The padding value.
     *
     * @return value
     */
    public double value() {
        return value;
    }

    private int dim(Tensor input) {
        int d = nInputDim > 0 && input.dim() != nInputDim ? dim + 1 : dim;
        if (d >= input.dim()) {
            throw shapeError("at least " + (d + 1) + " dimensions", input);
        }
        return d;
    }

    /** How many input entries precede the padding. */
    private int split(Tensor input, int size) {
        int s = pad > 0 ? size - index : index;
        if (s < 0 || s > size) {
            throw shapeError("a size of at least " + index + " in the padded dimension", input);
        }
        return s;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int d = dim(input);
        int[] sz = input.sizes();
        int n = sz[d];
        int s = split(input, n);
        int p = Math.abs(pad);
        ShapeOps.resize(output, ShapeOps.replaced(sz, d, n + p)).fill(value);
        int outer = ShapeOps.prod(sz, 0, d);
        int inner = ShapeOps.prod(sz, d + 1, sz.length);
        ShapeOps.copySlab(input.data(), n, 0, output.data(), n + p, 0, outer, s, inner);
        ShapeOps.copySlab(input.data(), n, s, output.data(), n + p, s + p, outer, n - s, inner);
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int d = dim(input);
        int[] sz = input.sizes();
        int n = sz[d];
        int s = split(input, n);
        int p = Math.abs(pad);
        if (!gradOutput.hasSize(ShapeOps.replaced(sz, d, n + p))) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size " + ShapeOps.str(ShapeOps.replaced(sz, d, n + p)));
        }
        gradInput.resizeAs(input);
        int outer = ShapeOps.prod(sz, 0, d);
        int inner = ShapeOps.prod(sz, d + 1, sz.length);
        ShapeOps.copySlab(gradOutput.data(), n + p, 0, gradInput.data(), n, 0, outer, s, inner);
        ShapeOps.copySlab(gradOutput.data(), n + p, s + p, gradInput.data(), n, s, outer, n - s, inner);
        return gradInput;
    }

    /**
     * The dimensions of one sample (0 for none): an input of more dimensions pads {@link #dim()} + 1.
     *
     * @return nInputDim
     */
    public int nInputDim() {
        return nInputDim;
    }

    /**
     * Where the padding goes, 0-based: counted from the end for a positive pad, from the start for a negative one.
     *
     * @return index
     */
    public int index() {
        return index;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Padding training() {
        super.training();
        return this;
    }

    @Override
    public Padding evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Padding reset() {
        super.reset();
        return this;
    }

    @Override
    public Padding reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
