package io.github.nn4j.layers;

import java.util.Locale;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;

/**
 * The randomised leaky rectifier (Torch's {@code nn.RReLU}, {@code RReLU.lua} and THNN
 * {@code RReLU.c}; Xu et al., <i>Empirical Evaluation of Rectified Activations in Convolutional
 * Network</i>, 2015): {@code y = x} if {@code x > 0}, else {@code a·x}.
 * <ul>
 *   <li><b>training</b>: for every element with {@code x ≤ 0}, in row-major order, a slope
 *       {@code a ~ U(lower, upper)} is drawn from {@link TorchRandom#global()} (THNN's
 *       {@code THRandom_uniform}, so {@code TorchRandom.manualSeed(s)} gives Torch's slopes
 *       for {@code torch.manualSeed(s)}); positive elements draw nothing. The slopes (1 for
 *       positive elements) are kept in {@link #noise()}, and
 *       {@code gradInput = gradOutput ⊙ noise};</li>
 *   <li><b>evaluation</b>: the fixed slope {@code (lower + upper)/2}, forward and backward.</li>
 * </ul>
 * As THNN, a training backward with {@code upper − lower ≤ 1e-6} uses the fixed slope too.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, noise, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p><b>In place</b>: the forward overwrites the input (the output shares its storage), the
 * backward the gradOutput (which becomes the gradInput). A new layer is in training mode, as
 * Torch's. Prints as Torch's {@code __tostring__}: {@code nn.RReLU (l:0.125000, u:0.333333)}.
 */
public class RReLU extends Module<Tensor, Tensor> {

    /** Torch fields {@code lower}, {@code upper}, {@code inplace}, {@code noise}. */
    static final T7Codec<RReLU> T7 = LuaFields.codec("nn.RReLU", RReLU.class,
            (o, in) -> new RReLU(o.getNumber("lower", 1.0 / 8), o.getNumber("upper", 1.0 / 3),
                    LuaFields.truthy(o.get("inplace"))),
            (m, f, out) -> {
                f.put("lower", m.lower);
                f.put("upper", m.upper);
                f.put("inplace", m.inplace);
                f.put("noise", out.tensor(m.noise));
            });

    private final double lower;
    private final double upper;
    private final boolean inplace;
    /** The slopes of the last training forward (1 for positive elements). */
    private Tensor noise = Tensor.empty();

    /** {@code RReLU(1/8, 1/3)}, Torch's defaults. */
    public RReLU() {
        this(1.0 / 8, 1.0 / 3, false);
    }

    /**
     * A randomised leaky rectifier, not in place.
     *
     * @param lower the lower bound of the slopes
     * @param upper the upper bound of the slopes
     */
    public RReLU(double lower, double upper) {
        this(lower, upper, false);
    }

    /**
     * A randomised leaky rectifier.
     *
     * @param lower the lower bound of the slopes, {@code ≥ 0}
     * @param upper the upper bound of the slopes, {@code ≥ lower}
     * @param inplace whether to overwrite the input and gradOutput
     * @throws IllegalArgumentException unless {@code 0 ≤ lower ≤ upper} (NaN refused)
     */
    public RReLU(double lower, double upper, boolean inplace) {
        super(Tensor.empty(), Tensor.empty());
        if (!(lower >= 0 && upper >= lower)) {
            throw new IllegalArgumentException("nn.RReLU: needs 0 <= lower <= upper, got lower " + lower
                    + ", upper " + upper);
        }
        this.lower = lower;
        this.upper = upper;
        this.inplace = inplace;
    }

    /**
     * The lower bound of the slopes.
     *
     * @return lower
     */
    public double lower() {
        return lower;
    }

    /**
     * The upper bound of the slopes.
     *
     * @return upper
     */
    public double upper() {
        return upper;
    }

    /**
     * Whether the layer works in place.
     *
     * @return the in-place flag
     */
    public boolean isInplace() {
        return inplace;
    }

    /**
     * The slopes of the last training forward: the drawn slope where {@code x ≤ 0}, else 1.
     *
     * @return the noise buffer (not a copy)
     */
    public Tensor noise() {
        return noise;
    }

    /** In place: modifies {@code input}, and {@code output} becomes a view of it. */
    @Override
    public Tensor updateOutput(Tensor input) {
        int n = input.numel();
        double[] x = input.data();
        double[] y;
        if (inplace) {
            y = x;
        } else {
            output.resizeAs(input);
            y = output.data();
        }
        if (train) {
            noise.resizeAs(input);
            double[] r = noise.data();
            double lo = lower;
            double hi = upper;
            TorchRandom rng = TorchRandom.global();
            synchronized (rng) {
                for (int i = 0; i < n; i++) {
                    if (x[i] <= 0) {
                        double a = rng.uniform(lo, hi);
                        y[i] = x[i] * a;
                        r[i] = a;
                    } else {
                        y[i] = x[i];
                        r[i] = 1;
                    }
                }
            }
        } else {
            double a = (lower + upper) / 2;
            for (int i = 0; i < n; i++) {
                y[i] = x[i] <= 0 ? x[i] * a : x[i];
            }
        }
        if (inplace) {
            output.set(input);
        }
        return output;
    }

    /** In place: modifies {@code gradOutput}, and {@code gradInput} becomes a view of it. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        int n = input.numel();
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi;
        if (inplace) {
            gi = g;
        } else {
            gradInput.resizeAs(input);
            gi = gradInput.data();
        }
        if (train && upper - lower > 1e-6) {
            Buffers.checkSameNumel(this, noise, gradOutput);
            double[] r = noise.data();
            for (int i = 0; i < n; i++) {
                gi[i] = g[i] * r[i];
            }
        } else {
            double a = (lower + upper) / 2;
            for (int i = 0; i < n; i++) {
                gi[i] = x[i] <= 0 ? g[i] * a : g[i];
            }
        }
        if (inplace) {
            gradInput.set(gradOutput);
        }
        return gradInput;
    }

    @Override
    public RReLU clearState() {
        super.clearState();
        noise = Tensor.empty();
        return this;
    }

    /** {@code nn.RReLU (l:0.125000, u:0.333333)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (l:%f, u:%f)", torchTypeName(), lower, upper);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public RReLU training() {
        super.training();
        return this;
    }

    @Override
    public RReLU evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public RReLU reset() {
        super.reset();
        return this;
    }

    @Override
    public RReLU reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
