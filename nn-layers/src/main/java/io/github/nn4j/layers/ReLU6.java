package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;

/**
 * The rectifier capped at 6, {@code y = min(max(0, x), 6)} (Torch's {@code nn.ReLU6},
 * {@code ReLU6.lua}): THNN's HardTanh kernels with bounds 0 and 6, so forward, backward (the
 * bounds pass the gradient out of place and block it in place) and the in-place mode are
 * {@link HardTanh}'s.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p>In Torch {@code nn.ReLU6} is a plain {@code nn.Module} with the one field {@code inplace}
 * (its file holds no bounds); here it is a {@code HardTanh} subclass for the shared loops, which
 * {@code findModules(HardTanh.class)} still does not match (exact classes, as Torch). Prints
 * {@code nn.ReLU6}.
 */
public class ReLU6 extends HardTanh {

    /** Torch field {@code inplace}. */
    static final T7Codec<ReLU6> T7 = LuaFields.codec("nn.ReLU6", ReLU6.class,
            (o, in) -> new ReLU6(LuaFields.truthy(o.get("inplace"))),
            (m, f, out) -> f.put("inplace", m.isInplace()));

    /** A ReLU6 that does not modify its input. */
    public ReLU6() {
        this(false);
    }

    /**
     * A ReLU6.
     *
     * @param inplace whether to overwrite the input and gradOutput
     */
    public ReLU6(boolean inplace) {
        super(0, 6, inplace);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public ReLU6 training() {
        super.training();
        return this;
    }

    @Override
    public ReLU6 evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public ReLU6 reset() {
        super.reset();
        return this;
    }

    @Override
    public ReLU6 reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
