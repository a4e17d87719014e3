package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.ops.Im2Col;
import io.github.nn4j.torch7.T7Codec;

/**
 * A transposed ("full", "deconvolution") 2-D convolution (Torch's {@code nn.SpatialFullConvolution},
 * {@code SpatialFullConvolution.lua}, THNN {@code SpatialFullConvolution.c}): the adjoint of
 * {@link SpatialConvolution}'s input-to-output map. Each input pixel scatters its kernel-weighted
 * value into the output,
 * <pre>
 * out[n][o][y·dH − padH + kh][x·dW − padW + kw] += W[c][o][kh][kw] · in[n][c][y][x],   then + b[o]
 * </pre>
 * with {@code oH = (H − 1)·dH − 2·padH + kH + adjH}, {@code oW = (W − 1)·dW − 2·padW + kW + adjW}.
 * It runs as one product {@code cols = Wᵀ·in} through {@link Gemm} and a fold
 * ({@link Im2Col#foldBatch}) of the whole batch; the backward is an unfold of gradOutput and
 * the products {@code gradIn = W·cols}, {@code gradW += scale·in·colsᵀ}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [in, H, W]}</td><td>{@code [N, in, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [out, oH, oW]}</td><td>{@code [N, out, oH, oW]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [in, out, kH, kW]} (Torch's layout)</td></tr>
 *   <tr><td>bias, gradBias</td><td colspan="2">{@code [out]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b>: weight then bias from {@code U(±1/√(kW·kH·in))} (Torch's
 * {@code reset}, which divides by the <i>input</i> planes here too). Prints as Torch, e.g.
 * {@code nn.SpatialFullConvolution(3 -> 5, 3x3, 2,2, 1,1, 1,1)} (stride, padding and adjustment
 * only when not the defaults).
 *
 * <p><b>Differences from Torch:</b> the table input {@code {input, target}} (whose size sets
 * {@code adjW}/{@code adjH}) is not supported: pass {@code adjW}/{@code adjH} to the constructor;
 * no {@code noBias()}. Gradient buffers start zeroed.
 */
public class SpatialFullConvolution extends Module<Tensor, Tensor> {

    static final T7Codec<SpatialFullConvolution> T7 = LuaFields.codec("nn.SpatialFullConvolution",
            SpatialFullConvolution.class,
            (o, in) -> Im2ColConvolution.readParameters(new SpatialFullConvolution(o.getInt("nInputPlane"),
                    o.getInt("nOutputPlane"), o.getInt("kW"), o.getInt("kH"), o.getInt("dW", 1), o.getInt("dH", 1),
                    o.getInt("padW", 0), o.getInt("padH", 0), o.getInt("adjW", 0), o.getInt("adjH", 0)), o, in),
            (m, f, out) -> {
                f.put("nInputPlane", (double) m.nInputPlane);
                f.put("nOutputPlane", (double) m.nOutputPlane);
                f.put("kW", (double) m.kW);
                f.put("kH", (double) m.kH);
                f.put("dW", (double) m.dW);
                f.put("dH", (double) m.dH);
                f.put("padW", (double) m.padW);
                f.put("padH", (double) m.padH);
                f.put("adjW", (double) m.adjW);
                f.put("adjH", (double) m.adjH);
                f.put("ones", out.tensor(Tensor.empty()));
                LuaFields.writeParameters(m, f, out);
            });

    private final int nInputPlane;
    private final int nOutputPlane;
    private final int kW;
    private final int kH;
    private final int dW;
    private final int dH;
    private final int padW;
    private final int padH;
    private final int adjW;
    private final int adjH;
    /** The weight, {@code [in, out, kH, kW]}. */
    protected final Tensor weight;
    /** Its gradient. */
    protected final Tensor gradWeight;
    /** The bias, {@code [out]}. */
    protected final Tensor bias;
    /** Its gradient. */
    protected final Tensor gradBias;
    /** {@code [out·kH·kW, N·H·W]}: the product before the fold, or the unfolded gradOutput. */
    private Tensor columns = Tensor.empty();
    /** The input (or gradInput) as {@code [in, N·H·W]}. */
    private Tensor planeMajor = Tensor.empty();

    /**
     * A transposed convolution with stride 1, no padding and no adjustment.
     *
     * @param nInputPlane input planes
     * @param nOutputPlane output planes
     * @param kW kernel width
     * @param kH kernel height
     */
    public SpatialFullConvolution(int nInputPlane, int nOutputPlane, int kW, int kH) {
        this(nInputPlane, nOutputPlane, kW, kH, 1, 1, 0, 0, 0, 0);
    }

    /**
     * A transposed convolution without adjustment.
     *
     * @param nInputPlane input planes
     * @param nOutputPlane output planes
     * @param kW kernel width
     * @param kH kernel height
     * @param dW horizontal stride
     * @param dH vertical stride
     * @param padW horizontal padding
     * @param padH vertical padding
     */
    public SpatialFullConvolution(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW,
            int padH) {
        this(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, 0, 0);
    }

    /**
     * A transposed convolution (Torch's argument order).
     *
     * @param nInputPlane input planes, positive
     * @param nOutputPlane output planes, positive
     * @param kW kernel width, positive
     * @param kH kernel height, positive
     * @param dW horizontal stride, positive
     * @param dH vertical stride, positive
     * @param padW horizontal padding, non-negative
     * @param padH vertical padding, non-negative
     * @param adjW extra output columns, {@code 0 <= adjW < dW}
     * @param adjH extra output rows, {@code 0 <= adjH < dH}
     */
    public SpatialFullConvolution(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW,
            int padH, int adjW, int adjH) {
        super(Tensor.empty(), Tensor.empty());
        String name = "nn.SpatialFullConvolution(" + nInputPlane + " -> " + nOutputPlane + ", " + kW + "x" + kH + ")";
        if (nInputPlane <= 0 || nOutputPlane <= 0 || kW <= 0 || kH <= 0 || dW <= 0 || dH <= 0 || padW < 0
                || padH < 0) {
            throw new IllegalArgumentException(name + ": planes, kernel and stride must be positive and padding"
                    + " non-negative, got stride " + dW + "," + dH + ", padding " + padW + "," + padH);
        }
        if (adjW < 0 || adjH < 0 || adjW > dW - 1 || adjH > dH - 1) {
            throw new IllegalArgumentException(name + ": adjW and adjH must be in [0, dW - 1] and [0, dH - 1], got "
                    + adjW + "," + adjH + " with stride " + dW + "," + dH);
        }
        this.nInputPlane = nInputPlane;
        this.nOutputPlane = nOutputPlane;
        this.kW = kW;
        this.kH = kH;
        this.dW = dW;
        this.dH = dH;
        this.padW = padW;
        this.padH = padH;
        this.adjW = adjW;
        this.adjH = adjH;
        weight = Tensor.zeros(nInputPlane, nOutputPlane, kH, kW);
        gradWeight = Tensor.zeros(nInputPlane, nOutputPlane, kH, kW);
        bias = Tensor.zeros(nOutputPlane);
        gradBias = Tensor.zeros(nOutputPlane);
        reset();
    }

    /**
     * The weight, {@code [in, out, kH, kW]} (the module's own tensor).
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
    public SpatialFullConvolution reset() {
        return fill(1.0 / Math.sqrt(kW * kH * nInputPlane));
    }

    @Override
    public SpatialFullConvolution reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private SpatialFullConvolution fill(double bound) {
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

    private int outH(Tensor input) {
        return (input.size(-2) - 1) * dH - 2 * padH + kH + adjH;
    }

    private int outW(Tensor input) {
        return (input.size(-1) - 1) * dW - 2 * padW + kW + adjW;
    }

    private void checkInput(Tensor input) {
        if ((input.dim() != 3 && input.dim() != 4) || input.size(-3) != nInputPlane
                || (input.dim() == 4 && input.size(0) == 0) || input.size(-1) == 0 || input.size(-2) == 0) {
            throw shapeError(expectedInput(), input);
        }
        if (outH(input) < 1 || outW(input) < 1) {
            throw shapeError(expectedInput() + " giving an output of at least 1x1 (got " + outH(input) + "x" + outW(input)
                    + ")", input);
        }
    }

    private String expectedInput() {
        return "[N, " + nInputPlane + ", H, W] or [" + nInputPlane + ", H, W]";
    }

    private void checkGradOutput(Tensor input, Tensor gradOutput) {
        checkInput(input);
        boolean ok = gradOutput.dim() == input.dim() && gradOutput.size(-3) == nOutputPlane
                && gradOutput.size(-2) == outH(input) && gradOutput.size(-1) == outW(input)
                && (input.dim() == 3 || gradOutput.size(0) == input.size(0));
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
    }

    private static int batch(Tensor input) {
        return input.dim() == 4 ? input.size(0) : 1;
    }

    /** The input as {@code [in, N·H·W]}: itself when 3-D, else permuted into a buffer. */
    private Tensor inputPlaneMajor(Tensor input, int n, int area) {
        if (input.dim() == 3) {
            return input;
        }
        Buffers.resize2(planeMajor, nInputPlane, n * area);
        Im2Col.toPlaneMajor(input.data(), n, nInputPlane, area, planeMajor.data());
        return planeMajor;
    }

    /** {@code output = fold(Wᵀ·input) + b}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        checkInput(input);
        int n = batch(input);
        int iH = input.size(-2);
        int iW = input.size(-1);
        int oH = outH(input);
        int oW = outW(input);
        Buffers.resize2(columns, nOutputPlane * kH * kW, n * iH * iW);
        Gemm.gemm(true, false, 1.0, weight.matrix(), inputPlaneMajor(input, n, iH * iW).matrix(), 0.0,
                columns.matrix());
        if (input.dim() == 3) {
            Im2ColConvolution.resize3(output, nOutputPlane, oH, oW);
        } else {
            Im2ColConvolution.resize4(output, n, nOutputPlane, oH, oW);
        }
        double[] y = output.data();
        Im2Col.foldBatch(columns.data(), n, nOutputPlane, oH, oW, kH, kW, dH, dW, padH, padW, 1, 1, iH, iW, y);
        double[] b = bias.data();
        int area = oH * oW;
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < nOutputPlane; o++) {
                double v = b[o];
                for (int i = (s * nOutputPlane + o) * area, e = i + area; i < e; i++) {
                    y[i] += v;
                }
            }
        }
        return output;
    }

    private void unfoldGradOutput(Tensor gradOutput, int n, int iH, int iW) {
        Buffers.resize2(columns, nOutputPlane * kH * kW, n * iH * iW);
        Im2Col.unfoldBatch(gradOutput.data(), n, nOutputPlane, gradOutput.size(-2), gradOutput.size(-1), kH, kW, dH,
                dW, padH, padW, 1, 1, iH, iW, columns.data());
    }

    /** {@code gradInput = W·unfold(gradOutput)}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        checkGradOutput(input, gradOutput);
        int n = batch(input);
        int iH = input.size(-2);
        int iW = input.size(-1);
        unfoldGradOutput(gradOutput, n, iH, iW);
        gradInput.resizeAs(input);
        if (input.dim() == 3) {
            Gemm.gemm(false, false, 1.0, weight.matrix(), columns.matrix(), 0.0, gradInput.matrix());
        } else {
            Buffers.resize2(planeMajor, nInputPlane, n * iH * iW);
            Gemm.gemm(false, false, 1.0, weight.matrix(), columns.matrix(), 0.0, planeMajor.matrix());
            Im2Col.fromPlaneMajor(planeMajor.data(), n, nInputPlane, iH * iW, gradInput.data());
        }
        return gradInput;
    }

    /** {@code gradWeight += scale·input·unfold(gradOutput)ᵀ}; {@code gradBias += scale·Σ gradOutput}. */
    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        checkGradOutput(input, gradOutput);
        int n = batch(input);
        int iH = input.size(-2);
        int iW = input.size(-1);
        unfoldGradOutput(gradOutput, n, iH, iW);
        Gemm.gemm(false, true, scale, inputPlaneMajor(input, n, iH * iW).matrix(), columns.matrix(), 1.0,
                gradWeight.matrix());
        double[] g = gradOutput.data();
        double[] gb = gradBias.data();
        int area = gradOutput.size(-1) * gradOutput.size(-2);
        for (int o = 0; o < nOutputPlane; o++) {
            double s = 0;
            for (int b = 0; b < n; b++) {
                for (int i = (b * nOutputPlane + o) * area, e = i + area; i < e; i++) {
                    s += g[i];
                }
            }
            gb[o] += scale * s;
        }
    }

    @Override
    public SpatialFullConvolution clearState() {
        super.clearState();
        columns = Tensor.empty();
        planeMajor = Tensor.empty();
        return this;
    }

    /** {@code nn.SpatialFullConvolution(3 -> 5, 3x3, 2,2, 1,1, 1,1)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("nn.SpatialFullConvolution(").append(nInputPlane).append(" -> ")
                .append(nOutputPlane).append(", ").append(kW).append('x').append(kH);
        if (dW != 1 || dH != 1 || padW != 0 || padH != 0) {
            s.append(", ").append(dW).append(',').append(dH);
        }
        if (padW != 0 || padH != 0) {
            s.append(", ").append(padW).append(',').append(padH);
        }
        if (adjW != 0 || adjH != 0) {
            s.append(", ").append(adjW).append(',').append(adjH);
        }
        return s.append(')').toString();
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
     * The number of output planes.
     *
     * @return nOutputPlane
     */
    public int nOutputPlane() {
        return nOutputPlane;
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

    /**
     * The zero padding at the left and the right.
     *
     * @return padW
     */
    public int padW() {
        return padW;
    }

    /**
     * The zero padding at the top and the bottom.
     *
     * @return padH
     */
    public int padH() {
        return padH;
    }

    /**
     * The extra columns added to the output width.
     *
     * @return adjW
     */
    public int adjW() {
        return adjW;
    }

    /**
     * The extra rows added to the output height.
     *
     * @return adjH
     */
    public int adjH() {
        return adjH;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialFullConvolution training() {
        super.training();
        return this;
    }

    @Override
    public SpatialFullConvolution evaluate() {
        super.evaluate();
        return this;
    }
}
