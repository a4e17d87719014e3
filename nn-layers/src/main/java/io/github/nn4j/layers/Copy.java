package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Function;

/**
 * Copies its input into a tensor of another type: {@code y = x} (Torch's {@code nn.Copy},
 * {@code Copy.lua}); backward copies gradOutput back.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>any input</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>the same size</td></tr>
 * </table>
 *
 * <p><b>Modes</b> (as Torch): with {@code forceCopy} false and {@code intype} equal to
 * {@code outtype} the module passes its input through ({@code output} is a view of the input,
 * {@code gradInput} of gradOutput, Torch's {@code self.output = input}); otherwise it copies
 * into its own buffers.
 *
 * <p><b>Differences from Torch:</b> nn4j has only double tensors, so {@code intype} and
 * {@code outtype} are kept as names (any {@code torch.*Tensor}, e.g. {@code torch.FloatTensor})
 * and only decide the mode; no conversion happens, and {@code dontCast} (Torch: ignore
 * {@code :type()}) has nothing to act on. In a {@code .t7} file Torch keeps neither type name,
 * only the pass-through closures: a file with them loads as pass-through, one without as
 * copying, both with {@code torch.DoubleTensor} as names. nn4j cannot write Lua closures, so a
 * saved pass-through Copy loads in Lua as a copying one (the same numbers).
 */
public class Copy extends Module<Tensor, Tensor> {

    static final T7Codec<Copy> T7 = LuaFields.codec("nn.Copy", Copy.class, (o, in) -> {
        boolean passThrough = o.get("updateOutput") instanceof T7Function;
        String t = "torch.DoubleTensor";
        return new Copy(t, t, !passThrough, LuaFields.truthy(o.get("dontCast")));
    }, (m, f, out) -> {
            if (m.dontCast) {
                f.put("dontCast", true);
            }
        });

    private final String intype;
    private final String outtype;
    private final boolean passThrough;
    private final boolean dontCast;

    /** {@code nn.Copy()}: both types {@code torch.DoubleTensor}, pass-through. */
    public Copy() {
        this("torch.DoubleTensor", "torch.DoubleTensor", false, false);
    }

    /**
     * {@code nn.Copy(intype, outtype)}.
     *
     * @param intype a Torch tensor type name, e.g. {@code torch.FloatTensor}
     * @param outtype a Torch tensor type name
     */
    public Copy(String intype, String outtype) {
        this(intype, outtype, false, false);
    }

    /**
     * {@code nn.Copy(intype, outtype, forceCopy, dontCast)}.
     *
     * @param intype a Torch tensor type name, e.g. {@code torch.FloatTensor}
     * @param outtype a Torch tensor type name
     * @param forceCopy copy even when the two types are equal
     * @param dontCast Torch's flag to ignore {@code :type()} (kept, has no effect in nn4j)
     */
    public Copy(String intype, String outtype, boolean forceCopy, boolean dontCast) {
        super(Tensor.empty(), Tensor.empty());
        this.intype = checkType(intype);
        this.outtype = checkType(outtype);
        this.passThrough = !forceCopy && intype.equals(outtype);
        this.dontCast = dontCast;
    }

    private static String checkType(String t) {
        if (t == null || !t.matches("torch\\.[A-Za-z]*Tensor")) {
            throw new IllegalArgumentException("nn.Copy: " + t + " is not a Torch tensor type (e.g. torch.DoubleTensor)");
        }
        return t;
    }

    /**
     * Whether the module passes its input through instead of copying.
     *
     * @return true without forceCopy and with equal types
     */
    public boolean isPassThrough() {
        return passThrough;
    }

    /**
     * The input type name.
     *
     * @return e.g. {@code torch.DoubleTensor}
     */
    public String intype() {
        return intype;
    }

    /**
     * The output type name.
     *
     * @return e.g. {@code torch.DoubleTensor}
     */
    public String outtype() {
        return outtype;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (passThrough) {
            return output.set(input);
        }
        return output.resizeAs(input).copy(input);
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        if (passThrough) {
            return gradInput.set(gradOutput);
        }
        return gradInput.resizeAs(gradOutput).copy(gradOutput);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Copy training() {
        super.training();
        return this;
    }

    @Override
    public Copy evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Copy reset() {
        super.reset();
        return this;
    }

    @Override
    public Copy reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
