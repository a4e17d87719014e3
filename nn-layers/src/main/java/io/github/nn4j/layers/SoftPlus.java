package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * A smooth rectifier, {@code y = log(1 + e^(β·x)) / β}, linear ({@code y = x}) where
 * {@code β·x > threshold} (Torch's {@code nn.SoftPlus}, {@code SoftPlus.lua} and THNN
 * {@code SoftPlus.c}; {@code threshold = 20} keeps {@code e^(β·x)} finite).
 *
 * <p>Backward from the cached <b>output</b>, as THNN: with {@code z = e^(β·y)},
 * {@code gradInput = gradOutput·(z − 1)/z} (the sigmoid of {@code β·x}), or {@code gradOutput}
 * where {@code β·y > threshold}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p>Torch's constructor takes {@code beta} only and sets the field {@code threshold} to 20;
 * {@link #SoftPlus(double, double)} sets both. {@code β = 0} and NaN arguments are refused.
 * Prints {@code nn.SoftPlus} (Torch has no {@code __tostring__}).
 */
public class SoftPlus extends Module<Tensor, Tensor> {

    /** Torch fields {@code beta}, {@code threshold}. */
    static final T7Codec<SoftPlus> T7 = LuaFields.codec("nn.SoftPlus", SoftPlus.class,
            (o, in) -> new SoftPlus(o.getNumber("beta", 1), o.getNumber("threshold", 20)),
            (m, f, out) -> {
                f.put("beta", m.beta);
                f.put("threshold", m.threshold);
            });

    private final double beta;
    private final double threshold;

    /** {@code SoftPlus(1)}. */
    public SoftPlus() {
        this(1, 20);
    }

    /**
     * A softplus of the given sharpness, threshold 20 as Torch.
     *
     * @param beta the sharpness {@code β}
     */
    public SoftPlus(double beta) {
        this(beta, 20);
    }

    /**
     * A softplus.
     *
     * @param beta the sharpness {@code β}, not 0
     * @param threshold above which {@code β·x} the layer is linear
     * @throws IllegalArgumentException if {@code beta} is 0 or NaN, or {@code threshold} NaN
     */
    public SoftPlus(double beta, double threshold) {
        super(Tensor.empty(), Tensor.empty());
        if (beta == 0 || Double.isNaN(beta) || Double.isNaN(threshold)) {
            throw new IllegalArgumentException("nn.SoftPlus: beta must be a non-zero number and threshold a number, got beta "
                    + beta + ", threshold " + threshold);
        }
        this.beta = beta;
        this.threshold = threshold;
    }

    /**
     * The sharpness.
     *
     * @return beta
     */
    public double beta() {
        return beta;
    }

    /**
     * The value of {@code β·x} above which the layer is linear.
     *
     * @return the threshold
     */
    public double threshold() {
        return threshold;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] y = output.data();
        double b = beta;
        double th = threshold;
        for (int i = 0; i < n; i++) {
            double bx = x[i] * b;
            y[i] = bx > th ? x[i] : Math.log1p(Math.exp(bx)) / b;
        }
        return output;
    }

    /** Uses {@code output}, which must still hold the forward of {@code input}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, output, gradOutput);
        gradInput.resizeAs(output);
        int n = output.numel();
        double[] y = output.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double b = beta;
        double th = threshold;
        for (int i = 0; i < n; i++) {
            double by = y[i] * b;
            double z = Math.exp(by);
            gi[i] = by > th ? g[i] : g[i] * (z - 1.0) / z;
        }
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SoftPlus training() {
        super.training();
        return this;
    }

    @Override
    public SoftPlus evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SoftPlus reset() {
        super.reset();
        return this;
    }

    @Override
    public SoftPlus reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
