package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * One slice along a dimension, which the output no longer has (Torch's {@code nn.Select},
 * {@code Select.lua}): {@code y = x.select(d, i)}. Backward: zeros with gradOutput at slice
 * {@code i}.
 *
 * <table class="striped">
 *   <caption>Shapes (for {@code Select(d, i)})</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>at least 2 dimensions, {@code d} among them,
 *       {@code i < size(d)}</td></tr>
 *   <tr><td>output, gradOutput</td><td>the input's size without dimension {@code d}</td></tr>
 * </table>
 *
 * <p>A negative dimension or index counts from the end ({@code −1} = last), as in Torch.
 *
 * <p><b>Differences from Torch:</b> dimension and index are 0-based (Lua's
 * {@code nn.Select(2, 3)} is Java's {@code new Select(1, 2)}; negative values are the same in
 * both). Torch's select is a view that its {@code copy} makes contiguous; nn4j copies into the
 * reused output directly.
 */
public class Select extends Module<Tensor, Tensor> {

    static final T7Codec<Select> T7 = LuaFields.codec("nn.Select", Select.class,
            (o, in) -> new Select(LuaFields.dimensionFromLua(o, "dimension", null, in),
                    LuaFields.dimensionFromLua(o, "index", null, in)),
            (m, f, out) -> {
                f.put("dimension", (double) LuaFields.dimensionToLua(m.dimension));
                f.put("index", (double) LuaFields.dimensionToLua(m.index));
            });

    private final int dimension;
    private final int index;

    /**
     * {@code nn.Select(d + 1, i + 1)} (negative values as they are).
     *
     * @param dimension the 0-based dimension, or negative from the end
     * @param index the 0-based index, or negative from the end
     */
    public Select(int dimension, int index) {
        super(Tensor.empty(), Tensor.empty());
        this.dimension = dimension;
        this.index = index;
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
     * The index, 0-based or negative.
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    private int dim(Tensor input) {
        int d = dimension < 0 ? input.dim() + dimension : dimension;
        if (input.dim() < 2 || d < 0 || d >= input.dim()) {
            throw shapeError("at least " + Math.max(2, dimension < 0 ? -dimension : dimension + 1) + " dimensions", input);
        }
        int i = index < 0 ? input.size(d) + index : index;
        if (i < 0 || i >= input.size(d)) {
            throw shapeError("a size of at least " + (index < 0 ? -index : index + 1) + " in dimension " + d, input);
        }
        return d;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int d = dim(input);
        int[] s = input.sizes();
        int i = index < 0 ? s[d] + index : index;
        ShapeOps.resize(output, ShapeOps.without(s, d));
        ShapeOps.copySlab(input.data(), s[d], i, output.data(), 1, 0, ShapeOps.prod(s, 0, d), 1,
                ShapeOps.prod(s, d + 1, s.length));
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int d = dim(input);
        int[] s = input.sizes();
        int i = index < 0 ? s[d] + index : index;
        if (!gradOutput.hasSize(ShapeOps.without(s, d))) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size " + ShapeOps.str(ShapeOps.without(s, d)));
        }
        gradInput.resizeAs(input).zero();
        ShapeOps.copySlab(gradOutput.data(), 1, 0, gradInput.data(), s[d], i, ShapeOps.prod(s, 0, d), 1,
                ShapeOps.prod(s, d + 1, s.length));
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Select training() {
        super.training();
        return this;
    }

    @Override
    public Select evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Select reset() {
        super.reset();
        return this;
    }

    @Override
    public Select reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
