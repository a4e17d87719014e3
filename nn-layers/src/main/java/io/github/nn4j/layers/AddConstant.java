package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Adds a scalar to every element (Torch's {@code nn.AddConstant(c[, inplace])},
 * {@code AddConstant.lua}).
 *
 * <pre>
 *   y = x + c          dL/dx = dL/dy
 * </pre>
 *
 * <p><b>In place.</b> With {@code inplace = true} the forward adds {@code c} to the input itself
 * and {@code output} becomes a view of the input's storage; the backward makes {@code gradInput}
 * a view of {@code gradOutput} and <em>restores the input</em> by subtracting {@code c} again, as
 * Torch does. So the input is modified between forward and backward: a forward must be followed
 * by a backward before the input is used elsewhere.
 *
 * <p>Differences from Torch: the constant is a scalar only (Torch also accepts a vector added to
 * each row).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>as the input</td><td>as the input</td></tr>
 * </table>
 */
public final class AddConstant extends Module<Tensor, Tensor> {

    private final double constant;
    private final boolean inplace;

    /**
     * A module adding {@code c}, not in place.
     *
     * @param c the constant (Torch's {@code constant_scalar})
     * @throws IllegalArgumentException if {@code c} is NaN or infinite
     */
    public AddConstant(double c) {
        this(c, false);
    }

    /**
     * A module adding {@code c}.
     *
     * @param c the constant (Torch's {@code constant_scalar})
     * @throws IllegalArgumentException if {@code c} is NaN or infinite
     * @param inplace whether to add into the input (see the class documentation)
     */
    public AddConstant(double c, boolean inplace) {
        super(Tensor.empty(), Tensor.empty());
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException("nn.AddConstant: the constant must be a finite number, got " + c);
        }
        this.constant = c;
        this.inplace = inplace;
    }

    /**
     * The constant.
     *
     * @return c
     */
    public double constant() {
        return constant;
    }

    /**
     * Whether the module works in place.
     *
     * @return the {@code inplace} flag
     */
    public boolean isInplace() {
        return inplace;
    }

    /**
     * Writes {@code x + c} into {@code output}; in place, adds {@code c} to the input and makes
     * {@code output} a view of it.
     */
    @Override
    public Tensor updateOutput(Tensor input) {
        if (inplace) {
            addConstant(input, input, constant);
            output.set(input);
        } else {
            output.resizeAs(input);
            addConstant(input, output, constant);
        }
        return output;
    }

    /**
     * Copies {@code gradOutput} into {@code gradInput}; in place, makes {@code gradInput} a view
     * of {@code gradOutput} and subtracts {@code c} from the input again.
     */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        if (inplace) {
            gradInput.set(gradOutput);
            addConstant(input, input, -constant);
        } else {
            gradInput.resizeAs(gradOutput).copy(gradOutput);
        }
        return gradInput;
    }

    private static void addConstant(Tensor from, Tensor to, double c) {
        double[] x = from.data();
        double[] y = to.data();
        for (int i = 0, n = from.numel(); i < n; i++) {
            y[i] = x[i] + c;
        }
    }

    /** The {@code .t7} form of {@code nn.AddConstant}: {@code constant_scalar}, {@code inplace}. */
    static final T7Codec<AddConstant> T7 = LuaFields.codec("nn.AddConstant", AddConstant.class,
            (o, in) -> new AddConstant(o.getNumber("constant_scalar"), LuaFields.truthy(o.get("inplace"))),
            (m, f, out) -> {
                f.put("constant_scalar", m.constant());
                f.put("inplace", m.isInplace());
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public AddConstant training() {
        super.training();
        return this;
    }

    @Override
    public AddConstant evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public AddConstant reset() {
        super.reset();
        return this;
    }

    @Override
    public AddConstant reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
