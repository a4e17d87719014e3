package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The square root of every element (Torch's {@code nn.Sqrt([eps])}, {@code Sqrt.lua} with THNN's
 * CPU kernel {@code Sqrt.c}).
 *
 * <pre>
 *   y = √x          dL/dx = y == 0 ? 0 : 0.5 · (dL/dy / y)
 * </pre>
 * The backward guard is Torch's: where the output is exactly 0 the gradient is 0 instead of
 * infinity (or NaN), so a zero input does not poison the whole backward pass.
 *
 * <p><b>{@code eps} (default 0).</b> The field is kept and printed nowhere, exactly as in Torch,
 * where the last CPU kernel ({@code THNN_(Sqrt_updateOutput)}) receives {@code eps} but computes
 * {@code sqrt(x)} without it; only the CUDA kernel and the pre-THNN CPU code computed
 * {@code sqrt(x + eps)}. nn4j follows the CPU kernel, so a Torch model runs to the same numbers;
 * to add a constant, put an {@link AddConstant} in front.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>as the input</td><td>as the input</td></tr>
 * </table>
 */
public final class Sqrt extends Module<Tensor, Tensor> {

    private final double eps;

    /** A square-root module with {@code eps = 0}. */
    public Sqrt() {
        this(0.0);
    }

    /**
     * A square-root module keeping Torch's {@code eps} field (not used by the CPU kernel, see
     * the class documentation).
     *
     * @param eps Torch's {@code eps} (its {@code b}, added before the root)
     * @throws IllegalArgumentException if {@code eps} is negative, NaN or infinite
     */
    public Sqrt(double eps) {
        super(Tensor.empty(), Tensor.empty());
        if (!(eps >= 0) || eps == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("nn.Sqrt: the epsilon b added under the root must be finite and >= 0, got "
                    + eps);
        }
        this.eps = eps;
    }

    /**
     * Torch's {@code eps} field.
     *
     * @return eps, 0 by default
     */
    public double eps() {
        return eps;
    }

    /** Writes {@code √x} into {@code output}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            y[i] = Math.sqrt(x[i]);
        }
        return output;
    }

    /** Writes {@code 0.5 · gradOutput / output} (0 where the output is 0) into {@code gradInput}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input);
        double[] y = output.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            gi[i] = y[i] == 0.0 ? 0.0 : 0.5 * (g[i] / y[i]);
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.Sqrt}: {@code eps}. */
    static final T7Codec<Sqrt> T7 = LuaFields.codec("nn.Sqrt", Sqrt.class,
            (o, in) -> new Sqrt(o.getNumber("eps", 0)), (m, f, out) -> f.put("eps", m.eps()));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Sqrt training() {
        super.training();
        return this;
    }

    @Override
    public Sqrt evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Sqrt reset() {
        super.reset();
        return this;
    }

    @Override
    public Sqrt reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
