package io.github.nn4j.layers;

import java.util.Locale;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;

/**
 * Randomly zeroes elements during training (Torch's {@code nn.Dropout}, {@code Dropout.lua}).
 *
 * <p>Training mode: a mask {@code noise} is drawn element by element, row-major, as
 * {@code TorchRandom.global().bernoulli(1 − p)} (Torch's {@code noise:bernoulli(1-p)}, so
 * {@code TorchRandom.manualSeed(s)} gives Torch's mask for {@code torch.manualSeed(s)}), then
 * {@code y = x ⊙ noise} and {@code gradInput = gradOutput ⊙ noise}.
 * <ul>
 *   <li><b>v2</b> (the default, "inverted" dropout): the mask is divided by {@code 1 − p} in
 *       training; evaluation is the identity ({@code y = x}, {@code gradInput = gradOutput});</li>
 *   <li><b>v1</b> ({@code v1 = true}): the mask is not rescaled in training; evaluation scales:
 *       {@code y = (1 − p)·x}, {@code gradInput = (1 − p)·gradOutput}.</li>
 * </ul>
 * With {@code stochasticInference} the mask is drawn in evaluation mode too (the gradient is
 * then not masked, as in Torch). {@code p = 0} is the identity in every mode.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output, noise, gradOutput, gradInput</th></tr>
 *   <tr><td>any</td><td>same as input</td></tr>
 * </table>
 *
 * <p><b>In place</b>: the output is the input's storage (overwritten), and the gradInput the
 * gradOutput's. A new layer is in training mode, as Torch's Dropout. Prints
 * {@code nn.Dropout(0.500000)}, as Torch ({@code %f} of p).
 *
 * <p><b>Differences from Torch:</b> {@link #setp} checks {@code 0 ≤ p < 1} as the constructor
 * does (Torch's {@code setp} does not).
 */
public class Dropout extends Module<Tensor, Tensor> {

    private double p;
    private final boolean v2;
    private final boolean inplace;
    private final boolean stochasticInference;
    /** The last mask (already divided by {@code 1 − p} in v2). */
    private Tensor noise = Tensor.empty();

    /** {@code Dropout(0.5)}. */
    public Dropout() {
        this(0.5);
    }

    /**
     * Inverted dropout, not in place.
     *
     * @param p the probability of zeroing an element, in {@code [0, 1)}
     */
    public Dropout(double p) {
        this(p, false, false, false);
    }

    /**
     * Dropout, v1 or v2, not in place.
     *
     * @param p the probability of zeroing an element, in {@code [0, 1)}
     * @param v1 whether to use the old scaling (in evaluation rather than in training)
     */
    public Dropout(double p, boolean v1) {
        this(p, v1, false, false);
    }

    /**
     * Dropout, v1 or v2, in place or not.
     *
     * @param p the probability of zeroing an element, in {@code [0, 1)}
     * @param v1 whether to use the old scaling (in evaluation rather than in training)
     * @param inplace whether to overwrite the input and gradOutput
     */
    public Dropout(double p, boolean v1, boolean inplace) {
        this(p, v1, inplace, false);
    }

    /**
     * Dropout with Torch's full set of options.
     *
     * @param p the probability of zeroing an element, in {@code [0, 1)}
     * @param v1 whether to use the old scaling (in evaluation rather than in training)
     * @param inplace whether to overwrite the input and gradOutput
     * @param stochasticInference whether to keep drawing masks in evaluation mode
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1)}
     */
    public Dropout(double p, boolean v1, boolean inplace, boolean stochasticInference) {
        super(Tensor.empty(), Tensor.empty());
        this.p = checkP(p);
        this.v2 = !v1;
        this.inplace = inplace;
        this.stochasticInference = stochasticInference;
    }

    /**
     * Changes the probability (Torch's {@code setp}).
     *
     * @param p the probability of zeroing an element, in {@code [0, 1)}
     * @return this
     */
    public Dropout setp(double p) {
        this.p = checkP(p);
        return this;
    }

    /**
     * The probability of zeroing an element.
     *
     * @return p
     */
    public double p() {
        return p;
    }

    /**
     * Whether this is the old dropout (v1: masks unscaled in training, output scaled by
     * {@code 1 − p} in evaluation); Torch stores the opposite flag, {@code v2}.
     *
     * @return true for v1
     */
    public boolean isV1() {
        return !v2;
    }

    /**
     * Whether the input and gradOutput are overwritten.
     *
     * @return the in-place flag
     */
    public boolean isInplace() {
        return inplace;
    }

    /**
     * Whether masks are still drawn in evaluation mode (Torch's {@code stochastic_inference}).
     *
     * @return the flag
     */
    public boolean isStochasticInference() {
        return stochasticInference;
    }

    /**
     * The mask of the last training forward: 0 or 1 (v1), 0 or {@code 1/(1 − p)} (v2).
     *
     * @return the mask buffer (not a copy)
     */
    public Tensor noise() {
        return noise;
    }

    /** In place: overwrites {@code input}, and {@code output} becomes a view of it. */
    @Override
    public Tensor updateOutput(Tensor input) {
        if (inplace) {
            output.set(input);
        } else {
            output.resizeAs(input).copy(input);
        }
        if (p > 0) {
            int n = input.numel();
            double[] y = output.data();
            if (train || stochasticInference) {
                drawNoise(input);
                double[] m = noise.data();
                for (int i = 0; i < n; i++) {
                    y[i] *= m[i];
                }
            } else if (!v2) {
                double keep = 1 - p;
                for (int i = 0; i < n; i++) {
                    y[i] *= keep;
                }
            }
        }
        return output;
    }

    /** In place: overwrites {@code gradOutput}, and {@code gradInput} becomes a view of it. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        if (inplace) {
            gradInput.set(gradOutput);
        } else {
            gradInput.resizeAs(gradOutput).copy(gradOutput);
        }
        if (p > 0) {
            int n = gradOutput.numel();
            double[] gi = gradInput.data();
            if (train) {
                Buffers.checkSameNumel(this, noise, gradOutput);
                double[] m = noise.data();
                for (int i = 0; i < n; i++) {
                    gi[i] *= m[i];
                }
            } else if (!v2) {
                double keep = 1 - p;
                for (int i = 0; i < n; i++) {
                    gi[i] *= keep;
                }
            }
        }
        return gradInput;
    }

    @Override
    public Dropout clearState() {
        super.clearState();
        noise = Tensor.empty();
        return this;
    }

    /** {@code nn.Dropout(0.500000)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(%f)", torchTypeName(), p);
    }

    private void drawNoise(Tensor input) {
        noise.resizeAs(input);
        int n = input.numel();
        double[] m = noise.data();
        double keep = 1 - p;
        TorchRandom.global().bernoulli(keep, m, 0, n);
        if (v2) {
            for (int i = 0; i < n; i++) {
                m[i] /= keep;
            }
        }
    }

    private static double checkP(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("nn.Dropout: illegal percentage " + p + ", must be 0 <= p < 1");
        }
        return p;
    }

    /**
     * The {@code .t7} form of {@code nn.Dropout}: {@code p}, {@code v2}, {@code inplace},
     * {@code stochastic_inference}, {@code noise}; a file without {@code v2} predates Torch's
     * inverted dropout (nil is falsy) and runs as v1.
     */
    static final T7Codec<Dropout> T7 = LuaFields.codec("nn.Dropout", Dropout.class, (o, in) -> {
        Dropout d = new Dropout(o.getNumber("p", 0.5), !LuaFields.truthy(o.get("v2")),
                LuaFields.truthy(o.get("inplace")), LuaFields.truthy(o.get("stochastic_inference")));
        if (!LuaFields.truthy(o.get("train"))) {
            d.evaluate();
        }
        return d;
    }, (m, f, out) -> {
        f.put("p", m.p());
        f.put("v2", !m.isV1());
        f.put("inplace", m.isInplace());
        f.put("stochastic_inference", m.isStochasticInference());
        f.put("noise", out.tensor(m.noise()));
    });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Dropout training() {
        super.training();
        return this;
    }

    @Override
    public Dropout evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Dropout reset() {
        super.reset();
        return this;
    }

    @Override
    public Dropout reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
