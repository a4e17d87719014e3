package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;

/**
 * A learnable per-plane sum pooling (Torch's {@code nn.SpatialSubSampling},
 * {@code SpatialSubSampling.lua}, THNN {@code SpatialSubSampling.c}): each plane's
 * {@code kW × kH} windows, {@code dW}, {@code dH} apart, are summed, scaled by the plane's weight
 * and shifted by its bias,
 * <pre>
 * out[n][c][y][x] = b[c] + w[c] · Σ_{kh, kw} in[n][c][y·dH + kh][x·dW + kw]
 * </pre>
 * {@code oH = (H − kH) / dH + 1}, {@code oW = (W − kW) / dW + 1} (no padding). Backward:
 * {@code gradInput[window] += w[c]·g}, {@code gradW[c] += scale·Σ g·(window sum)},
 * {@code gradB[c] += scale·Σ g}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, oH, oW]}</td><td>{@code [N, C, oH, oW]}</td></tr>
 *   <tr><td>weight, bias and gradients</td><td colspan="2">{@code [C]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b>: weight then bias from {@code U(±1/√(kW·kH))} (Torch's reset).
 * Prints {@code nn.SpatialSubSampling}, as Torch (no {@code __tostring__}). Differences from
 * Torch: gradient buffers start zeroed.
 */
public class SpatialSubSampling extends Module<Tensor, Tensor> {

    static final T7Codec<SpatialSubSampling> T7 = LuaFields.codec("nn.SpatialSubSampling", SpatialSubSampling.class,
            (o, in) -> LuaFields.readParameters(new SpatialSubSampling(o.getInt("nInputPlane"), o.getInt("kW"),
                    o.getInt("kH"), o.getInt("dW", 1), o.getInt("dH", 1)), o, in),
            (m, f, out) -> {
                f.put("nInputPlane", (double) m.nInputPlane);
                f.put("kW", (double) m.kW);
                f.put("kH", (double) m.kH);
                f.put("dW", (double) m.dW);
                f.put("dH", (double) m.dH);
                LuaFields.writeParameters(m, f, out);
            });

    private final int nInputPlane;
    private final int kW;
    private final int kH;
    private final int dW;
    private final int dH;
    /** The per-plane weight, {@code [C]}. */
    protected final Tensor weight;
    /** Its gradient. */
    protected final Tensor gradWeight;
    /** The per-plane bias, {@code [C]}. */
    protected final Tensor bias;
    /** Its gradient. */
    protected final Tensor gradBias;

    /**
     * Sub-sampling with stride 1.
     *
     * @param nInputPlane planes
     * @param kW window width
     * @param kH window height
     */
    public SpatialSubSampling(int nInputPlane, int kW, int kH) {
        this(nInputPlane, kW, kH, 1, 1);
    }

    /**
     * Sub-sampling (Torch's {@code nn.SpatialSubSampling(nInputPlane, kW, kH, dW, dH)}).
     *
     * @param nInputPlane planes, positive
     * @param kW window width, positive
     * @param kH window height, positive
     * @param dW horizontal stride, positive
     * @param dH vertical stride, positive
     */
    public SpatialSubSampling(int nInputPlane, int kW, int kH, int dW, int dH) {
        super(Tensor.empty(), Tensor.empty());
        if (nInputPlane <= 0 || kW <= 0 || kH <= 0 || dW <= 0 || dH <= 0) {
            throw new IllegalArgumentException("nn.SpatialSubSampling(" + nInputPlane + ", " + kW + "x" + kH + ", "
                    + dW + "," + dH + "): planes, window and stride must be positive");
        }
        this.nInputPlane = nInputPlane;
        this.kW = kW;
        this.kH = kH;
        this.dW = dW;
        this.dH = dH;
        weight = Tensor.zeros(nInputPlane);
        gradWeight = Tensor.zeros(nInputPlane);
        bias = Tensor.zeros(nInputPlane);
        gradBias = Tensor.zeros(nInputPlane);
        reset();
    }

    /**
     * The weight (the module's own tensor).
     *
     * @return the weight
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The bias (the module's own tensor).
     *
     * @return the bias
     */
    public Tensor bias() {
        return bias;
    }

    @Override
    public SpatialSubSampling reset() {
        return fill(1.0 / Math.sqrt(kW * kH));
    }

    @Override
    public SpatialSubSampling reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private SpatialSubSampling fill(double bound) {
        TorchRandom rng = TorchRandom.global();
        weight.uniform(rng, -bound, bound);
        bias.uniform(rng, -bound, bound);
        return this;
    }

    /** Weight, then bias. */
    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    private void checkInput(Tensor input) {
        if ((input.dim() != 3 && input.dim() != 4) || input.size(-3) != nInputPlane
                || (input.dim() == 4 && input.size(0) == 0) || input.size(-2) < kH || input.size(-1) < kW) {
            throw shapeError(expectedInput(), input);
        }
    }

    private String expectedInput() {
        return "[N, " + nInputPlane + ", H, W] or [" + nInputPlane + ", H, W] with H >= " + kH
                + " and W >= " + kW;
    }

    private void checkGradOutput(Tensor input, Tensor gradOutput) {
        checkInput(input);
        boolean ok = gradOutput.dim() == input.dim() && gradOutput.size(-3) == nInputPlane
                && gradOutput.size(-2) == (input.size(-2) - kH) / dH + 1
                && gradOutput.size(-1) == (input.size(-1) - kW) / dW + 1
                && (input.dim() == 3 || gradOutput.size(0) == input.size(0));
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
    }

    /** {@code out = b + w · (window sums)}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        checkInput(input);
        int n = input.dim() == 4 ? input.size(0) : 1;
        int h = input.size(-2);
        int w = input.size(-1);
        int oH = (h - kH) / dH + 1;
        int oW = (w - kW) / dW + 1;
        if (input.dim() == 3) {
            Im2ColConvolution.resize3(output, nInputPlane, oH, oW);
        } else {
            Im2ColConvolution.resize4(output, n, nInputPlane, oH, oW);
        }
        double[] x = input.data();
        double[] y = output.data();
        double[] wt = weight.data();
        double[] b = bias.data();
        for (int p = 0; p < n * nInputPlane; p++) {
            int c = p % nInputPlane;
            int src = p * h * w;
            int dst = p * oH * oW;
            for (int oy = 0; oy < oH; oy++) {
                for (int ox = 0; ox < oW; ox++) {
                    double s = 0;
                    for (int ky = 0; ky < kH; ky++) {
                        int row = src + (oy * dH + ky) * w + ox * dW;
                        for (int kx = 0; kx < kW; kx++) {
                            s += x[row + kx];
                        }
                    }
                    y[dst + oy * oW + ox] = b[c] + wt[c] * s;
                }
            }
        }
        return output;
    }

    /** {@code gradInput[window] += w[c] · gradOutput}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        checkGradOutput(input, gradOutput);
        int n = input.dim() == 4 ? input.size(0) : 1;
        int h = input.size(-2);
        int w = input.size(-1);
        int oH = gradOutput.size(-2);
        int oW = gradOutput.size(-1);
        gradInput.resizeAs(input).zero();
        double[] gi = gradInput.data();
        double[] g = gradOutput.data();
        double[] wt = weight.data();
        for (int p = 0; p < n * nInputPlane; p++) {
            double k = wt[p % nInputPlane];
            int dst = p * h * w;
            int src = p * oH * oW;
            for (int oy = 0; oy < oH; oy++) {
                for (int ox = 0; ox < oW; ox++) {
                    double v = k * g[src + oy * oW + ox];
                    for (int ky = 0; ky < kH; ky++) {
                        int row = dst + (oy * dH + ky) * w + ox * dW;
                        for (int kx = 0; kx < kW; kx++) {
                            gi[row + kx] += v;
                        }
                    }
                }
            }
        }
        return gradInput;
    }

    /** {@code gradW[c] += scale·Σ g·(window sum)}, {@code gradB[c] += scale·Σ g}. */
    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        checkGradOutput(input, gradOutput);
        int n = input.dim() == 4 ? input.size(0) : 1;
        int h = input.size(-2);
        int w = input.size(-1);
        int oH = gradOutput.size(-2);
        int oW = gradOutput.size(-1);
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gw = gradWeight.data();
        double[] gb = gradBias.data();
        for (int p = 0; p < n * nInputPlane; p++) {
            int c = p % nInputPlane;
            int src = p * h * w;
            int go = p * oH * oW;
            double sw = 0;
            double sb = 0;
            for (int oy = 0; oy < oH; oy++) {
                for (int ox = 0; ox < oW; ox++) {
                    double s = 0;
                    for (int ky = 0; ky < kH; ky++) {
                        int row = src + (oy * dH + ky) * w + ox * dW;
                        for (int kx = 0; kx < kW; kx++) {
                            s += x[row + kx];
                        }
                    }
                    double gv = g[go + oy * oW + ox];
                    sw += gv * s;
                    sb += gv;
                }
            }
            gw[c] += scale * sw;
            gb[c] += scale * sb;
        }
    }

    /**
     * The number of input planes.
     *
     * @return nInputPlane
     */
    public int nInputPlane() {
        return nInputPlane;
    }

    /**
     * The kernel width.
     *
     * @return kW
     */
    public int kW() {
        return kW;
    }

    /**
     * The kernel height.
     *
     * @return kH
     */
    public int kH() {
        return kH;
    }

    /**
     * The horizontal stride.
     *
     * @return dW
     */
    public int dW() {
        return dW;
    }

    /**
     * The vertical stride.
     *
     * @return dH
     */
    public int dH() {
        return dH;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialSubSampling training() {
        super.training();
        return this;
    }

    @Override
    public SpatialSubSampling evaluate() {
        super.evaluate();
        return this;
    }
}
