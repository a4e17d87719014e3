package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Splits a tensor into a table of its slices along one dimension (Torch's {@code nn.SplitTable},
 * {@code SplitTable.lua}).
 *
 * <p>{@code yᵢ = x.select(dim, i)} for every {@code i < x.size(dim)}; backward puts each
 * {@code gᵢ} back into slice {@code i} of {@code gradInput}.
 *
 * <table class="striped">
 *   <caption>Shapes for {@code new SplitTable(0)}</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code [k, a, b]}</td><td>{@code k} tensors {@code [a, b]}</td><td>{@code [k, a, b]}</td></tr>
 *   <tr><td>with {@code nInputDims = 2}: {@code [B, k, a]}</td><td>{@code k} tensors {@code [B, a]}</td>
 *       <td>{@code [B, k, a]}</td></tr>
 * </table>
 *
 * <p><b>Dimensions.</b> {@code dim} is <b>0-based</b>: Lua's {@code nn.SplitTable(2)} is
 * {@code new SplitTable(1)}. A negative {@code dim} counts from the end ({@code -1} is the last
 * dimension, in both languages). With {@code nInputDims} set, an input of
 * {@code nInputDims + 1} dimensions is a batch and a non-negative {@code dim} moves one to the
 * right. <b>Difference from Torch:</b> the slices are copies in tensors the module keeps (Java
 * tensors are contiguous; Torch's are views of the input).
 */
public final class SplitTable extends Module<Tensor, Table> {

    static final T7Codec<SplitTable> T7 = LuaFields.codec("nn.SplitTable", SplitTable.class,
            (o, in) -> new SplitTable(LuaFields.dimensionFromLua(o, "dimension", null, in), o.getInt("nInputDims", 0)),
            (m, f, out) -> {
                f.put("dimension", (double) LuaFields.dimensionToLua(m.dimension));
                if (m.nInputDims > 0) {
                    f.put("nInputDims", (double) m.nInputDims);
                }
            });

    private final int dimension;
    private final int nInputDims;
    private int[] sliceSize = new int[0];

    /**
     * Splits along one dimension.
     *
     * @param dim 0-based; negative counts from the end
     */
    public SplitTable(int dim) {
        this(dim, 0);
    }

    /**
     * Splits along one dimension of samples of {@code nInputDims} dimensions.
     *
     * @param dim 0-based within a sample; negative counts from the end
     * @param nInputDims the number of dimensions of one sample, or 0 for none
     */
    public SplitTable(int dim, int nInputDims) {
        super(new Table(), Tensor.empty());
        if (nInputDims < 0) {
            throw new IllegalArgumentException("nn.SplitTable: nInputDims must be positive (or 0 for none), got "
                    + nInputDims);
        }
        this.dimension = dim;
        this.nInputDims = nInputDims;
    }

    /**
     * The split dimension as given to the constructor.
     *
     * @return 0-based, or negative from the end
     */
    public int dimension() {
        return dimension;
    }

    /**
     * The number of dimensions of one sample, or 0 when not set.
     *
     * @return nInputDims
     */
    public int nInputDims() {
        return nInputDims;
    }

    private int positiveDimension(Tensor input) {
        int d = dimension;
        if (d < 0) {
            d = input.dim() + d;
        } else if (nInputDims > 0 && input.dim() == nInputDims + 1) {
            d++;
        }
        if (input.numel() == 0 || input.dim() < 2 || d < 0 || d >= input.dim()) {
            throw shapeError("a tensor of at least 2 dimensions with a dimension " + dimension
                    + (nInputDims > 0 ? " (samples of " + nInputDims + " dimensions)" : ""), input);
        }
        return d;
    }

    @Override
    public Table updateOutput(Tensor input) {
        int d = positiveDimension(input);
        int k = input.size(d);
        int outer = Slabs.outer(input, d);
        int inner = Slabs.rowLength(input, d + 1);
        if (sliceSize.length != input.dim() - 1) {
            sliceSize = new int[input.dim() - 1];
        }
        for (int j = 0, s = 0; j < input.dim(); j++) {
            if (j != d) {
                sliceSize[s++] = input.size(j);
            }
        }
        output.truncate(k);
        while (output.size() < k) {
            output.add(Tensor.empty());
        }
        double[] x = input.data();
        for (int i = 0; i < k; i++) {
            Tensor y = output.tensor(i).resize(sliceSize);
            double[] t = y.data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, (o * k + i) * inner, t, o * inner, inner);
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Table gradOutput) {
        int d = positiveDimension(input);
        int k = input.size(d);
        int outer = Slabs.outer(input, d);
        int inner = Slabs.rowLength(input, d + 1);
        if (gradOutput.size() < k) {
            throw new IllegalArgumentException(this + ": gradOutput " + gradOutput.shapeString() + " has fewer than "
                    + k + " entries for input " + input.shapeString());
        }
        gradInput.resizeAs(input);
        double[] gi = gradInput.data();
        for (int i = 0; i < k; i++) {
            Tensor g = gradOutput.tensor(i);
            if (g.numel() != outer * inner) {
                throw new IllegalArgumentException(this + ": gradOutput entry " + i + " of size " + g.shapeString()
                        + " does not match a slice of the input " + input.shapeString());
            }
            double[] s = g.data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(s, o * inner, gi, (o * k + i) * inner, inner);
            }
        }
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SplitTable training() {
        super.training();
        return this;
    }

    @Override
    public SplitTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SplitTable reset() {
        super.reset();
        return this;
    }

    @Override
    public SplitTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
