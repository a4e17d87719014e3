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
 * A locally connected layer: a convolution whose weights are not shared, one kernel per output
 * location (Torch's {@code nn.SpatialConvolutionLocal}, {@code SpatialConvolutionLocal.lua},
 * THNN {@code SpatialConvolutionLocal.c}). The input size {@code iW × iH} is fixed at
 * construction:
 * <pre>
 * out[n][o][y][x] = b[o][y][x] + Σ_{c, kh, kw} W[y][x][o][c][kh][kw] · in[n][c][y·dH − padH + kh][x·dW − padW + kw]
 * </pre>
 * {@code oH = (iH + 2·padH − kH) / dH + 1}, {@code oW = (iW + 2·padW − kW) / dW + 1}. The batch is
 * unfolded once ({@link Im2Col}); each location is then one product
 * {@code W_l [out, C·kH·kW] · cols_l [C·kH·kW, N]} through {@link Gemm} (the location's weight
 * block and columns are copied into buffers, since the products take whole matrices).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [in, iH, iW]}</td><td>{@code [N, in, iH, iW]}</td></tr>
 *   <tr><td>output</td><td>{@code [out, oH, oW]}</td><td>{@code [N, out, oH, oW]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [oH, oW, out, in, kH, kW]}</td></tr>
 *   <tr><td>bias, gradBias</td><td colspan="2">{@code [out, oH, oW]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b>: weight then bias from {@code U(±1/√(kW·kH·in))}. Prints as Torch, e.g.
 * {@code nn.SpatialConvolutionLocal(3 -> 5, 5x6, 3x3, 1,1, 1,1)} (input {@code iW x iH}, then
 * kernel). Differences from Torch: gradient buffers start zeroed; a wrong input is an
 * {@link IllegalArgumentException} naming the module and both sizes.
 */
public class SpatialConvolutionLocal extends Module<Tensor, Tensor> {

    static final T7Codec<SpatialConvolutionLocal> T7 = LuaFields.codec("nn.SpatialConvolutionLocal",
            SpatialConvolutionLocal.class,
            (o, in) -> Im2ColConvolution.readParameters(new SpatialConvolutionLocal(o.getInt("nInputPlane"),
                    o.getInt("nOutputPlane"), o.getInt("iW"), o.getInt("iH"), o.getInt("kW"), o.getInt("kH"),
                    o.getInt("dW", 1), o.getInt("dH", 1), o.getInt("padW", 0), o.getInt("padH", o.getInt("padW", 0))),
                    o, in),
            (m, f, out) -> {
                f.put("nInputPlane", (double) m.nInputPlane);
                f.put("nOutputPlane", (double) m.nOutputPlane);
                f.put("iW", (double) m.iW);
                f.put("iH", (double) m.iH);
                f.put("oW", (double) m.oW);
                f.put("oH", (double) m.oH);
                f.put("kW", (double) m.kW);
                f.put("kH", (double) m.kH);
                f.put("dW", (double) m.dW);
                f.put("dH", (double) m.dH);
                f.put("padW", (double) m.padW);
                f.put("padH", (double) m.padH);
                LuaFields.writeParameters(m, f, out);
            });

    private final int nInputPlane;
    private final int nOutputPlane;
    private final int iW;
    private final int iH;
    private final int kW;
    private final int kH;
    private final int dW;
    private final int dH;
    private final int padW;
    private final int padH;
    private final int oW;
    private final int oH;
    /** The weight, {@code [oH, oW, out, in, kH, kW]}. */
    protected final Tensor weight;
    /** Its gradient. */
    protected final Tensor gradWeight;
    /** The bias, {@code [out, oH, oW]}. */
    protected final Tensor bias;
    /** Its gradient. */
    protected final Tensor gradBias;
    private Tensor columns = Tensor.empty();
    private Tensor gradColumns = Tensor.empty();
    private Tensor colsL = Tensor.empty();
    private Tensor weightL = Tensor.empty();
    private Tensor outL = Tensor.empty();

    /**
     * A locally connected layer with stride 1 and no padding.
     *
     * @param nInputPlane input planes
     * @param nOutputPlane output planes
     * @param iW input width
     * @param iH input height
     * @param kW kernel width
     * @param kH kernel height
     */
    public SpatialConvolutionLocal(int nInputPlane, int nOutputPlane, int iW, int iH, int kW, int kH) {
        this(nInputPlane, nOutputPlane, iW, iH, kW, kH, 1, 1, 0, 0);
    }

    /**
     * A locally connected layer without padding.
     *
     * @param nInputPlane input planes
     * @param nOutputPlane output planes
     * @param iW input width
     * @param iH input height
     * @param kW kernel width
     * @param kH kernel height
     * @param dW horizontal stride
     * @param dH vertical stride
     */
    public SpatialConvolutionLocal(int nInputPlane, int nOutputPlane, int iW, int iH, int kW, int kH, int dW, int dH) {
        this(nInputPlane, nOutputPlane, iW, iH, kW, kH, dW, dH, 0, 0);
    }

    /**
     * A locally connected layer (Torch's argument order).
     *
     * @param nInputPlane input planes, positive
     * @param nOutputPlane output planes, positive
     * @param iW input width, positive
     * @param iH input height, positive
     * @param kW kernel width, positive
     * @param kH kernel height, positive
     * @param dW horizontal stride, positive
     * @param dH vertical stride, positive
     * @param padW horizontal padding, non-negative
     * @param padH vertical padding, non-negative
     */
    public SpatialConvolutionLocal(int nInputPlane, int nOutputPlane, int iW, int iH, int kW, int kH, int dW, int dH,
            int padW, int padH) {
        super(Tensor.empty(), Tensor.empty());
        String name = "nn.SpatialConvolutionLocal(" + nInputPlane + " -> " + nOutputPlane + ", " + iW + "x" + iH
                + ", " + kW + "x" + kH + ")";
        if (nInputPlane <= 0 || nOutputPlane <= 0 || iW <= 0 || iH <= 0 || kW <= 0 || kH <= 0 || dW <= 0 || dH <= 0
                || padW < 0 || padH < 0) {
            throw new IllegalArgumentException(name + ": sizes and strides must be positive and padding non-negative");
        }
        this.nInputPlane = nInputPlane;
        this.nOutputPlane = nOutputPlane;
        this.iW = iW;
        this.iH = iH;
        this.kW = kW;
        this.kH = kH;
        this.dW = dW;
        this.dH = dH;
        this.padW = padW;
        this.padH = padH;
        this.oW = Im2Col.outputSize(iW, kW, dW, padW, 1);
        this.oH = Im2Col.outputSize(iH, kH, dH, padH, 1);
        if (oW < 1 || oH < 1) {
            throw new IllegalArgumentException(name + ": illegal configuration, the input (padded by " + padW + ","
                    + padH + ") is smaller than the kernel");
        }
        weight = Tensor.zeros(oH, oW, nOutputPlane, nInputPlane, kH, kW);
        gradWeight = Tensor.zeros(oH, oW, nOutputPlane, nInputPlane, kH, kW);
        bias = Tensor.zeros(nOutputPlane, oH, oW);
        gradBias = Tensor.zeros(nOutputPlane, oH, oW);
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
    public SpatialConvolutionLocal reset() {
        return fill(1.0 / Math.sqrt(kW * kH * nInputPlane));
    }

    @Override
    public SpatialConvolutionLocal reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private SpatialConvolutionLocal fill(double bound) {
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

    private int checkInput(Tensor input) {
        boolean ok = (input.dim() == 3 || (input.dim() == 4 && input.size(0) > 0)) && input.size(-3) == nInputPlane
                && input.size(-2) == iH && input.size(-1) == iW;
        if (!ok) {
            throw shapeError("[N, " + nInputPlane + ", " + iH + ", " + iW + "] or [" + nInputPlane + ", " + iH + ", "
                    + iW + "]", input);
        }
        return input.dim() == 4 ? input.size(0) : 1;
    }

    private int checkGradOutput(Tensor input, Tensor gradOutput) {
        int n = checkInput(input);
        boolean ok = gradOutput.dim() == input.dim() && gradOutput.size(-3) == nOutputPlane
                && gradOutput.size(-2) == oH && gradOutput.size(-1) == oW
                && (input.dim() == 3 || gradOutput.size(0) == n);
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
        return n;
    }

    private void unfold(Tensor input, int n) {
        Buffers.resize2(columns, nInputPlane * kH * kW, n * oH * oW);
        Im2Col.unfoldBatch(input.data(), n, nInputPlane, iH, iW, kH, kW, dH, dW, padH, padW, 1, 1, oH, oW,
                columns.data());
    }

    /** Copies column {@code l} of every sample of {@code cols [K, N·L]} into {@code colsL [K, N]}. */
    private void gatherColumns(Tensor cols, int l, int n) {
        int k = nInputPlane * kH * kW;
        int area = oH * oW;
        double[] src = cols.data();
        double[] dst = Buffers.resize2(colsL, k, n).data();
        for (int r = 0; r < k; r++) {
            for (int s = 0; s < n; s++) {
                dst[r * n + s] = src[r * n * area + s * area + l];
            }
        }
    }

    /** Copies location {@code l} of a {@code [N, out, L]} tensor into {@code outL [out, N]}. */
    private void gatherPlanes(Tensor t, int l, int n) {
        int area = oH * oW;
        double[] src = t.data();
        double[] dst = Buffers.resize2(outL, nOutputPlane, n).data();
        for (int o = 0; o < nOutputPlane; o++) {
            for (int s = 0; s < n; s++) {
                dst[o * n + s] = src[(s * nOutputPlane + o) * area + l];
            }
        }
    }

    private Tensor weightAt(int l) {
        int block = nOutputPlane * nInputPlane * kH * kW;
        Buffers.resize2(weightL, nOutputPlane, nInputPlane * kH * kW);
        System.arraycopy(weight.data(), l * block, weightL.data(), 0, block);
        return weightL;
    }

    /** {@code out[·][·][l] = b[·][l] + W_l · cols_l} for every location. */
    @Override
    public Tensor updateOutput(Tensor input) {
        int n = checkInput(input);
        unfold(input, n);
        if (input.dim() == 3) {
            Im2ColConvolution.resize3(output, nOutputPlane, oH, oW);
        } else {
            Im2ColConvolution.resize4(output, n, nOutputPlane, oH, oW);
        }
        int area = oH * oW;
        double[] y = output.data();
        double[] b = bias.data();
        for (int l = 0; l < area; l++) {
            gatherColumns(columns, l, n);
            Buffers.resize2(outL, nOutputPlane, n);
            Gemm.gemm(false, false, 1.0, weightAt(l).matrix(), colsL.matrix(), 0.0, outL.matrix());
            double[] r = outL.data();
            for (int o = 0; o < nOutputPlane; o++) {
                for (int s = 0; s < n; s++) {
                    y[(s * nOutputPlane + o) * area + l] = b[o * area + l] + r[o * n + s];
                }
            }
        }
        return output;
    }

    /** {@code gradInput = fold(W_lᵀ · g_l)}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int n = checkGradOutput(input, gradOutput);
        int k = nInputPlane * kH * kW;
        int area = oH * oW;
        double[] gc = Buffers.resize2(gradColumns, k, n * area).data();
        for (int l = 0; l < area; l++) {
            gatherPlanes(gradOutput, l, n);
            Buffers.resize2(colsL, k, n);
            Gemm.gemm(true, false, 1.0, weightAt(l).matrix(), outL.matrix(), 0.0, colsL.matrix());
            double[] r = colsL.data();
            for (int row = 0; row < k; row++) {
                for (int s = 0; s < n; s++) {
                    gc[row * n * area + s * area + l] = r[row * n + s];
                }
            }
        }
        gradInput.resizeAs(input);
        Im2Col.foldBatch(gc, n, nInputPlane, iH, iW, kH, kW, dH, dW, padH, padW, 1, 1, oH, oW, gradInput.data());
        return gradInput;
    }

    /** {@code gradW_l += scale·g_l·cols_lᵀ}, {@code gradB[·][l] += scale·Σ g_l}, with the last forward's columns. */
    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        int n = checkGradOutput(input, gradOutput);
        int area = oH * oW;
        if (columns.dim() != 2 || columns.size(1) != n * area) {
            unfold(input, n);
        }
        int block = nOutputPlane * nInputPlane * kH * kW;
        double[] gw = gradWeight.data();
        double[] gb = gradBias.data();
        for (int l = 0; l < area; l++) {
            gatherPlanes(gradOutput, l, n);
            gatherColumns(columns, l, n);
            Buffers.resize2(weightL, nOutputPlane, nInputPlane * kH * kW);
            Gemm.gemm(false, true, scale, outL.matrix(), colsL.matrix(), 0.0, weightL.matrix());
            double[] r = weightL.data();
            for (int i = 0, j = l * block; i < block; i++, j++) {
                gw[j] += r[i];
            }
            double[] g = outL.data();
            for (int o = 0; o < nOutputPlane; o++) {
                double s = 0;
                for (int b = 0; b < n; b++) {
                    s += g[o * n + b];
                }
                gb[o * area + l] += scale * s;
            }
        }
    }

    @Override
    public SpatialConvolutionLocal clearState() {
        super.clearState();
        columns = Tensor.empty();
        gradColumns = Tensor.empty();
        colsL = Tensor.empty();
        weightL = Tensor.empty();
        outL = Tensor.empty();
        return this;
    }

    /** {@code nn.SpatialConvolutionLocal(3 -> 5, 5x6, 3x3, 1,1, 1,1)}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("nn.SpatialConvolutionLocal(").append(nInputPlane).append(" -> ")
                .append(nOutputPlane).append(", ").append(iW).append('x').append(iH).append(", ").append(kW)
                .append('x').append(kH);
        if (dW != 1 || dH != 1 || padW != 0 || padH != 0) {
            s.append(", ").append(dW).append(',').append(dH);
        }
        if (padW != 0 || padH != 0) {
            s.append(", ").append(padW).append(',').append(padH);
        }
        return s.append(')').toString();
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialConvolutionLocal training() {
        super.training();
        return this;
    }

    @Override
    public SpatialConvolutionLocal evaluate() {
        super.evaluate();
        return this;
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
}
