package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;

/**
 * Clips each element to {@code [minValue, maxValue]} (Torch's {@code nn.Clamp}, {@code Clamp.lua}):
 * in Torch, and here, a {@link HardTanh} with the given bounds and no defaults, so its fields
 * ({@code min_val}, {@code max_val}, {@code inplace = false}), forward and backward are
 * HardTanh's.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p>Torch's constructor takes no in-place flag; neither does this one (a file with
 * {@code inplace = true} still loads in place). Prints {@code nn.Clamp}, as Torch.
 */
public class Clamp extends HardTanh {

    /** The same fields as {@link HardTanh}'s. */
    static final T7Codec<Clamp> T7 = LuaFields.codec("nn.Clamp", Clamp.class,
            (o, in) -> new Clamp(o.getNumber("min_val"), o.getNumber("max_val"), LuaFields.truthy(o.get("inplace"))),
            HardTanh::writeFields);

    /**
     * A clamp.
     *
     * @param minValue the lower bound
     * @param maxValue the upper bound, larger than {@code minValue}
     * @throws IllegalArgumentException if {@code maxValue ≤ minValue} or either is NaN
     */
    public Clamp(double minValue, double maxValue) {
        super(minValue, maxValue, false);
    }

    private Clamp(double minValue, double maxValue, boolean inplace) {
        super(minValue, maxValue, inplace);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Clamp training() {
        super.training();
        return this;
    }

    @Override
    public Clamp evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Clamp reset() {
        super.reset();
        return this;
    }

    @Override
    public Clamp reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
