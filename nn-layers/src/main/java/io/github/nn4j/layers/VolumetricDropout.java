package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;

/**
 * Dropout of whole planes ({@code T, H, W}) of a volumetric convolution's feature volumes (Torch's {@code nn.VolumetricDropout},
 * {@code VolumetricDropout.lua}): neighbouring values of a map are correlated, so they are kept or
 * dropped together.
 *
 * <p><b>Training</b>: one mask value per (sample, plane), drawn row-major over
 * {@code (sample, plane)} as {@code TorchRandom.global().bernoulli(1 − p)} (Torch's
 * {@code noise:bernoulli(1-p)} on a {@code [B, C, 1, 1, 1]} tensor, so {@code TorchRandom.manualSeed(s)}
 * gives Torch's mask for {@code torch.manualSeed(s)}); {@code y = x ⊙ mask} expanded over the
 * plane, {@code gradInput = gradOutput ⊙ mask}. The kept planes are <b>not</b> rescaled (this
 * module has no "v2" inverted mode, unlike {@link Dropout}).
 * <br><b>Evaluation</b> ({@link #evaluate()}): {@code y = (1 − p)·x}, unless
 * {@code stochasticInference}, which keeps drawing masks as in training.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>{@code [C, T, H, W]}</td><td>{@code [B, C, T, H, W]}</td></tr>
 *   <tr><td>noise (the mask)</td><td>{@code [C, 1, 1, 1]}</td><td>{@code [B, C, 1, 1, 1]}</td></tr>
 * </table>
 *
 * <p>A new module is in training mode, as Torch's. Prints {@code nn.VolumetricDropout(0.500000)}
 * ({@code %f} of p, as Torch).
 *
 * <p><b>Differences from Torch:</b> backward in evaluation mode is defined: it is the derivative
 * of the evaluation forward, {@code gradInput = (1 − p)·gradOutput} (or the mask of the last
 * forward under {@code stochasticInference}), where Torch raises "backprop only defined while
 * training"; so a network in evaluation mode can still give input gradients. The input must be
 * 3+1- or 3+2-dimensional in evaluation mode too (Torch checks only when it draws a mask), and
 * {@code p} must be in {@code [0, 1]} (Torch does not check).
 */
public class VolumetricDropout extends PlaneDropout {

    /** {@code VolumetricDropout(0.5)}. */
    public VolumetricDropout() {
        this(0.5);
    }

    /**
     * Plane dropout without stochastic inference.
     *
     * @param p the probability of zeroing a plane, in {@code [0, 1]}
     */
    public VolumetricDropout(double p) {
        this(p, false);
    }

    /**
     * Plane dropout (Torch's {@code nn.VolumetricDropout(p, stochasticInference)}).
     *
     * @param p the probability of zeroing a plane, in {@code [0, 1]}
     * @param stochasticInference whether to keep drawing masks in evaluation mode
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]} or NaN
     */
    public VolumetricDropout(double p, boolean stochasticInference) {
        super(p, stochasticInference, 3);
    }

    @Override
    public VolumetricDropout setp(double p) {
        super.setp(p);
        return this;
    }

    static final T7Codec<VolumetricDropout> T7 = LuaFields.codec("nn.VolumetricDropout", VolumetricDropout.class,
            (o, in) -> new VolumetricDropout(readP(o), LuaFields.truthy(o.get("stochastic_inference"))
                    || LuaFields.truthy(o.get("si"))),
            PlaneDropout::write);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public VolumetricDropout training() {
        super.training();
        return this;
    }

    @Override
    public VolumetricDropout evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public VolumetricDropout reset() {
        super.reset();
        return this;
    }

    @Override
    public VolumetricDropout reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
