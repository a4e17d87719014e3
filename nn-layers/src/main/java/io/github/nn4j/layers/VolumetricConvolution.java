package io.github.nn4j.layers;

import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.torch7.T7Codec;

/**
 * A 3-D convolution over a stack of volumes (Torch's {@code nn.VolumetricConvolution},
 * {@code VolumetricConvolution.lua}, computed on the CPU by
 * {@code THNN/generic/VolumetricConvolutionMM.c}).
 *
 * <p>{@code y[o, t, i, j] = b[o] + Σ_{c, kt, kh, kw} W[o, c, kt, kh, kw] ·
 * x[c, t·dT − padT + kt, i·dH − padH + kh, j·dW − padW + kw]} (zero outside the input), with
 * {@code oT = (T + 2·padT − kT) / dT + 1}, {@code oH = (H + 2·padH − kH) / dH + 1},
 * {@code oW = (W + 2·padW − kW) / dW + 1}. As in Torch, the windows are unfolded ("vol2col")
 * into a reused column matrix {@code C} of {@code nInputPlane·kT·kH·kW} rows and one column per
 * output position; the columns of all samples of a batch sit side by side, so the forward is one
 * product {@code Y = W·C} (the weight viewed as {@code nOutputPlane × nInputPlane·kT·kH·kW}).
 * Backward: {@code ∂C = Wᵀ·G} folded back onto the input ("col2vol"),
 * {@code gradWeight += scale·G·Cᵀ}, {@code gradBias += scale·Σ G} over positions and samples.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [nInputPlane, T, H, W]}</td><td>{@code [B, nInputPlane, T, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [nOutputPlane, oT, oH, oW]}</td>
 *       <td>{@code [B, nOutputPlane, oT, oH, oW]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [nOutputPlane, nInputPlane, kT, kH, kW]}</td></tr>
 *   <tr><td>bias, gradBias</td><td colspan="2">{@code [nOutputPlane]} (absent after {@link #noBias()})</td></tr>
 * </table>
 *
 * <p><b>Arguments</b> in Torch's order: {@code (nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH,
 * padT, padW, padH)}: width before height, while the weight and the input hold height before
 * width. Defaults as in Lua: strides 1, {@code padT = 0}, {@code padW = padT},
 * {@code padH = padW}.
 *
 * <p><b>Initialisation</b>: weight then bias from {@code U(±1/√(kT·kW·kH·nInputPlane))}
 * ({@link TorchRandom#global()}, row-major, as Torch); {@code reset(stdv)}: {@code U(±stdv·√3)}.
 * Prints as Torch, e.g. {@code nn.VolumetricConvolution(3 -> 5, 2x3x2)} or
 * {@code nn.VolumetricConvolution(3 -> 5, 3x2x3, 2,1,2, 1,1,0)} (strides, then pads, in
 * T, W, H order).
 *
 * <p><b>Differences from Torch:</b> an input smaller than the kernel (with its padding) is an
 * error (Torch's truncating division can compute an output of size 1 and read past the input);
 * {@code accGradParameters} uses the columns of the last forward, as Torch's {@code finput}.
 */
public class VolumetricConvolution extends Module<Tensor, Tensor> {

    private final int nInputPlane;
    private final int nOutputPlane;
    private final int kT;
    private final int kW;
    private final int kH;
    private final int dT;
    private final int dW;
    private final int dH;
    private final int padT;
    private final int padW;
    private final int padH;
    private final Tensor weight;
    private final Tensor gradWeight;
    private Tensor bias;
    private Tensor gradBias;
    /** The columns {@code C} of the last forward, {@code [nInputPlane·kT·kH·kW, B·oT·oH·oW]}. */
    private final Tensor columns = Tensor.empty();
    /** {@code ∂C}. */
    private final Tensor gradColumns = Tensor.empty();
    /** {@code Y} or {@code G} as {@code [nOutputPlane, B·oT·oH·oW]} when {@code B > 1}. */
    private final Tensor planes = Tensor.empty();
    private final Tensor view = Tensor.empty();
    private final int[] shape = new int[2];
    /** The geometry and output size of the last input size (recomputed when it changes). */
    private Unfold.Geometry geometry;
    private int[] outputSize = new int[0];

    /**
     * A convolution with strides 1 and no padding.
     *
     * @param nInputPlane the input planes, positive
     * @param nOutputPlane the output planes, positive
     * @param kT the kernel depth (time), positive
     * @param kW the kernel width, positive
     * @param kH the kernel height, positive
     */
    public VolumetricConvolution(int nInputPlane, int nOutputPlane, int kT, int kW, int kH) {
        this(nInputPlane, nOutputPlane, kT, kW, kH, 1, 1, 1, 0, 0, 0);
    }

    /**
     * A convolution without padding.
     *
     * @param nInputPlane the input planes, positive
     * @param nOutputPlane the output planes, positive
     * @param kT the kernel depth (time), positive
     * @param kW the kernel width, positive
     * @param kH the kernel height, positive
     * @param dT the stride in time, positive
     * @param dW the stride in width, positive
     * @param dH the stride in height, positive
     */
    public VolumetricConvolution(int nInputPlane, int nOutputPlane, int kT, int kW, int kH, int dT, int dW, int dH) {
        this(nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, 0, 0, 0);
    }

    /**
     * A convolution with the same padding on all three axes (Lua's {@code padW = padT},
     * {@code padH = padW} when only {@code padT} is given).
     *
     * @param nInputPlane the input planes, positive
     * @param nOutputPlane the output planes, positive
     * @param kT the kernel depth (time), positive
     * @param kW the kernel width, positive
     * @param kH the kernel height, positive
     * @param dT the stride in time, positive
     * @param dW the stride in width, positive
     * @param dH the stride in height, positive
     * @param pad the zero padding on each side of every axis, at least 0
     */
    public VolumetricConvolution(int nInputPlane, int nOutputPlane, int kT, int kW, int kH, int dT, int dW, int dH,
            int pad) {
        this(nInputPlane, nOutputPlane, kT, kW, kH, dT, dW, dH, pad, pad, pad);
    }

    /**
     * A convolution with Torch's full set of arguments, in Torch's order.
     *
     * @param nInputPlane the input planes, positive
     * @param nOutputPlane the output planes, positive
     * @param kT the kernel depth (time), positive
     * @param kW the kernel width, positive
     * @param kH the kernel height, positive
     * @param dT the stride in time, positive
     * @param dW the stride in width, positive
     * @param dH the stride in height, positive
     * @param padT the zero padding before and after in time, at least 0
     * @param padW the zero padding left and right, at least 0
     * @param padH the zero padding above and below, at least 0
     * @throws IllegalArgumentException if a size or stride is not positive or a pad is negative
     */
    public VolumetricConvolution(int nInputPlane, int nOutputPlane, int kT, int kW, int kH, int dT, int dW, int dH,
            int padT, int padW, int padH) {
        super(Tensor.empty(), Tensor.empty());
        this.nInputPlane = nInputPlane;
        this.nOutputPlane = nOutputPlane;
        this.kT = kT;
        this.kW = kW;
        this.kH = kH;
        this.dT = dT;
        this.dW = dW;
        this.dH = dH;
        this.padT = padT;
        this.padW = padW;
        this.padH = padH;
        if (nInputPlane <= 0 || nOutputPlane <= 0 || kT <= 0 || kW <= 0 || kH <= 0) {
            throw new IllegalArgumentException(this + ": plane counts and kernel sizes kT, kW, kH must be positive");
        }
        if (dT <= 0 || dW <= 0 || dH <= 0) {
            throw new IllegalArgumentException(this + ": strides dT, dW, dH must be positive");
        }
        if (padT < 0 || padW < 0 || padH < 0) {
            throw new IllegalArgumentException(this + ": pads padT, padW, padH must not be negative");
        }
        weight = Tensor.zeros(nOutputPlane, nInputPlane, kT, kH, kW);
        gradWeight = Tensor.zeros(nOutputPlane, nInputPlane, kT, kH, kW);
        bias = Tensor.zeros(nOutputPlane);
        gradBias = Tensor.zeros(nOutputPlane);
        reset();
    }

    /**
     * Removes the bias (Torch's {@code noBias()}).
     *
     * @return this
     */
    public VolumetricConvolution noBias() {
        bias = null;
        gradBias = null;
        return this;
    }

    /** @return the number of input planes */
    public int nInputPlane() {
        return nInputPlane;
    }

    /** @return the number of output planes */
    public int nOutputPlane() {
        return nOutputPlane;
    }

    /** @return the weight {@code [nOutputPlane, nInputPlane, kT, kH, kW]} (the module's own tensor) */
    public Tensor weight() {
        return weight;
    }

    /** @return the bias {@code [nOutputPlane]}, or {@code null} after {@link #noBias()} */
    public Tensor bias() {
        return bias;
    }

    @Override
    public VolumetricConvolution reset() {
        return fill(1.0 / Math.sqrt(kT * kW * kH * nInputPlane));
    }

    @Override
    public VolumetricConvolution reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private VolumetricConvolution fill(double bound) {
        TorchRandom rng = TorchRandom.global();
        weight.uniform(rng, -bound, bound);
        if (bias != null) {
            bias.uniform(rng, -bound, bound);
        }
        return this;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        Unfold.Geometry g = geometry(input);
        int batch = input.dim() == 5 ? input.size(0) : 1;
        int positions = g.positions();
        int ld = batch * positions;
        Buffers.resize2(columns, g.rows(), ld);
        double[] x = input.data();
        double[] c = columns.data();
        for (int b = 0; b < batch; b++) {
            Unfold.vol2col(g, x, b * g.inputVolume(), c, b * positions, ld);
        }
        output.resize(outputSize);
        double[] y = output.data();
        if (batch == 1) {
            for (int o = 0; o < nOutputPlane; o++) {
                Arrays.fill(y, o * positions, (o + 1) * positions, bias == null ? 0.0 : bias.data()[o]);
            }
            Gemm.gemm(false, false, 1.0, weight.matrix(), columns.matrix(), 1.0,
                    Unfold.view(view, shape, output, nOutputPlane, positions));
            return output;
        }
        Buffers.resize2(planes, nOutputPlane, ld);
        Gemm.gemm(false, false, 1.0, weight.matrix(), columns.matrix(), 0.0, planes.matrix());
        double[] p = planes.data();
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < nOutputPlane; o++) {
                double bo = bias == null ? 0.0 : bias.data()[o];
                int dst = (b * nOutputPlane + o) * positions;
                int src = o * ld + b * positions;
                for (int l = 0; l < positions; l++) {
                    y[dst + l] = p[src + l] + bo;
                }
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Unfold.Geometry g = geometry(input);
        int batch = input.dim() == 5 ? input.size(0) : 1;
        int positions = g.positions();
        int ld = batch * positions;
        DMatrixRMaj go = gradPlanes(input, gradOutput, batch, positions);
        Buffers.resize2(gradColumns, g.rows(), ld);
        Gemm.gemm(true, false, 1.0, weight.matrix(), go, 0.0, gradColumns.matrix());
        gradInput.resizeAs(input).zero();
        double[] gi = gradInput.data();
        double[] gc = gradColumns.data();
        for (int b = 0; b < batch; b++) {
            Unfold.col2vol(g, gc, b * positions, ld, gi, b * g.inputVolume());
        }
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        Unfold.Geometry g = geometry(input);
        int batch = input.dim() == 5 ? input.size(0) : 1;
        int positions = g.positions();
        int ld = batch * positions;
        if (columns.dim() != 2 || columns.size(0) != g.rows() || columns.size(1) != ld) {
            throw new IllegalStateException(this + ": accGradParameters needs the forward of the same input first");
        }
        DMatrixRMaj go = gradPlanes(input, gradOutput, batch, positions);
        Gemm.gemm(false, true, scale, go, columns.matrix(), 1.0, gradWeight.matrix());
        if (bias != null) {
            double[] gd = go.data;
            double[] gb = gradBias.data();
            for (int o = 0; o < nOutputPlane; o++) {
                double s = 0;
                for (int l = o * ld, end = l + ld; l < end; l++) {
                    s += gd[l];
                }
                gb[o] += scale * s;
            }
        }
    }

    /** The gradOutput as {@code [nOutputPlane, B·positions]}: a view for one sample, else gathered. */
    private DMatrixRMaj gradPlanes(Tensor input, Tensor gradOutput, int batch, int positions) {
        boolean ok = gradOutput.dim() == input.dim() && output.sameSizeAs(gradOutput);
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output " + output.shapeString() + " of the last forward");
        }
        if (batch == 1) {
            return Unfold.view(view, shape, gradOutput, nOutputPlane, positions);
        }
        int ld = batch * positions;
        Buffers.resize2(planes, nOutputPlane, ld);
        double[] gsrc = gradOutput.data();
        double[] p = planes.data();
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < nOutputPlane; o++) {
                System.arraycopy(gsrc, (b * nOutputPlane + o) * positions, p, o * ld + b * positions, positions);
            }
        }
        return planes.matrix();
    }

    /** Weight, then bias when present. */
    @Override
    public List<Parameter> parameters() {
        if (bias == null) {
            return List.of(new Parameter("weight", weight, gradWeight));
        }
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    @Override
    public VolumetricConvolution clearState() {
        super.clearState();
        columns.set(Tensor.empty());
        gradColumns.set(Tensor.empty());
        planes.set(Tensor.empty());
        view.set(Tensor.empty());
        return this;
    }

    /**
     * {@code nn.VolumetricConvolution(3 -> 5, 2x3x2)}, with {@code , dT,dW,dH} when a stride is not 1
     * or a pad is not 0, then {@code , padT,padW,padH} when a pad is not 0.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(torchTypeName()).append('(').append(nInputPlane).append(" -> ")
                .append(nOutputPlane).append(", ").append(kT).append('x').append(kW).append('x').append(kH);
        boolean padded = padT != 0 || padW != 0 || padH != 0;
        if (dT != 1 || dW != 1 || dH != 1 || padded) {
            s.append(", ").append(dT).append(',').append(dW).append(',').append(dH);
        }
        if (padded) {
            s.append(", ").append(padT).append(',').append(padW).append(',').append(padH);
        }
        return s.append(')').toString();
    }

    /** Checks the input and returns its geometry, reusing the last one while the input size is unchanged. */
    private Unfold.Geometry geometry(Tensor input) {
        int d = input.dim();
        int off = d - 4;
        boolean ok = (d == 4 || d == 5) && input.size(off) == nInputPlane && (d == 4 || input.size(0) > 0);
        if (ok) {
            int t = input.size(off + 1);
            int h = input.size(off + 2);
            int w = input.size(off + 3);
            Unfold.Geometry g = geometry;
            if (g != null && g.iT() == t && g.iH() == h && g.iW() == w && outputSize.length == d
                    && (d == 4 || outputSize[0] == input.size(0))) {
                return g;
            }
            if (t + 2 * padT >= kT && h + 2 * padH >= kH && w + 2 * padW >= kW) {
                g = new Unfold.Geometry(nInputPlane, t, h, w, kT, kH, kW, dT, dH, dW, padT, padH, padW,
                        (t + 2 * padT - kT) / dT + 1, (h + 2 * padH - kH) / dH + 1, (w + 2 * padW - kW) / dW + 1);
                geometry = g;
                outputSize = d == 4 ? new int[] {nOutputPlane, g.oT(), g.oH(), g.oW()}
                        : new int[] {input.size(0), nOutputPlane, g.oT(), g.oH(), g.oW()};
                return g;
            }
        }
        throw shapeError("[" + nInputPlane + ", T, H, W] or [B, " + nInputPlane + ", T, H, W] with T + 2*padT >= "
                + kT + ", H + 2*padH >= " + kH + ", W + 2*padW >= " + kW, input);
    }

    static final T7Codec<VolumetricConvolution> T7 = LuaFields.codec("nn.VolumetricConvolution",
            VolumetricConvolution.class,
            (o, in) -> {
                int pT = o.getInt("padT", 0);
                int pW = o.getInt("padW", pT);
                VolumetricConvolution m = new VolumetricConvolution(o.getInt("nInputPlane"), o.getInt("nOutputPlane"),
                        o.getInt("kT"), o.getInt("kW"), o.getInt("kH"), o.getInt("dT", 1), o.getInt("dW", 1),
                        o.getInt("dH", 1), pT, pW, o.getInt("padH", pW));
                if (o.get("bias") == null) {
                    m.noBias();
                }
                return LuaFields.readParameters(m, o, in);
            },
            (m, f, out) -> {
                f.put("nInputPlane", (double) m.nInputPlane);
                f.put("nOutputPlane", (double) m.nOutputPlane);
                f.put("kT", (double) m.kT);
                f.put("kW", (double) m.kW);
                f.put("kH", (double) m.kH);
                f.put("dT", (double) m.dT);
                f.put("dW", (double) m.dW);
                f.put("dH", (double) m.dH);
                f.put("padT", (double) m.padT);
                f.put("padW", (double) m.padW);
                f.put("padH", (double) m.padH);
                LuaFields.writeParameters(m, f, out);
            });

    /**
     * The kernel depth (time).
     *
     * @return kT
     */
    public int kT() {
        return kT;
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
     * The stride along time.
     *
     * @return dT
     */
    public int dT() {
        return dT;
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
     * The zero padding at each end along time.
     *
     * @return padT
     */
    public int padT() {
        return padT;
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

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public VolumetricConvolution training() {
        super.training();
        return this;
    }

    @Override
    public VolumetricConvolution evaluate() {
        super.evaluate();
        return this;
    }
}
