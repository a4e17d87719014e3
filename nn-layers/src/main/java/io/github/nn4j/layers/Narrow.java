package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * A slice of {@code length} elements from {@code offset} along one dimension (Torch's
 * {@code nn.Narrow}, {@code Narrow.lua}). Backward: zeros with gradOutput in the slice.
 *
 * <table class="striped">
 *   <caption>Shapes (for {@code Narrow(d, offset, length)})</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>any, with at least {@code d + 1} dimensions and
 *       {@code offset + length ≤ size(d)}</td></tr>
 *   <tr><td>output, gradOutput</td><td>the input's size with {@code length} at {@code d}</td></tr>
 * </table>
 *
 * <p>A negative {@code length} counts from the end, as in Torch: {@code −1} runs to the last
 * element, {@code −2} to the one before, i.e. {@code length = size(d) − offset + length + 1}. A
 * negative {@code dimension} counts from the end ({@code −1} = last).
 *
 * <p><b>Differences from Torch:</b> {@code dimension} and {@code offset} are 0-based (Lua's
 * {@code nn.Narrow(d, i, l)} is Java's {@code new Narrow(d − 1, i − 1, l)}). Torch's narrow is a
 * view that its {@code copy} makes contiguous; nn4j copies into the reused output directly.
 */
public class Narrow extends Module<Tensor, Tensor> {

    static final T7Codec<Narrow> T7 = LuaFields.codec("nn.Narrow", Narrow.class,
            (o, in) -> new Narrow(LuaFields.dimensionFromLua(o, "dimension", null, in),
                    LuaFields.dimensionFromLua(o, "index", null, in), o.getInt("length", 1)),
            (m, f, out) -> {
                f.put("dimension", (double) LuaFields.dimensionToLua(m.dimension));
                f.put("index", (double) (m.offset + 1));
                f.put("length", (double) m.length);
            });

    private final int dimension;
    private final int offset;
    private final int length;

    /**
     * {@code nn.Narrow(d + 1, offset + 1, length)}.
     *
     * @param dimension the 0-based dimension, or negative from the end
     * @param offset the 0-based first element of the slice, {@code ≥ 0}
     * @param length the number of elements, or negative to count from the end; not 0
     */
    public Narrow(int dimension, int offset, int length) {
        super(Tensor.empty(), Tensor.empty());
        if (offset < 0) {
            throw new IllegalArgumentException("nn.Narrow: offset must be >= 0 (0-based), got " + offset);
        }
        if (length == 0) {
            throw new IllegalArgumentException("nn.Narrow: length must not be 0");
        }
        this.dimension = dimension;
        this.offset = offset;
        this.length = length;
    }

    /**
     * {@code nn.Narrow(d + 1, offset + 1)}: one element.
     *
     * @param dimension the 0-based dimension, or negative from the end
     * @param offset the 0-based element
     */
    public Narrow(int dimension, int offset) {
        this(dimension, offset, 1);
    }

    /**
     * The dimension, 0-based or negative.
     *
     * @return the dimension
     */
    public int dimension() {
        return dimension;
    }

    /**
     * The first element, 0-based.
     *
     * @return the offset
     */
    public int offset() {
        return offset;
    }

    /**
     * The length as given (negative counts from the end).
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    private int dim(Tensor input) {
        int d = dimension < 0 ? input.dim() + dimension : dimension;
        if (d < 0 || d >= input.dim()) {
            throw shapeError("at least " + (dimension < 0 ? -dimension : dimension + 1) + " dimensions", input);
        }
        int len = len(input.size(d));
        if (len <= 0 || offset + len > input.size(d)) {
            throw shapeError("a size of at least " + (offset + Math.max(len, 1)) + " in dimension " + d, input);
        }
        return d;
    }

    private int len(int size) {
        return length < 0 ? size - offset + length + 1 : length;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int d = dim(input);
        int[] s = input.sizes();
        int len = len(s[d]);
        ShapeOps.resize(output, ShapeOps.replaced(s, d, len));
        ShapeOps.copySlab(input.data(), s[d], offset, output.data(), len, 0, ShapeOps.prod(s, 0, d), len,
                ShapeOps.prod(s, d + 1, s.length));
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int d = dim(input);
        int[] s = input.sizes();
        int len = len(s[d]);
        if (!gradOutput.hasSize(ShapeOps.replaced(s, d, len))) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size " + ShapeOps.str(ShapeOps.replaced(s, d, len)));
        }
        gradInput.resizeAs(input).zero();
        ShapeOps.copySlab(gradOutput.data(), len, 0, gradInput.data(), s[d], offset, ShapeOps.prod(s, 0, d), len,
                ShapeOps.prod(s, d + 1, s.length));
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Narrow training() {
        super.training();
        return this;
    }

    @Override
    public Narrow evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Narrow reset() {
        super.reset();
        return this;
    }

    @Override
    public Narrow reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
