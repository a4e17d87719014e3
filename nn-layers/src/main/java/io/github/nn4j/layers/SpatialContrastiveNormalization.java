package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Subtractive then divisive local normalisation (Torch's
 * {@code nn.SpatialContrastiveNormalization}, {@code SpatialContrastiveNormalization.lua}): a
 * {@link SpatialSubtractiveNormalization} followed by a {@link SpatialDivisiveNormalization}
 * with the same kernel, threshold and thresval, as Torch's {@code normalizer} Sequential:
 * {@code y = div(sub(x))}, {@code gradInput = sub'ᵀ(div'ᵀ(g))}.
 *
 * <p>As in Torch, both stages share one kernel tensor: the subtractive stage normalises it to
 * {@code k / (Σk · nInputPlane)}, then the divisive stage normalises that again (by
 * {@code Σ · nInputPlane} for a 2-D kernel, {@code Σ · √nInputPlane} for a 1-D one), which for a
 * 2-D kernel changes it by rounding only; {@link #kernel()} is the result of both.
 *
 * <table class="striped">
 *   <caption>Shapes ({@code C = nInputPlane})</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>kernel</td><td colspan="2">{@code [kH, kW]} or {@code [k]}, odd sizes (default 9 × 9 ones)</td></tr>
 * </table>
 *
 * <p>Defaults as Torch: {@code threshold = 1e-4}, {@code thresval = threshold}. No parameters.
 * Prints {@code nn.SpatialContrastiveNormalization}. <b>Differences from Torch:</b> those of the two
 * stages (the caller's kernel is copied, not divided in place).
 */
public class SpatialContrastiveNormalization extends Module<Tensor, Tensor> {

    private static final String NAME = "nn.SpatialContrastiveNormalization";

    private final SpatialSubtractiveNormalization subtractive;
    private final SpatialDivisiveNormalization divisive;
    private final int[] layout = new int[3];

    /** {@code SpatialContrastiveNormalization(1, 9 × 9 ones)}. */
    public SpatialContrastiveNormalization() {
        this(1);
    }

    /**
     * A normalisation with the default kernel, 9 × 9 ones.
     *
     * @param nInputPlane the number of planes, positive
     */
    public SpatialContrastiveNormalization(int nInputPlane) {
        this(nInputPlane, LocalPlaneSum.defaultKernel());
    }

    /**
     * A normalisation with threshold and thresval 1e-4.
     *
     * @param nInputPlane the number of planes, positive
     * @param kernel a 1-D or 2-D kernel with odd sizes and a non-zero sum (copied)
     */
    public SpatialContrastiveNormalization(int nInputPlane, Tensor kernel) {
        this(nInputPlane, kernel, 1e-4, 1e-4);
    }

    /**
     * A normalisation with {@code thresval = threshold}.
     *
     * @param nInputPlane the number of planes, positive
     * @param kernel a 1-D or 2-D kernel with odd sizes and a non-zero sum (copied)
     * @param threshold the smallest standard deviation divided by
     */
    public SpatialContrastiveNormalization(int nInputPlane, Tensor kernel, double threshold) {
        this(nInputPlane, kernel, threshold, threshold);
    }

    /**
     * A contrastive normalisation.
     *
     * @param nInputPlane the number of planes, positive
     * @param kernel a 1-D or 2-D kernel with odd sizes and a non-zero sum (copied)
     * @param threshold the smallest standard deviation divided by, finite
     * @param thresval what replaces a standard deviation not above the threshold, finite
     */
    public SpatialContrastiveNormalization(int nInputPlane, Tensor kernel, double threshold, double thresval) {
        this(stages(nInputPlane, kernel, threshold, thresval));
    }

    private SpatialContrastiveNormalization(Module<?, ?>[] stages) {
        super(Tensor.empty(), Tensor.empty());
        subtractive = (SpatialSubtractiveNormalization) stages[0];
        divisive = (SpatialDivisiveNormalization) stages[1];
    }

    private static Module<?, ?>[] stages(int nInputPlane, Tensor kernel, double threshold, double thresval) {
        LocalPlaneSum.check(NAME, kernel);
        SpatialSubtractiveNormalization sub = new SpatialSubtractiveNormalization(nInputPlane, kernel);
        // Torch passes the same, already normalised, kernel tensor on: normalised a second time
        SpatialDivisiveNormalization div = new SpatialDivisiveNormalization(nInputPlane, sub.kernelView(),
                threshold, thresval);
        return new Module<?, ?>[] {sub, div};
    }

    /** A module whose kernels are already normalised (a {@code .t7} file's). */
    static SpatialContrastiveNormalization withNormalisedKernel(int nInputPlane, Tensor subKernel, Tensor kernel,
            double threshold, double thresval) {
        return new SpatialContrastiveNormalization(new Module<?, ?>[] {
            SpatialSubtractiveNormalization.withNormalisedKernel(nInputPlane, subKernel),
            SpatialDivisiveNormalization.withNormalisedKernel(nInputPlane, kernel, threshold, thresval)});
    }

    /**
     * The number of planes.
     *
     * @return {@code nInputPlane}
     */
    public int nInputPlane() {
        return divisive.nInputPlane();
    }

    /**
     * The kernel after both stages normalised it (a copy).
     *
     * @return the kernel
     */
    public Tensor kernel() {
        return divisive.kernel();
    }

    /**
     * The threshold.
     *
     * @return {@code threshold}
     */
    public double threshold() {
        return divisive.threshold();
    }

    /**
     * The value that replaces a standard deviation not above the threshold.
     *
     * @return {@code thresval}
     */
    public double thresval() {
        return divisive.thresval();
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        LocalPlaneSum.layout(input, nInputPlane(), layout, this);
        output = divisive.updateOutput(subtractive.updateOutput(input));
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        gradInput = subtractive.updateGradInput(input, divisive.updateGradInput(subtractive.output(), gradOutput));
        return gradInput;
    }

    @Override
    public SpatialContrastiveNormalization clearState() {
        super.clearState();
        subtractive.clearState();
        divisive.clearState();
        return this;
    }

    /**
     * {@code nn.SpatialContrastiveNormalization}: nInputPlane, kernel, threshold, thresval, and the
     * two stages in {@code normalizer} (see {@link SpatialNormalizationT7}).
     */
    static final T7Codec<SpatialContrastiveNormalization> T7 = LuaFields.codec(NAME,
            SpatialContrastiveNormalization.class,
            (o, in) -> {
                double th = o.getNumber("threshold", 1e-4);
                Tensor kernel = in.tensor(o, "kernel");
                LocalPlaneSum.check(NAME, kernel);
                return withNormalisedKernel(o.getInt("nInputPlane", 1),
                        SpatialNormalizationT7.contrastiveSubtractiveKernel(o, kernel), kernel, th,
                        o.getNumber("thresval", th));
            },
            (m, f, out) -> SpatialNormalizationT7.writeContrastive(m.nInputPlane(), m.subtractive.kernelView(),
                    m.divisive.kernelView(), m.threshold(), m.thresval(), f, out));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialContrastiveNormalization training() {
        super.training();
        return this;
    }

    @Override
    public SpatialContrastiveNormalization evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialContrastiveNormalization reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialContrastiveNormalization reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
