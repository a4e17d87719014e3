package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;

/**
 * The mean over one dimension: {@code y = (1/n) Σ_d x}, {@code n = size(d)} (Torch's
 * {@code nn.Mean}, {@code Mean.lua}, which is {@code nn.Sum(dimension, nInputDims, true)}).
 * Backward: {@code gradInput = gradOutput / n} repeated along {@code d}.
 *
 * <table class="striped">
 *   <caption>Shapes (for {@code Mean(d)})</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>any, with at least {@code d + 1} dimensions</td></tr>
 *   <tr><td>output, gradOutput</td><td>the input's size without dimension {@code d} (a 1-D
 *       input gives {@code [1]})</td></tr>
 * </table>
 *
 * <p><b>Dimensions:</b> 0-based (Lua's {@code d} is Java's {@code d − 1}), negative from the
 * end; {@code nInputDims > 0} makes an input of {@code nInputDims + 1} dimensions a batch, as in
 * {@link Sum}.
 */
public class Mean extends Sum {

    static final T7Codec<Mean> T7 = LuaFields.codec("nn.Mean", Mean.class,
            (o, in) -> new Mean(LuaFields.dimensionFromLua(o, "dimension", 1, in), o.getInt("nInputDims", 0)),
            (m, f, out) -> {
                f.put("dimension", (double) LuaFields.dimensionToLua(m.dimension()));
                if (m.nInputDims() > 0) {
                    f.put("nInputDims", (double) m.nInputDims());
                }
                f.put("sizeAverage", true);
                f.put("squeeze", true);
            });

    /** {@code nn.Mean()}: over dimension 0. */
    public Mean() {
        this(0, 0);
    }

    /**
     * {@code nn.Mean(d + 1)}.
     *
     * @param dimension the 0-based dimension, or negative from the end
     */
    public Mean(int dimension) {
        this(dimension, 0);
    }

    /**
     * {@code nn.Mean(d + 1, nInputDims)}.
     *
     * @param dimension the 0-based dimension, or negative from the end
     * @param nInputDims the dimensions of one sample, 0 for none (Lua's nil)
     */
    public Mean(int dimension, int nInputDims) {
        super(dimension, nInputDims, true, true);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Mean training() {
        super.training();
        return this;
    }

    @Override
    public Mean evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Mean reset() {
        super.reset();
        return this;
    }

    @Override
    public Mean reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
