package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Local response normalisation across feature maps (Torch's {@code nn.SpatialCrossMapLRN},
 * {@code SpatialCrossMapLRN.lua}, its CPU path), as in Krizhevsky et al. (2012):
 * <pre>
 *   scale[c] = k + (alpha / size) · Σ_{j = c − ⌊size/2⌋}^{c + ⌊size/2⌋} x[j]²     (planes outside [0, C) left out)
 *   y[c]     = x[c] · scale[c]^(−beta)
 * </pre>
 * at every position. The window sums are computed as Torch does: the first one directly, each next
 * one from the previous by adding the plane entering and subtracting the plane leaving. Backward
 * (Torch's formula):
 * <pre>
 *   gradInput[c] = g[c] · scale[c]^(−beta)
 *                  − (2·alpha·beta / size) · x[c] · Σ_{j in the window of c} g[j] · y[j] / scale[j]
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input, output, scale, gradOutput, gradInput</td><td>{@code [C, H, W]}</td>
 *       <td>{@code [N, C, H, W]}</td></tr>
 * </table>
 *
 * <p>Defaults as Torch: {@code alpha = 1e-4}, {@code beta = 0.75}, {@code k = 1}. Prints
 * {@code nn.SpatialCrossMapLRN} (Torch defines no {@code __tostring__}).
 *
 * <p><b>Differences from Torch:</b> an even {@code size} is refused at construction (Torch's CPU
 * forward then indexes plane 0 and fails for more than one plane); {@code size = 1} has a backward
 * (Torch's fails on a narrow of length 0), with the same formula.
 */
public class SpatialCrossMapLRN extends Module<Tensor, Tensor> {

    private final int size;
    private final double alpha;
    private final double beta;
    private final double k;
    /** {@code k + alpha/size · Σ x²} of the last forward (Torch's {@code scale}). */
    private Tensor scale = Tensor.empty();
    /** Torch's {@code paddedRatio}: {@code g·y/scale} of one sample with {@code size − 1} zero planes around it. */
    private double[] paddedRatio = new double[0];
    /** Torch's {@code accumRatio}: the running window sum of one plane. */
    private double[] accumRatio = new double[0];

    /**
     * {@code SpatialCrossMapLRN(size, 1e-4, 0.75, 1)}.
     *
     * @param size the number of planes in a window, odd and positive
     */
    public SpatialCrossMapLRN(int size) {
        this(size, 1e-4, 0.75, 1);
    }

    /**
     * {@code SpatialCrossMapLRN(size, alpha, 0.75, 1)}.
     *
     * @param size the number of planes in a window, odd and positive
     * @param alpha the factor of the sum of squares
     */
    public SpatialCrossMapLRN(int size, double alpha) {
        this(size, alpha, 0.75, 1);
    }

    /**
     * {@code SpatialCrossMapLRN(size, alpha, beta, 1)}.
     *
     * @param size the number of planes in a window, odd and positive
     * @param alpha the factor of the sum of squares
     * @param beta the exponent
     */
    public SpatialCrossMapLRN(int size, double alpha, double beta) {
        this(size, alpha, beta, 1);
    }

    /**
     * A cross-map local response normalisation.
     *
     * @param size the number of planes in a window, odd and positive
     * @param alpha the factor of the sum of squares, finite
     * @param beta the exponent, finite
     * @param k the constant added to the scaled sum, finite
     */
    public SpatialCrossMapLRN(int size, double alpha, double beta, double k) {
        super(Tensor.empty(), Tensor.empty());
        if (size <= 0 || size % 2 == 0) {
            throw new IllegalArgumentException("nn.SpatialCrossMapLRN: size must be odd and positive, got " + size);
        }
        if (!Double.isFinite(alpha) || !Double.isFinite(beta) || !Double.isFinite(k)) {
            throw new IllegalArgumentException("nn.SpatialCrossMapLRN(" + size + "): alpha, beta and k must be finite,"
                    + " got " + alpha + ", " + beta + ", " + k);
        }
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
    }

    /**
     * The window size.
     *
     * @return {@code size}
     */
    public int size() {
        return size;
    }

    /**
     * The factor of the sum of squares.
     *
     * @return {@code alpha}
     */
    public double alpha() {
        return alpha;
    }

    /**
     * The exponent.
     *
     * @return {@code beta}
     */
    public double beta() {
        return beta;
    }

    /**
     * The additive constant.
     *
     * @return {@code k}
     */
    public double k() {
        return k;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        checkInput(input);
        boolean batchMode = input.dim() == 4;
        int batch = batchMode ? input.size(0) : 1;
        int channels = input.size(batchMode ? 1 : 0);
        int plane = input.numel() / (batch * channels);
        output.resizeAs(input);
        scale.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        double[] s = scale.data();
        int n = input.numel();
        // the output holds the squares for a while, as in Torch
        for (int i = 0; i < n; i++) {
            y[i] = x[i] * x[i];
        }
        int half = (size - 1) / 2;
        int prePad = half + 1;
        int first = Math.min(prePad, channels);
        int sample = channels * plane;
        for (int b = 0; b < batch; b++) {
            int base = b * sample;
            java.util.Arrays.fill(s, base, base + plane, 0.0);
            for (int c = 0; c < first; c++) {
                int src = base + c * plane;
                for (int i = 0; i < plane; i++) {
                    s[base + i] += y[src + i];
                }
            }
            // 1-based c = 2..channels in Torch; here 0-based c = 1..channels-1
            for (int c = 1; c < channels; c++) {
                int cur = base + c * plane;
                int prev = cur - plane;
                boolean addNext = c + half < channels;
                boolean subPrev = c - half - 1 >= 0;
                int next = base + (c + half) * plane;
                int gone = base + (c - half - 1) * plane;
                for (int i = 0; i < plane; i++) {
                    double v = s[prev + i];
                    if (addNext) {
                        v += y[next + i];
                    }
                    if (subPrev) {
                        v += -y[gone + i];
                    }
                    s[cur + i] = v;
                }
            }
        }
        double factor = alpha / size;
        for (int i = 0; i < n; i++) {
            s[i] = s[i] * factor + k;
            y[i] = Math.pow(s[i], -beta) * x[i];
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        checkInput(input);
        if (!gradOutput.sameSizeAs(input) || !scale.sameSizeAs(input) || !output.sameSizeAs(input)) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the size " + input.shapeString() + " of the last forward");
        }
        boolean batchMode = input.dim() == 4;
        int batch = batchMode ? input.size(0) : 1;
        int channels = input.size(batchMode ? 1 : 0);
        int plane = input.numel() / (batch * channels);
        int sample = channels * plane;
        gradInput.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        double[] s = scale.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        int n = input.numel();
        for (int i = 0; i < n; i++) {
            gi[i] = Math.pow(s[i], -beta) * g[i];
        }
        int padded = (channels + size - 1) * plane;
        if (paddedRatio.length < padded) {
            paddedRatio = new double[padded];
        }
        if (accumRatio.length < plane) {
            accumRatio = new double[plane];
        }
        double[] pr = paddedRatio;
        double[] acc = accumRatio;
        java.util.Arrays.fill(pr, 0, padded, 0.0);
        double cacheRatio = 2 * alpha * beta / size;
        int centre = ((size - 1) / 2) * plane;
        for (int b = 0; b < batch; b++) {
            int base = b * sample;
            for (int i = 0; i < sample; i++) {
                pr[centre + i] = g[base + i] * y[base + i] / s[base + i];
            }
            java.util.Arrays.fill(acc, 0, plane, 0.0);
            for (int r = 0; r < size - 1; r++) {
                int row = r * plane;
                for (int i = 0; i < plane; i++) {
                    acc[i] += pr[row + i];
                }
            }
            for (int c = 0; c < channels; c++) {
                int enter = (c + size - 1) * plane;
                int leave = c * plane;
                int at = base + c * plane;
                for (int i = 0; i < plane; i++) {
                    double a = acc[i] + pr[enter + i];
                    gi[at + i] += -cacheRatio * x[at + i] * a;
                    acc[i] = a - pr[leave + i];
                }
            }
        }
        return gradInput;
    }

    private void checkInput(Tensor input) {
        if ((input.dim() != 3 && input.dim() != 4) || input.numel() == 0) {
            throw shapeError("[C, H, W] or [N, C, H, W]", input);
        }
    }

    @Override
    public SpatialCrossMapLRN clearState() {
        super.clearState();
        scale = Tensor.empty();
        paddedRatio = new double[0];
        accumRatio = new double[0];
        return this;
    }

    /** {@code nn.SpatialCrossMapLRN}: {@code size}, {@code alpha}, {@code beta}, {@code k}. */
    static final T7Codec<SpatialCrossMapLRN> T7 = LuaFields.codec("nn.SpatialCrossMapLRN", SpatialCrossMapLRN.class,
            (o, in) -> new SpatialCrossMapLRN(o.getInt("size"), o.getNumber("alpha", 1e-4),
                    o.getNumber("beta", 0.75), o.getNumber("k", 1)),
            (m, f, out) -> {
                f.put("size", (double) m.size);
                f.put("alpha", m.alpha);
                f.put("beta", m.beta);
                f.put("k", m.k);
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialCrossMapLRN training() {
        super.training();
        return this;
    }

    @Override
    public SpatialCrossMapLRN evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialCrossMapLRN reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialCrossMapLRN reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
