package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.LuaIndexed;
import io.github.nn4j.torch7.T7Codec;

/**
 * Gathers slices along a dimension by index: input {@code {t, index}}, output
 * {@code t.index(d, index)}, the slices {@code t[…, index[k], …]} along {@code d} in the order
 * of {@code index} (Torch's {@code nn.Index}, {@code Index.lua}). Backward:
 * {@code gradInput[0]} is zero with each gradOutput slice added at its index (repeated indices
 * accumulate); {@code gradInput[1]} is a zero tensor of the index's size (no gradient for
 * indices), as Torch.
 *
 * <table class="striped">
 *   <caption>Shapes (for {@code Index(d)})</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input {@code {t, index}}, gradInput</td><td>{@code t} any with at least
 *       {@code d + 1} dimensions; {@code index} 1-D {@code [K]} of integers in
 *       {@code [0, t.size(d))}</td></tr>
 *   <tr><td>output, gradOutput</td><td>{@code t}'s size with {@code K} at {@code d}</td></tr>
 * </table>
 *
 * <p><b>Java API:</b> a {@code Module<Table, Tensor>}; {@link #forward(Tensor, Tensor)} and
 * {@link #backward(Tensor, Tensor, Tensor)} take the two tensors directly (Lua's
 * {@code m:forward({t, index})}).
 *
 * <p><b>Differences from Torch:</b> the dimension and the indices are 0-based: Lua's
 * {@code nn.Index(d)} is Java's {@code new Index(d − 1)} and a Lua index {@code k} is Java's
 * {@code k − 1} ({@link #fromLua} shifts a Lua input). Torch needs a {@code LongTensor} index;
 * nn4j's index is a double tensor of integers, and {@code gradInput[1]} is a double zero tensor
 * where Torch's is a {@code LongTensor}.
 */
public class Index extends Module<Table, Tensor> implements LuaIndexed {

    static final T7Codec<Index> T7 = LuaFields.codec("nn.Index", Index.class,
            (o, in) -> new Index(LuaFields.dimensionFromLua(o, "dimension", null, in)),
            (m, f, out) -> f.put("dimension", (double) (m.dimension + 1)));

    private final int dimension;
    private final Table pair = new Table();

    /**
     * {@code nn.Index(d + 1)}.
     *
     * @param dimension the 0-based dimension, {@code ≥ 0}
     */
    public Index(int dimension) {
        super(Tensor.empty(), Table.of(Tensor.empty(), Tensor.empty()));
        if (dimension < 0) {
            throw new IllegalArgumentException("nn.Index: dimension must be >= 0 (0-based), got " + dimension);
        }
        this.dimension = dimension;
    }

    /**
     * The dimension, 0-based.
     *
     * @return the dimension
     */
    public int dimension() {
        return dimension;
    }

    /**
     * {@code forward({t, index})}.
     *
     * @param t the tensor to gather from
     * @param index the 0-based indices, 1-D
     * @return the output, owned by the module
     */
    public Tensor forward(Tensor t, Tensor index) {
        return forward(pair(t, index));
    }

    /**
     * {@code backward({t, index}, gradOutput)}.
     *
     * @param t the tensor of the last forward
     * @param index the indices of the last forward
     * @param gradOutput dL/doutput
     * @return the gradient with respect to {@code t} ({@code gradInput[0]}, owned by the module)
     */
    public Tensor backward(Tensor t, Tensor index, Tensor gradOutput) {
        return backward(pair(t, index), gradOutput).tensor(0);
    }

    private Table pair(Tensor t, Tensor index) {
        if (pair.size() == 0) {
            pair.add(t).add(index);
        } else {
            pair.set(0, t).set(1, index);
        }
        return pair;
    }

    private void check(Table input) {
        if (input.size() != 2 || !(input.get(0) instanceof Tensor t) || !(input.get(1) instanceof Tensor index)
                || index.dim() != 1 || t.dim() <= dimension) {
            throw shapeError("{tensor with at least " + (dimension + 1) + " dimensions, 1-D index}", input);
        }
        int size = t.size(dimension);
        double[] x = index.data();
        for (int i = 0, n = index.numel(); i < n; i++) {
            if (!(x[i] >= 0 && x[i] < size) || x[i] != Math.rint(x[i])) {
                throw new IllegalArgumentException(this + ": index " + x[i] + " at position " + i
                        + " is not an integer in [0, " + size + ") for input " + input.shapeString());
            }
        }
    }

    @Override
    public Tensor updateOutput(Table input) {
        check(input);
        Tensor t = input.tensor(0);
        Tensor index = input.tensor(1);
        int[] s = t.sizes();
        int k = index.numel();
        ShapeOps.resize(output, ShapeOps.replaced(s, dimension, k));
        int outer = ShapeOps.prod(s, 0, dimension);
        int inner = ShapeOps.prod(s, dimension + 1, s.length);
        double[] x = t.data();
        double[] y = output.data();
        double[] idx = index.data();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                System.arraycopy(x, (o * s[dimension] + (int) idx[j]) * inner, y, (o * k + j) * inner, inner);
            }
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        check(input);
        Tensor t = input.tensor(0);
        Tensor index = input.tensor(1);
        int[] s = t.sizes();
        int k = index.numel();
        if (!gradOutput.hasSize(ShapeOps.replaced(s, dimension, k))) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size " + ShapeOps.str(ShapeOps.replaced(s, dimension, k)));
        }
        if (gradInput.size() != 2) {
            gradInput.clear().add(Tensor.empty()).add(Tensor.empty());
        }
        Tensor gi = gradInput.tensor(0).resizeAs(t).zero();
        gradInput.tensor(1).resizeAs(index).zero();
        int outer = ShapeOps.prod(s, 0, dimension);
        int inner = ShapeOps.prod(s, dimension + 1, s.length);
        double[] g = gradOutput.data();
        double[] gd = gi.data();
        double[] idx = index.data();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < k; j++) {
                int src = (o * k + j) * inner;
                int dst = (o * s[dimension] + (int) idx[j]) * inner;
                for (int i = 0; i < inner; i++) {
                    gd[dst + i] += g[src + i];
                }
            }
        }
        return gradInput;
    }

    /** Shifts the index tensor ({@code lua[2]}) from Lua's 1-based indices to 0-based, in place. */
    @Override
    public Data fromLua(Data lua) {
        if (lua instanceof Table t && t.size() == 2 && t.get(1) instanceof Tensor index) {
            LuaIndex.shift(index);
            return t;
        }
        throw shapeError("{tensor, index}", lua);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Index training() {
        super.training();
        return this;
    }

    @Override
    public Index evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Index reset() {
        super.reset();
        return this;
    }

    @Override
    public Index reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
