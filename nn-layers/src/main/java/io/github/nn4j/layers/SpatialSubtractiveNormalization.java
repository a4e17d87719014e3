package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Subtracts a weighted local mean, taken across all planes, from every plane (Torch's
 * {@code nn.SpatialSubtractiveNormalization}, {@code SpatialSubtractiveNormalization.lua}):
 * <pre>
 *   S[h, w]    = Σ_i Σ_{a, b} K[a, b] · x_i[h + a − ⌊kH/2⌋, w + b − ⌊kW/2⌋]     (0 outside the image)
 *   coef[h, w] = S of an all-ones input
 *   y_c        = x_c − S / coef
 * </pre>
 * with the kernel normalised at construction to {@code k / (Σk · nInputPlane)}, and
 * {@code K = k} for a 2-D kernel, {@code K = k ⊗ k} (separable) for a 1-D one. The division by
 * {@code coef} (recomputed when the image size changes, as Torch does on the forward) corrects the
 * borders, where part of the window lies in the zero padding: inside the image {@code coef = 1}
 * for a 2-D kernel. Backward: {@code gradInput_c = g_c − Kᵀ ⋆ Σ_j (g_j / coef)}.
 *
 * <table class="striped">
 *   <caption>Shapes ({@code C = nInputPlane})</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>kernel</td><td colspan="2">{@code [kH, kW]} or {@code [k]}, odd sizes (default 9 × 9 ones)</td></tr>
 * </table>
 *
 * <p>In Torch the module is a composite ({@code meanestimator}: SpatialZeroPadding,
 * SpatialConvolution or SpatialConvolutionMap + SpatialConvolution, Replicate; {@code subtractor}:
 * CSubTable; {@code divider}: CDivTable); here the same numbers come from direct loops, and the
 * planes are summed before the one convolution (every plane has the same kernel). No parameters
 * (Torch's convolution weights are fixed). Prints {@code nn.SpatialSubtractiveNormalization}.
 *
 * <p><b>Differences from Torch:</b> the caller's kernel is copied, not divided in place; a kernel
 * whose sum is 0 or not finite is refused.
 */
public class SpatialSubtractiveNormalization extends Module<Tensor, Tensor> {

    private static final String NAME = "nn.SpatialSubtractiveNormalization";

    private final LocalPlaneSum estimator;
    private final int[] layout = new int[3];
    /** {@code coef} for the image size {@code coefH × coefW}. */
    private double[] coef = new double[0];
    private int coefH = -1;
    private int coefW = -1;
    private double[] planeSum = new double[0];
    private double[] sums = new double[0];
    private double[] gradPlane = new double[0];

    /**
     * {@code SpatialSubtractiveNormalization(1, 9 × 9 ones)}.
     */
    public SpatialSubtractiveNormalization() {
        this(1);
    }

    /**
     * A normalisation with the default kernel, 9 × 9 ones.
     *
     * @param nInputPlane the number of planes, positive
     */
    public SpatialSubtractiveNormalization(int nInputPlane) {
        this(nInputPlane, LocalPlaneSum.defaultKernel());
    }

    /**
     * A normalisation with the given averaging kernel.
     *
     * @param nInputPlane the number of planes, positive
     * @param kernel a 1-D or 2-D kernel with odd sizes and a non-zero sum (copied, then normalised)
     */
    public SpatialSubtractiveNormalization(int nInputPlane, Tensor kernel) {
        this(new LocalPlaneSum(planes(nInputPlane), LocalPlaneSum.normalised(NAME, kernel, nInputPlane)));
        LocalPlaneSum.drawAsTorch(nInputPlane, kernel, 1);
    }

    private SpatialSubtractiveNormalization(LocalPlaneSum estimator) {
        super(Tensor.empty(), Tensor.empty());
        this.estimator = estimator;
    }

    /** A module whose kernel is already normalised (a {@code .t7} file's, Contrastive's). */
    static SpatialSubtractiveNormalization withNormalisedKernel(int nInputPlane, Tensor kernel) {
        LocalPlaneSum.check(NAME, kernel);
        return new SpatialSubtractiveNormalization(new LocalPlaneSum(planes(nInputPlane), kernel.deepCopy()));
    }

    static int planes(int nInputPlane) {
        if (nInputPlane <= 0) {
            throw new IllegalArgumentException("nInputPlane must be positive, got " + nInputPlane);
        }
        return nInputPlane;
    }

    /**
     * The number of planes.
     *
     * @return {@code nInputPlane}
     */
    public int nInputPlane() {
        return estimator.nInputPlane;
    }

    /**
     * The normalised kernel, {@code k / (Σk · nInputPlane)} (a copy).
     *
     * @return the kernel
     */
    public Tensor kernel() {
        return estimator.kernel.deepCopy();
    }

    Tensor kernelView() {
        return estimator.kernel;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        LocalPlaneSum.layout(input, estimator.nInputPlane, layout, this);
        int batch = layout[0];
        int h = layout[1];
        int w = layout[2];
        int hw = h * w;
        int sample = estimator.nInputPlane * hw;
        buffers(h, w);
        output.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        double[] cf = coef;
        for (int b = 0; b < batch; b++) {
            int base = b * sample;
            estimator.forward(x, base, h, w, planeSum, sums, 0);
            for (int off = base; off < base + sample; off += hw) {
                for (int p = 0; p < hw; p++) {
                    y[off + p] = x[off + p] - sums[p] / cf[p];
                }
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        LocalPlaneSum.layout(input, estimator.nInputPlane, layout, this);
        Buffers.checkSameNumel(this, input, gradOutput);
        int batch = layout[0];
        int h = layout[1];
        int w = layout[2];
        int hw = h * w;
        int sample = estimator.nInputPlane * hw;
        buffers(h, w);
        gradInput.resizeAs(input);
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double[] cf = coef;
        double[] gs = sums;
        for (int b = 0; b < batch; b++) {
            int base = b * sample;
            java.util.Arrays.fill(gs, 0, hw, 0.0);
            for (int off = base; off < base + sample; off += hw) {
                for (int p = 0; p < hw; p++) {
                    gs[p] += -g[off + p] / cf[p];
                }
            }
            estimator.backward(gs, h, w, gradPlane);
            for (int off = base; off < base + sample; off += hw) {
                for (int p = 0; p < hw; p++) {
                    gi[off + p] = gradPlane[p] + g[off + p];
                }
            }
        }
        return gradInput;
    }

    /** The per-plane buffers, and {@code coef} when the image size changed. */
    private void buffers(int h, int w) {
        int hw = h * w;
        planeSum = LocalPlaneSum.atLeast(planeSum, hw);
        sums = LocalPlaneSum.atLeast(sums, hw);
        gradPlane = LocalPlaneSum.atLeast(gradPlane, hw);
        if (h != coefH || w != coefW) {
            coef = new double[hw];
            estimator.coefficients(h, w, coef);
            coefH = h;
            coefW = w;
        }
    }

    /** {@code nn.SpatialSubtractiveNormalization}: nInputPlane, kernel; see {@link SpatialNormalizationT7}. */
    static final T7Codec<SpatialSubtractiveNormalization> T7 = LuaFields.codec(NAME,
            SpatialSubtractiveNormalization.class,
            (o, in) -> withNormalisedKernel(o.getInt("nInputPlane", 1), in.tensor(o, "kernel")),
            (m, f, out) -> SpatialNormalizationT7.writeSubtractive(m.nInputPlane(), m.kernelView(), f, out));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialSubtractiveNormalization training() {
        super.training();
        return this;
    }

    @Override
    public SpatialSubtractiveNormalization evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialSubtractiveNormalization reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialSubtractiveNormalization reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
