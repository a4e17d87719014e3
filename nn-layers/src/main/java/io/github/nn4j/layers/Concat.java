package io.github.nn4j.layers;

import static io.github.nn4j.layers.ContainerSupport.childError;
import static io.github.nn4j.layers.ContainerSupport.data;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The same input to every child, their outputs concatenated along one dimension (Torch's
 * {@code nn.Concat}, {@code Concat.lua}).
 *
 * <p>{@code y = [f₀(x) | f₁(x) | …]} along {@code dim}; backward cuts {@code g} along {@code dim}
 * into the pieces {@code gᵢ} that match each child's output and sums
 * {@code gi = Σᵢ ∂fᵢ/∂x · gᵢ}.
 *
 * <table class="striped">
 *   <caption>Shapes for {@code new Concat(1)} and children mapping {@code [B, n]} to {@code [B, aᵢ]}</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code [B, n]}</td><td>{@code [B, a₀ + a₁ + …]}</td><td>{@code [B, n]}</td></tr>
 * </table>
 *
 * <p>{@code dim} is <b>0-based</b> (Lua's {@code nn.Concat(2)} is {@code new Concat(1)}); a
 * negative {@code dim} counts from the end of the children's output dimensions (a Java
 * convenience; Torch has none). The children's outputs must agree on every other dimension.
 * The pieces of {@code g} are copied into per-child buffers kept between calls (Java tensors are
 * contiguous, so Torch's {@code narrow} views become copies). {@code toString} prints as Torch,
 * without the dimension.
 */
public final class Concat extends BranchConcat {


    /**
     * An empty container concatenating along {@code dim}; {@link #add} children.
     *
     * @param dim 0-based; negative counts from the end
     */
    public Concat(int dim) {
        super(dim);
    }

    @Override
    public Concat add(Module<?, ?> module) {
        super.add(module);
        return this;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (modules.isEmpty()) {
            throw new IllegalStateException(torchTypeName() + " has no children");
        }
        int total = 0;
        int d = 0;
        for (int i = 0; i < modules.size(); i++) {
            Tensor y;
            try {
                y = (Tensor) data(modules.get(i)).updateOutput(input);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, input, e);
            }
            if (i == 0) {
                d = positiveDimension(y);
                if (d < 0 || d >= y.dim()) {
                    throw new IllegalArgumentException(torchTypeName() + " along dimension " + dimension
                            + ": child 0 gives an output of size " + y.shapeString() + " for input " + input.shapeString());
                }
            } else if (!Slabs.matchesExcept(y, childOutput(0), d)) {
                throw new IllegalArgumentException(torchTypeName() + " along dimension " + dimension + ": child " + i
                        + " gives " + y.shapeString() + ", child 0 gives " + childOutput(0).shapeString()
                        + " (input " + input.shapeString() + ")");
            }
            total += y.size(d);
        }
        Tensor y0 = childOutput(0);
        if (outSize.length != y0.dim()) {
            outSize = new int[y0.dim()];
        }
        for (int k = 0; k < outSize.length; k++) {
            outSize[k] = k == d ? total : y0.size(k);
        }
        output.resize(outSize);
        int outer = Slabs.outer(y0, d);
        int outRow = Slabs.rowLength(output, d);
        int offset = 0;
        for (int i = 0; i < modules.size(); i++) {
            Tensor y = childOutput(i);
            int row = Slabs.rowLength(y, d);
            Slabs.put(y, output, outer, row, outRow, offset);
            offset += row;
        }
        return output;
    }

    /** Cuts gradOutput into one piece per child, shaped like that child's output. */
    @Override
    void cut(Tensor gradOutput) {
        if (gradOutput.numel() != output.numel()) {
            throw new IllegalArgumentException(torchTypeName() + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size " + output.shapeString());
        }
        Tensor y0 = childOutput(0);
        int d = positiveDimension(y0);
        int outer = Slabs.outer(y0, d);
        int outRow = Slabs.rowLength(output, d);
        int offset = 0;
        while (pieces.size() < modules.size()) {
            pieces.add(Tensor.empty());
        }
        for (int i = 0; i < modules.size(); i++) {
            Tensor y = childOutput(i);
            Tensor piece = pieces.get(i).resizeAs(y);
            int row = Slabs.rowLength(y, d);
            Slabs.take(gradOutput, piece, outer, outRow, row, offset);
            offset += row;
        }
    }

    @Override
    public Concat clearState() {
        super.clearState();
        return this;
    }

    /** The {@code .t7} form of {@code nn.Concat}: {@code modules}, {@code dimension} (1-based), {@code outputSize}. */
    static final T7Codec<Concat> T7 = LuaFields.codec("nn.Concat", Concat.class, (o, in) -> {
        Concat s = new Concat(LuaFields.dimensionFromLua(o, "dimension", null, in));
        for (Module<?, ?> m : in.children(o)) {
            s.add(m);
        }
        return s;
    }, (m, f, out) -> {
        LuaFields.writeChildren(m, f, out);
        f.put("dimension", (double) LuaFields.dimensionToLua(m.dimension()));
        f.put("outputSize", LuaFields.emptyLongStorage());
    });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Concat training() {
        super.training();
        return this;
    }

    @Override
    public Concat evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Concat reset() {
        super.reset();
        return this;
    }

    @Override
    public Concat reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
