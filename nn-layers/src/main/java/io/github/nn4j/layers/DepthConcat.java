package io.github.nn4j.layers;

import static io.github.nn4j.layers.ContainerSupport.childError;
import static io.github.nn4j.layers.ContainerSupport.data;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Table;

/**
 * The same input to every child, their outputs concatenated along one dimension, the smaller
 * ones zero-padded and centred in the others (Torch's {@code nn.DepthConcat},
 * {@code DepthConcat.lua}: the depth concatenation of GoogLeNet's inception blocks).
 *
 * <p>The output has, along {@code dim}, the sum of the children's sizes and, along every other
 * dimension {@code k}, the largest child size {@code Sₖ}. A child whose size {@code cₖ} is smaller
 * is placed at {@code ⌊(Sₖ − cₖ)/2⌋} (Torch's {@code windowNarrow}: 5 in 9 starts at 2, 4 in 9
 * at 2, leaving 2 before and 3 after); the rest is zero. Backward gives each child the window of
 * {@code g} where its output went and sums their gradInputs.
 *
 * <table class="striped">
 *   <caption>Shapes for {@code new DepthConcat(1)}, children giving {@code [B, aᵢ, hᵢ, wᵢ]}</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>any (every child takes it)</td><td>{@code [B, Σ aᵢ, max hᵢ, max wᵢ]}</td><td>like the input</td></tr>
 * </table>
 *
 * <p>{@code dim} is <b>0-based</b> (Lua's {@code nn.DepthConcat(2)} is {@code new DepthConcat(1)});
 * a negative {@code dim} counts from the end of the children's output dimensions (a Java
 * convenience). The children's outputs need the same number of dimensions. <b>Difference from
 * Torch:</b> {@link #backward} passes {@code scale} on to the children (Torch's
 * {@code DepthConcat:backward} drops it, so that its children accumulate with scale 1); the windows
 * of {@code g} are copies in buffers kept per child. {@code toString} prints as Torch's
 * {@code Concat}.
 */
public final class DepthConcat extends BranchConcat {

    static final T7Codec<DepthConcat> T7 = LuaFields.codec("nn.DepthConcat", DepthConcat.class, (o, in) -> {
        DepthConcat c = new DepthConcat(LuaFields.dimensionFromLua(o, "dimension", null, in));
        for (Module<?, ?> m : in.children(o)) {
            c.add(m);
        }
        return c;
    }, (m, f, out) -> {
        T7Table mods = new T7Table();
        for (Module<?, ?> child : m.children()) {
            mods.append(out.convert(child));
        }
        f.put("modules", mods);
        f.put("dimension", (double) LuaFields.dimensionToLua(m.dimension));
        f.put("outputSize", LuaFields.emptyLongStorage());
    });

    private int[] start = new int[0];
    private int[] counter = new int[0];

    /**
     * An empty container concatenating along {@code dim}; {@link #add} children.
     *
     * @param dim 0-based; negative counts from the end
     */
    public DepthConcat(int dim) {
        super(dim);
    }

    @Override
    public DepthConcat add(Module<?, ?> module) {
        super.add(module);
        return this;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (modules.isEmpty()) {
            throw new IllegalStateException(torchTypeName() + " has no children");
        }
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
                if (outSize.length != y.dim()) {
                    outSize = new int[y.dim()];
                    start = new int[y.dim()];
                    counter = new int[y.dim()];
                }
                for (int k = 0; k < outSize.length; k++) {
                    outSize[k] = y.size(k);
                }
            } else {
                if (y.dim() != outSize.length) {
                    throw new IllegalArgumentException(torchTypeName() + " along dimension " + dimension + ": child " + i
                            + " gives " + y.shapeString() + ", child 0 gives " + childOutput(0).shapeString()
                            + " (input " + input.shapeString() + ")");
                }
                for (int k = 0; k < outSize.length; k++) {
                    outSize[k] = k == d ? outSize[k] + y.size(k) : Math.max(outSize[k], y.size(k));
                }
            }
        }
        output.resize(outSize).zero();
        int offset = 0;
        for (int i = 0; i < modules.size(); i++) {
            Tensor y = childOutput(i);
            window(y, d, offset);
            copyWindow(y, output, true);
            offset += y.size(d);
        }
        return output;
    }

    /** The start of child output {@code y}'s window in the output, per dimension. */
    private void window(Tensor y, int d, int offset) {
        for (int k = 0; k < start.length; k++) {
            start[k] = k == d ? offset : (outSize[k] - y.size(k)) / 2;
        }
    }

    /**
     * Copies {@code small} into ({@code in}) or out of the window at {@link #start} of
     * {@code big}, a tensor of size {@link #outSize}: one {@code arraycopy} per run of the last
     * dimension.
     */
    private void copyWindow(Tensor small, Tensor big, boolean in) {
        int nd = start.length;
        int run = small.size(nd - 1);
        int rows = small.numel() / run;
        double[] s = small.data();
        double[] b = big.data();
        java.util.Arrays.fill(counter, 0);
        for (int r = 0; r < rows; r++) {
            int off = 0;
            for (int k = 0; k < nd; k++) {
                off = off * outSize[k] + start[k] + counter[k];
            }
            if (in) {
                System.arraycopy(s, r * run, b, off, run);
            } else {
                System.arraycopy(b, off, s, r * run, run);
            }
            for (int k = nd - 2; k >= 0; k--) {
                if (++counter[k] < small.size(k)) {
                    break;
                }
                counter[k] = 0;
            }
        }
    }

    /** Cuts gradOutput into the window of each child. */
    @Override
    void cut(Tensor gradOutput) {
        boolean same = gradOutput.dim() == output.dim();
        for (int k = 0; same && k < output.dim(); k++) {
            same = gradOutput.size(k) == output.size(k);
        }
        if (!same) {
            throw new IllegalArgumentException(torchTypeName() + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size " + output.shapeString());
        }
        int d = positiveDimension(childOutput(0));
        while (pieces.size() < modules.size()) {
            pieces.add(Tensor.empty());
        }
        int offset = 0;
        for (int i = 0; i < modules.size(); i++) {
            Tensor y = childOutput(i);
            Tensor piece = pieces.get(i).resizeAs(y);
            window(y, d, offset);
            copyWindow(piece, gradOutput, false);
            offset += y.size(d);
        }
    }

    @Override
    public DepthConcat clearState() {
        super.clearState();
        return this;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public DepthConcat training() {
        super.training();
        return this;
    }

    @Override
    public DepthConcat evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public DepthConcat reset() {
        super.reset();
        return this;
    }

    @Override
    public DepthConcat reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
