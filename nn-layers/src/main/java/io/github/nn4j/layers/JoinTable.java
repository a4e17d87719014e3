package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Concatenates a table of tensors along one dimension (Torch's {@code nn.JoinTable},
 * {@code JoinTable.lua}).
 *
 * <p>{@code y = [x₀ | x₁ | …]} along {@code dim}; {@code giᵢ} = the slice of {@code g} where
 * {@code xᵢ} went (a copy).
 *
 * <table class="striped">
 *   <caption>Shapes for {@code new JoinTable(1)}</caption>
 *   <tr><th>input</th><th>output</th></tr>
 *   <tr><td>{@code {[B, a], [B, b]}}</td><td>{@code [B, a + b]}</td></tr>
 *   <tr><td>{@code {[B, a, c], [B, b, c]}}</td><td>{@code [B, a + b, c]}</td></tr>
 * </table>
 *
 * <p><b>Dimensions.</b> {@code dim} is <b>0-based</b>: Lua's {@code nn.JoinTable(2)} is
 * {@code new JoinTable(1)}. A negative {@code dim} counts from the end. With {@code nInputDims}
 * set, inputs of {@code nInputDims + 1} dimensions are a batch and a non-negative {@code dim}
 * moves one to the right (Lua's {@code nn.JoinTable(1, 1)} joins {@code [B, n]} samples along
 * {@code n}). The gradInput table is trimmed when fewer inputs arrive.
 */
public final class JoinTable extends Module<Table, Tensor> {

    private final int dimension;
    private final int nInputDims;
    private int[] outSize = new int[0];

    /**
     * Joins along one dimension.
     *
     * @param dim 0-based; negative counts from the end
     */
    public JoinTable(int dim) {
        this(dim, 0);
    }

    /**
     * Joins along one dimension of samples of {@code nInputDims} dimensions.
     *
     * @param dim 0-based within a sample; negative counts from the end
     * @param nInputDims the number of dimensions of one sample, or 0 for none
     */
    public JoinTable(int dim, int nInputDims) {
        super(Tensor.empty(), new Table());
        if (nInputDims < 0) {
            throw new IllegalArgumentException("nInputDims must be positive (or 0 for none), got " + nInputDims);
        }
        this.dimension = dim;
        this.nInputDims = nInputDims;
    }

    /**
     * The joined dimension as given to the constructor: 0-based, negative counts from the end.
     *
     * @return the dimension
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

    private int positiveDimension(Table input) {
        if (input.size() == 0 || !(input.get(0) instanceof Tensor t0) || t0.numel() == 0) {
            throw inputError(input);
        }
        int d = dimension;
        if (d < 0) {
            d = t0.dim() + d;
        } else if (nInputDims > 0 && t0.dim() == nInputDims + 1) {
            d = d + 1;
        }
        if (d < 0 || d >= t0.dim()) {
            throw inputError(input);
        }
        for (int i = 1; i < input.size(); i++) {
            Data e = input.get(i);
            if (!(e instanceof Tensor t) || !Slabs.matchesExcept(t, t0, d)) {
                throw inputError(input);
            }
        }
        return d;
    }

    private IllegalArgumentException inputError(Table input) {
        return shapeError("a table of tensors of equal sizes except along dimension " + dimension, input);
    }

    @Override
    public Tensor updateOutput(Table input) {
        int d = positiveDimension(input);
        Tensor t0 = input.tensor(0);
        if (outSize.length != t0.dim()) {
            outSize = new int[t0.dim()];
        }
        int total = 0;
        for (int i = 0; i < input.size(); i++) {
            total += input.tensor(i).size(d);
        }
        for (int k = 0; k < outSize.length; k++) {
            outSize[k] = k == d ? total : t0.size(k);
        }
        output.resize(outSize);
        int outer = Slabs.outer(t0, d);
        int outRow = Slabs.rowLength(output, d);
        int offset = 0;
        for (int i = 0; i < input.size(); i++) {
            Tensor x = input.tensor(i);
            int row = Slabs.rowLength(x, d);
            Slabs.put(x, output, outer, row, outRow, offset);
            offset += row;
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        int d = positiveDimension(input);
        if (gradOutput.numel() != output.numel()) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size " + output.shapeString());
        }
        gradInput.truncate(input.size());
        while (gradInput.size() < input.size()) {
            gradInput.add(Tensor.empty());
        }
        int outer = Slabs.outer(input.tensor(0), d);
        int outRow = Slabs.rowLength(output, d);
        int offset = 0;
        for (int i = 0; i < input.size(); i++) {
            Tensor x = input.tensor(i);
            Tensor gi = ((Tensor) gradInput.get(i)).resizeAs(x);
            int row = Slabs.rowLength(x, d);
            Slabs.take(gradOutput, gi, outer, outRow, row, offset);
            offset += row;
        }
        return gradInput;
    }

    /**
     * The {@code .t7} form of {@code nn.JoinTable}: {@code dimension} (1-based), {@code nInputDims}
     * (if set), {@code size}.
     */
    static final T7Codec<JoinTable> T7 = LuaFields.codec("nn.JoinTable", JoinTable.class,
            (o, in) -> new JoinTable(LuaFields.dimensionFromLua(o, "dimension", null, in), o.getInt("nInputDims", 0)),
            (m, f, out) -> {
                f.put("dimension", (double) LuaFields.dimensionToLua(m.dimension()));
                if (m.nInputDims() > 0) {
                    f.put("nInputDims", (double) m.nInputDims());
                }
                f.put("size", LuaFields.emptyLongStorage());
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public JoinTable training() {
        super.training();
        return this;
    }

    @Override
    public JoinTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public JoinTable reset() {
        super.reset();
        return this;
    }

    @Override
    public JoinTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
