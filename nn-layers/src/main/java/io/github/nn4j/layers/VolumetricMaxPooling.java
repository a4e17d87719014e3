package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ElementType;
import io.github.nn4j.torch7.T7Tensor;

/**
 * 3-D max pooling, plane by plane (Torch's {@code nn.VolumetricMaxPooling},
 * {@code VolumetricMaxPooling.lua}, {@code THNN/generic/VolumetricDilatedMaxPooling.c} with
 * dilation 1).
 *
 * <p>{@code y[c, t, i, j] = max x[c, z, u, v]} over the window {@code z ∈ [t·dT − padT,
 * t·dT − padT + kT)}, {@code u ∈ [i·dH − padH, …+kH)}, {@code v ∈ [j·dW − padW, …+kW)} clipped to
 * the input (padding never wins); the first maximum in {@code (z, u, v)} row-major order wins a
 * tie (Torch's strict {@code >}). Backward: {@code gradInput} at each winner
 * {@code += gradOutput} (overlapping windows add up).
 *
 * <p><b>Output size</b> as Torch: {@code oT = ⌊(T + 2·padT − kT) / dT⌋ + 1} (⌈…⌉ after
 * {@link #ceil()}), and likewise for H and W; with padding, a last window that would start in
 * the padding after the input is dropped ({@code (oT − 1)·dT ≥ T + padT}).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, T, H, W]}</td><td>{@code [B, C, T, H, W]}</td></tr>
 *   <tr><td>output, indices</td><td>{@code [C, oT, oH, oW]}</td><td>{@code [B, C, oT, oH, oW]}</td></tr>
 * </table>
 *
 * <p><b>Arguments</b> in Torch's order {@code (kT, kW, kH, dT, dW, dH, padT, padW, padH)} (width
 * before height); strides default to the kernel size, pads to 0, and a pad may be at most half
 * its kernel size. Prints as Torch: {@code nn.VolumetricMaxPooling(2x3x2, 1,2,1)}, with
 * {@code , padT,padW,padH} when a pad is not 0 (the ceil mode is not printed).
 *
 * <p><b>Differences from Torch:</b> {@link #indices()} are 0-based offsets within each
 * {@code T×H×W} plane of the input (Torch stores them 1-based, {@code TH_INDEX_BASE}); −1 marks a
 * window with no value above −∞ (all NaN), as Torch's −1 + 1 = 0. Bad kernel, stride or pad
 * values are refused by the constructor (Torch checks them at the first forward). Files are
 * written with class version 2, as Torch writes them, so a ceil-mode module keeps its mode in Lua
 * (Lua's {@code read} resets {@code ceil_mode} to false for versions below 2, and so does nn4j).
 */
public class VolumetricMaxPooling extends Module<Tensor, Tensor> {

    private final int kT;
    private final int kW;
    private final int kH;
    private final int dT;
    private final int dW;
    private final int dH;
    private final int padT;
    private final int padW;
    private final int padH;
    private boolean ceilMode;
    /** The 0-based offset of each maximum within its input plane, as doubles. */
    private final Tensor indices = Tensor.empty();
    private int[] outputSize = new int[0];

    /**
     * Pooling with non-overlapping windows (strides = kernel sizes), no padding.
     *
     * @param kT the window depth (time), positive
     * @param kW the window width, positive
     * @param kH the window height, positive
     */
    public VolumetricMaxPooling(int kT, int kW, int kH) {
        this(kT, kW, kH, kT, kW, kH, 0, 0, 0);
    }

    /**
     * Pooling without padding.
     *
     * @param kT the window depth (time), positive
     * @param kW the window width, positive
     * @param kH the window height, positive
     * @param dT the stride in time, positive
     * @param dW the stride in width, positive
     * @param dH the stride in height, positive
     */
    public VolumetricMaxPooling(int kT, int kW, int kH, int dT, int dW, int dH) {
        this(kT, kW, kH, dT, dW, dH, 0, 0, 0);
    }

    /**
     * Pooling with Torch's full set of arguments, in Torch's order.
     *
     * @param kT the window depth (time), positive
     * @param kW the window width, positive
     * @param kH the window height, positive
     * @param dT the stride in time, positive
     * @param dW the stride in width, positive
     * @param dH the stride in height, positive
     * @param padT the padding before and after in time, in {@code [0, kT/2]}
     * @param padW the padding left and right, in {@code [0, kW/2]}
     * @param padH the padding above and below, in {@code [0, kH/2]}
     * @throws IllegalArgumentException if a size or stride is not positive or a pad out of range
     */
    public VolumetricMaxPooling(int kT, int kW, int kH, int dT, int dW, int dH, int padT, int padW, int padH) {
        super(Tensor.empty(), Tensor.empty());
        this.kT = kT;
        this.kW = kW;
        this.kH = kH;
        this.dT = dT;
        this.dW = dW;
        this.dH = dH;
        this.padT = padT;
        this.padW = padW;
        this.padH = padH;
        if (kT <= 0 || kW <= 0 || kH <= 0 || dT <= 0 || dW <= 0 || dH <= 0) {
            throw new IllegalArgumentException(this + ": kernel sizes and strides must be positive");
        }
        if (padT < 0 || padW < 0 || padH < 0 || padT > kT / 2 || padW > kW / 2 || padH > kH / 2) {
            throw new IllegalArgumentException(this + ": pad should be at least 0 and at most half of the kernel size"
                    + " (kT/2, kW/2, kH/2)");
        }
    }

    /**
     * Rounds the output size up (Torch's {@code ceil()}).
     *
     * @return this
     */
    public VolumetricMaxPooling ceil() {
        ceilMode = true;
        return this;
    }

    /**
     * Rounds the output size down, the default (Torch's {@code floor()}).
     *
     * @return this
     */
    public VolumetricMaxPooling floor() {
        ceilMode = false;
        return this;
    }

    /** @return whether the output size is rounded up */
    public boolean isCeilMode() {
        return ceilMode;
    }

    /**
     * The 0-based offsets of the maxima of the last forward within their {@code T×H×W} input
     * planes.
     *
     * @return the buffer (not a copy), shaped like the output
     */
    public Tensor indices() {
        return indices;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int d = input.dim();
        if (!(d == 4 || d == 5) || (d == 5 && input.size(0) <= 0) || input.size(d - 4) <= 0) {
            throw shapeError("[C, T, H, W] or [B, C, T, H, W]", input);
        }
        int it = input.size(d - 3);
        int ih = input.size(d - 2);
        int iw = input.size(d - 1);
        int ot = outSize(it, kT, dT, padT);
        int oh = outSize(ih, kH, dH, padH);
        int ow = outSize(iw, kW, dW, padW);
        if (ot < 1 || oh < 1 || ow < 1) {
            throw shapeError("[C, T, H, W] or [B, C, T, H, W] large enough for a " + kT + "x" + kH + "x" + kW
                    + " window (T x H x W) with pads " + padT + "," + padH + "," + padW, input);
        }
        resizeOutput(input, d, ot, oh, ow);
        indices.resizeAs(output);
        int planes = d == 5 ? input.size(0) * input.size(1) : input.size(0);
        int inPlane = it * ih * iw;
        double[] x = input.data();
        double[] y = output.data();
        double[] idx = indices.data();
        for (int p = 0, o = 0; p < planes; p++) {
            int base = p * inPlane;
            for (int t = 0; t < ot; t++) {
                int t0 = t * dT - padT;
                int t1 = Math.min(t0 + kT, it);
                t0 = Math.max(t0, 0);
                for (int i = 0; i < oh; i++) {
                    int h0 = i * dH - padH;
                    int h1 = Math.min(h0 + kH, ih);
                    h0 = Math.max(h0, 0);
                    for (int j = 0; j < ow; j++, o++) {
                        int w0 = j * dW - padW;
                        int w1 = Math.min(w0 + kW, iw);
                        w0 = Math.max(w0, 0);
                        double max = Double.NEGATIVE_INFINITY;
                        int arg = -1;
                        for (int z = t0; z < t1; z++) {
                            for (int u = h0; u < h1; u++) {
                                int row = (z * ih + u) * iw;
                                for (int v = w0; v < w1; v++) {
                                    double val = x[base + row + v];
                                    if (val > max) {
                                        max = val;
                                        arg = row + v;
                                    }
                                }
                            }
                        }
                        y[o] = max;
                        idx[o] = arg;
                    }
                }
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (!gradOutput.sameSizeAs(output) || !indices.sameSizeAs(output) || input.dim() != output.dim()) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output " + output.shapeString() + " of the last forward");
        }
        int d = input.dim();
        int planes = d == 5 ? input.size(0) * input.size(1) : input.size(0);
        int inPlane = input.size(d - 3) * input.size(d - 2) * input.size(d - 1);
        int outPlane = output.size(d - 3) * output.size(d - 2) * output.size(d - 1);
        gradInput.resizeAs(input).zero();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double[] idx = indices.data();
        for (int p = 0, o = 0; p < planes; p++) {
            int base = p * inPlane;
            for (int end = o + outPlane; o < end; o++) {
                int k = (int) idx[o];
                if (k >= 0) {
                    gi[base + k] += g[o];
                }
            }
        }
        return gradInput;
    }

    @Override
    public VolumetricMaxPooling clearState() {
        super.clearState();
        indices.set(Tensor.empty());
        return this;
    }

    /** {@code nn.VolumetricMaxPooling(kTxkWxkH, dT,dW,dH[, padT,padW,padH])}. */
    @Override
    public String toString() {
        String s = torchTypeName() + "(" + kT + "x" + kW + "x" + kH + ", " + dT + "," + dW + "," + dH;
        if (padT != 0 || padW != 0 || padH != 0) {
            s += ", " + padT + "," + padW + "," + padH;
        }
        return s + ")";
    }

    private int outSize(int in, int k, int stride, int pad) {
        int span = in - k + 2 * pad;
        int n = (ceilMode ? -Math.floorDiv(-span, stride) : Math.floorDiv(span, stride)) + 1;
        if ((padT != 0 || padW != 0 || padH != 0) && (n - 1) * stride >= in + pad) {
            n--;
        }
        return n;
    }

    private void resizeOutput(Tensor input, int d, int ot, int oh, int ow) {
        int[] s = outputSize;
        boolean same = s.length == d && s[d - 3] == ot && s[d - 2] == oh && s[d - 1] == ow
                && s[d - 4] == input.size(d - 4) && (d == 4 || s[0] == input.size(0));
        if (!same) {
            outputSize = d == 4 ? new int[] {input.size(0), ot, oh, ow}
                    : new int[] {input.size(0), input.size(1), ot, oh, ow};
        }
        output.resize(outputSize);
    }

    /**
     * The {@code .t7} form of {@code nn.VolumetricMaxPooling} (class version 2, as Torch writes it):
     * {@code kT}, {@code kW}, {@code kH}, {@code dT}, {@code dW}, {@code dH}, {@code padT},
     * {@code padW}, {@code padH}, {@code ceil_mode}; a version-1 file is read in floor mode, as
     * Torch's {@code read} does.
     */
    static final T7Codec<VolumetricMaxPooling> T7 = LuaFields.codec("nn.VolumetricMaxPooling",
            VolumetricMaxPooling.class, 2,
            (o, in) -> {
                int kt = o.getInt("kT");
                int kw = o.getInt("kW");
                int kh = o.getInt("kH");
                VolumetricMaxPooling m = new VolumetricMaxPooling(kt, kw, kh, o.getInt("dT", kt), o.getInt("dW", kw),
                        o.getInt("dH", kh), o.getInt("padT", 0), o.getInt("padW", 0), o.getInt("padH", 0));
                return o.version() >= 2 && LuaFields.truthy(o.get("ceil_mode")) ? m.ceil() : m;
            },
            (m, f, out) -> {
                f.put("kT", (double) m.kT);
                f.put("kW", (double) m.kW);
                f.put("kH", (double) m.kH);
                f.put("dT", (double) m.dT);
                f.put("dW", (double) m.dW);
                f.put("dH", (double) m.dH);
                f.put("padT", (double) m.padT);
                f.put("padW", (double) m.padW);
                f.put("padH", (double) m.padH);
                f.put("ceil_mode", m.ceilMode);
                f.put("indices", T7Tensor.empty(T7ElementType.LONG));
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
    public VolumetricMaxPooling training() {
        super.training();
        return this;
    }

    @Override
    public VolumetricMaxPooling evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public VolumetricMaxPooling reset() {
        super.reset();
        return this;
    }

    @Override
    public VolumetricMaxPooling reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
