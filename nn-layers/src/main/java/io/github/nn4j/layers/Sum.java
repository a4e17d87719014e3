package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Sums over one dimension: {@code y = Σ_d x} (divided by {@code size(d)} with
 * {@code sizeAverage}), Torch's {@code nn.Sum} ({@code Sum.lua}). Backward:
 * {@code gradInput = gradOutput} repeated along {@code d} (divided by {@code size(d)} with
 * {@code sizeAverage}).
 *
 * <table class="striped">
 *   <caption>Shapes (for {@code Sum(d)}, input {@code [n0, …, n_d, …]})</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>any, with at least {@code d + 1} dimensions</td></tr>
 *   <tr><td>output, gradOutput</td><td>the input's size without dimension {@code d} with
 *       {@code squeeze} (a 1-D input gives {@code [1]}), or with size 1 there without</td></tr>
 * </table>
 *
 * <p><b>Dimensions:</b> {@code dimension} is 0-based (Lua's {@code d} is Java's {@code d − 1});
 * a negative one counts from the end ({@code −1} = last, as in Lua). With
 * {@code nInputDims > 0} (Lua's {@code nil} is 0) an input of {@code nInputDims + 1} dimensions
 * is a batch and a non-negative dimension moves one to the right.
 */
public class Sum extends Module<Tensor, Tensor> {

    static final T7Codec<Sum> T7 = LuaFields.codec("nn.Sum", Sum.class,
            (o, in) -> new Sum(LuaFields.dimensionFromLua(o, "dimension", 1, in), o.getInt("nInputDims", 0),
                    LuaFields.truthy(o.get("sizeAverage")), o.get("squeeze") == null || LuaFields.truthy(o.get("squeeze"))),
            Sum::write);

    private final int dimension;
    private final int nInputDims;
    private final boolean sizeAverage;
    private final boolean squeeze;

    /** {@code nn.Sum()}: over dimension 0. */
    public Sum() {
        this(0);
    }

    /**
     * {@code nn.Sum(d + 1)}.
     *
     * @param dimension the 0-based dimension, or negative from the end
     */
    public Sum(int dimension) {
        this(dimension, 0, false, true);
    }

    /**
     * {@code nn.Sum(d + 1, nInputDims, sizeAverage, squeeze)}.
     *
     * @param dimension the 0-based dimension, or negative from the end
     * @param nInputDims the dimensions of one sample, 0 for none (Lua's nil)
     * @param sizeAverage divide by the size of the dimension
     * @param squeeze remove the summed dimension (Torch's default true)
     */
    public Sum(int dimension, int nInputDims, boolean sizeAverage, boolean squeeze) {
        super(Tensor.empty(), Tensor.empty());
        if (nInputDims < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": nInputDims must be >= 0, got " + nInputDims);
        }
        this.dimension = dimension;
        this.nInputDims = nInputDims;
        this.sizeAverage = sizeAverage;
        this.squeeze = squeeze;
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
     * The dimensions of one sample (0 for none).
     *
     * @return nInputDims
     */
    public int nInputDims() {
        return nInputDims;
    }

    /**
     * Whether the sum is divided by the size of the dimension.
     *
     * @return sizeAverage
     */
    public boolean isSizeAverage() {
        return sizeAverage;
    }

    /**
     * Whether the summed dimension is removed.
     *
     * @return squeeze
     */
    public boolean isSqueeze() {
        return squeeze;
    }

    /** Torch's {@code _getPositiveDimension}. */
    private int positiveDimension(Tensor input) {
        int d = dimension;
        if (d < 0) {
            d = input.dim() + d;
        } else if (nInputDims > 0 && input.dim() == nInputDims + 1) {
            d++;
        }
        if (d < 0 || d >= input.dim()) {
            throw shapeError("at least " + (d < 0 ? -dimension : d + 1) + " dimensions", input);
        }
        return d;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int d = positiveDimension(input);
        int[] s = input.sizes();
        int outer = ShapeOps.prod(s, 0, d);
        int n = s[d];
        int inner = ShapeOps.prod(s, d + 1, s.length);
        ShapeOps.resize(output, squeeze && s.length > 1 ? ShapeOps.without(s, d) : ShapeOps.replaced(s, d, 1));
        double[] x = input.data();
        double[] y = output.data();
        for (int o = 0; o < outer; o++) {
            int yo = o * inner;
            System.arraycopy(x, o * n * inner, y, yo, inner);
            for (int k = 1; k < n; k++) {
                int xo = (o * n + k) * inner;
                for (int i = 0; i < inner; i++) {
                    y[yo + i] += x[xo + i];
                }
            }
        }
        if (sizeAverage) {
            ShapeOps.divide(output, n);
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int d = positiveDimension(input);
        int[] s = input.sizes();
        int outer = ShapeOps.prod(s, 0, d);
        int n = s[d];
        int inner = ShapeOps.prod(s, d + 1, s.length);
        if (gradOutput.numel() != outer * inner) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output for input " + input.shapeString());
        }
        gradInput.resizeAs(input);
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < n; k++) {
                System.arraycopy(g, o * inner, gi, (o * n + k) * inner, inner);
            }
        }
        if (sizeAverage) {
            // Torch divides the copied gradient, as here
            ShapeOps.divide(gradInput, n);
        }
        return gradInput;
    }

    private static void write(Sum m, io.github.nn4j.torch7.T7Table f, io.github.nn4j.torch7.T7Bridge.Writing out) {
        f.put("dimension", (double) LuaFields.dimensionToLua(m.dimension));
        if (m.nInputDims > 0) {
            f.put("nInputDims", (double) m.nInputDims);
        }
        f.put("sizeAverage", m.sizeAverage);
        f.put("squeeze", m.squeeze);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Sum training() {
        super.training();
        return this;
    }

    @Override
    public Sum evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Sum reset() {
        super.reset();
        return this;
    }

    @Override
    public Sum reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
