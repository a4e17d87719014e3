package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Divides every plane by a weighted local standard deviation taken across all planes (Torch's
 * {@code nn.SpatialDivisiveNormalization}, {@code SpatialDivisiveNormalization.lua}):
 * <pre>
 *   σ[h, w]    = √( Σ_i Σ_{a, b} K[a, b] · x_i²[h + a − ⌊kH/2⌋, w + b − ⌊kW/2⌋] )    (0 outside the image)
 *   coef[h, w] = the same sum, without the root, of an all-ones input
 *   s          = σ / coef;     t = s if s &gt; threshold, else thresval
 *   y_c        = x_c / t
 * </pre>
 * with the kernel normalised at construction to {@code k / (Σk · nInputPlane)} for a 2-D kernel
 * ({@code K = k}), {@code k / (Σk · √nInputPlane)} for a 1-D one ({@code K = k ⊗ k}).
 * {@code coef} is recomputed when the image size changes. Backward, with
 * {@code q_c = −(g_c / t) / t · x_c} where {@code s > threshold} (0 elsewhere):
 * {@code gradInput_c = g_c / t + 2·x_c · Kᵀ ⋆ Σ_j 0.5·(q_j / coef) / σ} (the last factor 0 where
 * {@code σ = 0}, as Torch's {@code Sqrt}).
 *
 * <table class="striped">
 *   <caption>Shapes ({@code C = nInputPlane})</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>kernel</td><td colspan="2">{@code [kH, kW]} or {@code [k]}, odd sizes (default 9 × 9 ones)</td></tr>
 * </table>
 *
 * <p>Defaults as Torch: {@code threshold = 1e-4}, {@code thresval = threshold} (Torch's
 * {@code thresval or threshold or 1e-4}). In Torch the module is a composite
 * ({@code meanestimator}, {@code stdestimator}: Square, SpatialZeroPadding, convolutions,
 * Replicate, Sqrt; {@code divider}, {@code normalizer}: CDivTable; {@code thresholder}:
 * Threshold); here the same numbers come from direct loops. No parameters. Prints
 * {@code nn.SpatialDivisiveNormalization}.
 *
 * <p><b>Differences from Torch:</b> the caller's kernel is copied, not divided in place; a kernel
 * whose sum is 0 or not finite is refused; a batch of another size but the same image size
 * reuses the coefficients (Torch keeps them expanded to the old batch size and then fails).
 */
public class SpatialDivisiveNormalization extends Module<Tensor, Tensor> {

    private static final String NAME = "nn.SpatialDivisiveNormalization";

    private final LocalPlaneSum estimator;
    private final double threshold;
    private final double thresval;
    private final int[] layout = new int[3];
    private double[] coef = new double[0];
    private int coefH = -1;
    private int coefW = -1;
    private double[] planeSum = new double[0];
    private double[] gradSum = new double[0];
    private double[] gradPlane = new double[0];
    /** {@code σ} and {@code s = σ / coef} of every sample of the last forward, {@code N·H·W}. */
    private double[] localStd = new double[0];
    private double[] adjusted = new double[0];
    private double[] squares = new double[0];

    /** {@code SpatialDivisiveNormalization(1, 9 × 9 ones)}. */
    public SpatialDivisiveNormalization() {
        this(1);
    }

    /**
     * A normalisation with the default kernel, 9 × 9 ones.
     *
     * @param nInputPlane the number of planes, positive
     */
    public SpatialDivisiveNormalization(int nInputPlane) {
        this(nInputPlane, LocalPlaneSum.defaultKernel());
    }

    /**
     * A normalisation with threshold and thresval 1e-4.
     *
     * @param nInputPlane the number of planes, positive
     * @param kernel a 1-D or 2-D kernel with odd sizes and a non-zero sum (copied, then normalised)
     */
    public SpatialDivisiveNormalization(int nInputPlane, Tensor kernel) {
        this(nInputPlane, kernel, 1e-4, 1e-4);
    }

    /**
     * A normalisation with {@code thresval = threshold}.
     *
     * @param nInputPlane the number of planes, positive
     * @param kernel a 1-D or 2-D kernel with odd sizes and a non-zero sum (copied, then normalised)
     * @param threshold the smallest standard deviation divided by
     */
    public SpatialDivisiveNormalization(int nInputPlane, Tensor kernel, double threshold) {
        this(nInputPlane, kernel, threshold, threshold);
    }

    /**
     * A divisive normalisation.
     *
     * @param nInputPlane the number of planes, positive
     * @param kernel a 1-D or 2-D kernel with odd sizes and a non-zero sum (copied, then normalised)
     * @param threshold the smallest standard deviation divided by, finite
     * @param thresval what replaces a standard deviation not above the threshold, finite
     */
    public SpatialDivisiveNormalization(int nInputPlane, Tensor kernel, double threshold, double thresval) {
        this(new LocalPlaneSum(SpatialSubtractiveNormalization.planes(nInputPlane),
                LocalPlaneSum.normalised(NAME, kernel, divisor(kernel, nInputPlane))), threshold, thresval);
        LocalPlaneSum.drawAsTorch(nInputPlane, kernel, 2);
    }

    private SpatialDivisiveNormalization(LocalPlaneSum estimator, double threshold, double thresval) {
        super(Tensor.empty(), Tensor.empty());
        if (!Double.isFinite(threshold) || !Double.isFinite(thresval)) {
            throw new IllegalArgumentException(NAME + ": threshold and thresval must be finite, got " + threshold
                    + " and " + thresval);
        }
        this.estimator = estimator;
        this.threshold = threshold;
        this.thresval = thresval;
    }

    /** A module whose kernel is already normalised (a {@code .t7} file's, Contrastive's). */
    static SpatialDivisiveNormalization withNormalisedKernel(int nInputPlane, Tensor kernel, double threshold,
            double thresval) {
        LocalPlaneSum.check(NAME, kernel);
        return new SpatialDivisiveNormalization(
                new LocalPlaneSum(SpatialSubtractiveNormalization.planes(nInputPlane), kernel.deepCopy()),
                threshold, thresval);
    }

    private static double divisor(Tensor kernel, int nInputPlane) {
        return kernel != null && kernel.dim() == 1 ? Math.sqrt(nInputPlane) : nInputPlane;
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
     * The normalised kernel (a copy).
     *
     * @return the kernel
     */
    public Tensor kernel() {
        return estimator.kernel.deepCopy();
    }

    Tensor kernelView() {
        return estimator.kernel;
    }

    /**
     * The threshold.
     *
     * @return {@code threshold}
     */
    public double threshold() {
        return threshold;
    }

    /**
     * The value that replaces a standard deviation not above the threshold.
     *
     * @return {@code thresval}
     */
    public double thresval() {
        return thresval;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        LocalPlaneSum.layout(input, estimator.nInputPlane, layout, this);
        int batch = layout[0];
        int h = layout[1];
        int w = layout[2];
        int hw = h * w;
        int sample = estimator.nInputPlane * hw;
        buffers(batch, h, w);
        output.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        double[] sq = squares;
        double[] cf = coef;
        for (int b = 0; b < batch; b++) {
            int base = b * sample;
            for (int i = 0; i < sample; i++) {
                double v = x[base + i];
                sq[i] = v * v;
            }
            int at = b * hw;
            estimator.forward(sq, 0, h, w, planeSum, localStd, at);
            for (int p = 0; p < hw; p++) {
                double sd = Math.sqrt(localStd[at + p]);
                localStd[at + p] = sd;
                adjusted[at + p] = sd / cf[p];
            }
            for (int off = base; off < base + sample; off += hw) {
                for (int p = 0; p < hw; p++) {
                    double s = adjusted[at + p];
                    double t = s > threshold ? s : thresval;
                    y[off + p] = x[off + p] / t;
                }
            }
        }
        return output;
    }

    /** Uses the statistics of the last forward, which must have been on {@code input}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        LocalPlaneSum.layout(input, estimator.nInputPlane, layout, this);
        Buffers.checkSameNumel(this, input, gradOutput);
        int batch = layout[0];
        int h = layout[1];
        int w = layout[2];
        int hw = h * w;
        int sample = estimator.nInputPlane * hw;
        if (h != coefH || w != coefW || localStd.length < batch * hw) {
            throw new IllegalStateException(this + ": backward of an input of size " + input.shapeString()
                    + " without a forward on it");
        }
        gradInput.resizeAs(input);
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double[] cf = coef;
        double[] gs = gradSum;
        for (int b = 0; b < batch; b++) {
            int base = b * sample;
            int at = b * hw;
            java.util.Arrays.fill(gs, 0, hw, 0.0);
            for (int off = base; off < base + sample; off += hw) {
                for (int p = 0; p < hw; p++) {
                    double s = adjusted[at + p];
                    double sd = localStd[at + p];
                    double t = s > threshold ? s : thresval;
                    double gn = g[off + p] / t;
                    gi[off + p] = gn;
                    if (s > threshold && sd != 0.0) {
                        double q = -gn / t * x[off + p];
                        gs[p] += 0.5 * ((q / cf[p]) / sd);
                    }
                }
            }
            estimator.backward(gs, h, w, gradPlane);
            for (int off = base; off < base + sample; off += hw) {
                for (int p = 0; p < hw; p++) {
                    gi[off + p] = 2 * x[off + p] * gradPlane[p] + gi[off + p];
                }
            }
        }
        return gradInput;
    }

    private void buffers(int batch, int h, int w) {
        int hw = h * w;
        planeSum = LocalPlaneSum.atLeast(planeSum, hw);
        gradSum = LocalPlaneSum.atLeast(gradSum, hw);
        gradPlane = LocalPlaneSum.atLeast(gradPlane, hw);
        squares = LocalPlaneSum.atLeast(squares, estimator.nInputPlane * hw);
        localStd = LocalPlaneSum.atLeast(localStd, batch * hw);
        adjusted = LocalPlaneSum.atLeast(adjusted, batch * hw);
        if (h != coefH || w != coefW) {
            coef = new double[hw];
            estimator.coefficients(h, w, coef);
            coefH = h;
            coefW = w;
        }
    }

    /** {@code nn.SpatialDivisiveNormalization}: nInputPlane, kernel, threshold, thresval. */
    static final T7Codec<SpatialDivisiveNormalization> T7 = LuaFields.codec(NAME, SpatialDivisiveNormalization.class,
            (o, in) -> {
                double th = o.getNumber("threshold", 1e-4);
                return withNormalisedKernel(o.getInt("nInputPlane", 1), in.tensor(o, "kernel"), th,
                        o.getNumber("thresval", th));
            },
            (m, f, out) -> SpatialNormalizationT7.writeDivisive(m.nInputPlane(), m.kernelView(), m.threshold,
                    m.thresval, f, out));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialDivisiveNormalization training() {
        super.training();
        return this;
    }

    @Override
    public SpatialDivisiveNormalization evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialDivisiveNormalization reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialDivisiveNormalization reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
