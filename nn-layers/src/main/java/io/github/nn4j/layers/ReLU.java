package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;

/**
 * The rectifier, {@code y = max(0, x)} (Torch's {@code nn.ReLU}, {@code ReLU.lua}): a
 * {@link Threshold} with threshold 0 and value 0.
 *
 * <p>Strict, as in Torch: {@code ReLU(0) = 0} and its gradient is 0. Backward:
 * {@code gradInput = gradOutput} where {@code x > 0}, else 0.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p>{@code new ReLU(true)} works in place (see {@link Threshold}). Prints {@code nn.ReLU}.
 */
public class ReLU extends Threshold {

    /** A rectifier that does not modify its input. */
    public ReLU() {
        this(false);
    }

    /**
     * A rectifier.
     *
     * @param inplace whether to overwrite the input and gradOutput
     */
    public ReLU(boolean inplace) {
        super(0.0, 0.0, inplace);
    }

    /**
     * The {@code .t7} form of {@code nn.ReLU}: Threshold's fields ({@code threshold} 0, {@code val}
     * 0, {@code inplace}); a file with another threshold or value is refused.
     */
    static final T7Codec<ReLU> T7 = LuaFields.codec("nn.ReLU", ReLU.class, ReLU::read, Threshold::writeFields);

    private static ReLU read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        double th = o.getNumber("threshold", 0);
        double val = o.getNumber("val", 0);
        if (th != 0 || val != 0) {
            throw in.error("nn.ReLU with threshold " + th + " and val " + val
                    + " is not supported (save it as an nn.Threshold)");
        }
        return new ReLU(LuaFields.truthy(o.get("inplace")));
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public ReLU training() {
        super.training();
        return this;
    }

    @Override
    public ReLU evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public ReLU reset() {
        super.reset();
        return this;
    }

    @Override
    public ReLU reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
