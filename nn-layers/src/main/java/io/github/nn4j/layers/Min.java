package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;

/**
 * The minimum over one dimension, which is removed (Torch's {@code nn.Min}, {@code Min.lua}).
 *
 * <p>{@code y[a, b] = min_k x[a, k, b]} where {@code k} runs over dimension {@code dim}; the
 * gradient goes to the winning position only: {@code gi[a, k*, b] = g[a, b]}, zero elsewhere.
 *
 * <table class="striped">
 *   <caption>Shapes ({@code dim = 1} as an example)</caption>
 *   <tr><th>input</th><th>output</th></tr>
 *   <tr><td>{@code [n]} (any {@code dim} naming it)</td><td>{@code [1]}</td></tr>
 *   <tr><td>{@code [A, n]}</td><td>{@code [A]}</td></tr>
 *   <tr><td>{@code [A, n, B]}</td><td>{@code [A, B]}</td></tr>
 * </table>
 *
 * <p><b>Ties and NaN.</b> As Torch's {@code THTensorMath.c}, a later value replaces the current
 * best only when {@code !(v &gt;= best)}: the <em>first</em> of equal values wins and alone receives the
 * gradient, and the first NaN wins (the output is NaN).
 *
 * <p><b>Dimensions.</b> {@code dim} is <b>0-based</b>: Lua's {@code nn.Min(1)} is
 * {@code new Min(0)}. A negative {@code dim} counts from the end ({@code -1} is the last). With
 * {@code nInputDims} set, an input of {@code nInputDims + 1} dimensions is a batch and a
 * non-negative {@code dim} moves one to the right (Lua's {@code nn.Min(1, 1)} is
 * {@code new Min(0, 1)}: on a {@code [B, n]} batch it reduces {@code n}).
 *
 * <p>The positions of the winners are kept 0-based for the backward pass ({@link #indices()}).
 * See {@link Max} for the opposite.
 */
public final class Min extends ArgReduce {

    /** Reduces the first dimension (Lua's default {@code nn.Min()}, i.e. {@code nn.Min(1)}). */
    public Min() {
        this(0);
    }

    /**
     * Reduces one dimension.
     *
     * @param dim 0-based; negative counts from the end
     */
    public Min(int dim) {
        this(dim, 0);
    }

    /**
     * Reduces one dimension of samples that have {@code nInputDims} dimensions, so that a batch
     * (one more dimension, first) reduces the same dimension of every sample.
     *
     * @param dim 0-based within a sample; negative counts from the end
     * @param nInputDims the number of dimensions of one sample, or 0 for none
     */
    public Min(int dim, int nInputDims) {
        super(dim, nInputDims);
    }

    @Override
    boolean isMax() {
        return false;
    }

    /** The {@code .t7} form of {@code nn.Min}: {@code dimension} (1-based), {@code nInputDims} (if set). */
    static final T7Codec<Min> T7 = LuaFields.codec("nn.Min", Min.class,
            (o, in) -> new Min(LuaFields.dimensionFromLua(o, "dimension", 1, in), o.getInt("nInputDims", 0)),
            ArgReduce::writeFields);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Min training() {
        super.training();
        return this;
    }

    @Override
    public Min evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Min reset() {
        super.reset();
        return this;
    }

    @Override
    public Min reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
