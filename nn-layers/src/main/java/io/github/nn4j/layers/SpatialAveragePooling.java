package io.github.nn4j.layers;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Average pooling over {@code kW × kH} windows moved by {@code dW, dH} over each plane, with zero
 * padding {@code padW, padH} (Torch's {@code nn.SpatialAveragePooling},
 * {@code SpatialAveragePooling.lua}, THNN {@code SpatialAveragePooling.c}):
 * {@code y[c, i, j] = (Σ x over the window inside the input) / divisor}. The divisor, as THNN
 * computes it: the window clipped to the padded input {@code [−pad, size + pad)} when counting
 * the padding ({@link #setCountIncludePad()}, the default: {@code kW·kH} except where a ceil-mode
 * window runs past the padded border), or clipped to the input itself after
 * {@link #setCountExcludePad()}. Without {@code divide} (a field of old Torch files) the result is
 * multiplied back by {@code kW·kH}. Backward adds {@code gradOutput / divisor} to every input
 * element of the window.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, oH, oW]}</td><td>{@code [N, C, oH, oW]}</td></tr>
 * </table>
 * {@code oH = floor((H − kH + 2·padH) / dH) + 1} ({@code ceil} after {@link #ceil()}), one less
 * when the last window would start past {@code H + padH}; the same for {@code oW}. The steps
 * default to 1 (not to the kernel size as in {@link SpatialMaxPooling}), as in Torch.
 *
 * <p><b>Difference from Torch:</b> a ceil-mode window wholly outside the input without padding is
 * dropped (see {@link Spatial#poolOutputSize}), where THNN divides by a non-positive count.
 */
public class SpatialAveragePooling extends PaddedPooling {

    private boolean countIncludePad = true;
    private boolean divide = true;

    /**
     * Windows of {@code kW × kH} moved by 1.
     *
     * @param kW the window width, positive
     * @param kH the window height, positive
     */
    public SpatialAveragePooling(int kW, int kH) {
        this(kW, kH, 1, 1, 0, 0);
    }

    /**
     * Windows moved by {@code dW, dH}, no padding.
     *
     * @param kW the window width, positive
     * @param kH the window height, positive
     * @param dW the horizontal step, positive
     * @param dH the vertical step, positive
     */
    public SpatialAveragePooling(int kW, int kH, int dW, int dH) {
        this(kW, kH, dW, dH, 0, 0);
    }

    /**
     * Windows moved by {@code dW, dH} over the input padded with zeros.
     *
     * @param kW the window width, positive
     * @param kH the window height, positive
     * @param dW the horizontal step, positive
     * @param dH the vertical step, positive
     * @param padW the padding left and right, at most {@code kW / 2}
     * @param padH the padding top and bottom, at most {@code kH / 2}
     */
    public SpatialAveragePooling(int kW, int kH, int dW, int dH, int padW, int padH) {
        super("nn.SpatialAveragePooling", kW, kH, dW, dH, padW, padH);
    }

    /**
     * Rounds the output size up (Torch's {@code ceil()}).
     *
     * @return this
     */
    public SpatialAveragePooling ceil() {
        ceilMode = true;
        return this;
    }

    /**
     * Rounds the output size down, the default (Torch's {@code floor()}).
     *
     * @return this
     */
    public SpatialAveragePooling floor() {
        ceilMode = false;
        return this;
    }

    /**
     * Counts the padding in the divisor, the default (Torch's {@code setCountIncludePad()}).
     *
     * @return this
     */
    public SpatialAveragePooling setCountIncludePad() {
        countIncludePad = true;
        return this;
    }

    /**
     * Divides by the number of input elements in the window (Torch's {@code setCountExcludePad()}).
     *
     * @return this
     */
    public SpatialAveragePooling setCountExcludePad() {
        countIncludePad = false;
        return this;
    }

    /**
     * Sets Torch's {@code divide} field: {@code false} (old Torch files) multiplies the averages,
     * and the gradients, by {@code kW·kH}.
     *
     * @param divide whether to average (the default) rather than sum
     * @return this
     */
    public SpatialAveragePooling setDivide(boolean divide) {
        this.divide = divide;
        return this;
    }

    /** @return whether the divisor counts the padding */
    public boolean isCountIncludePad() {
        return countIncludePad;
    }

    /** @return Torch's {@code divide} flag */
    public boolean isDivide() {
        return divide;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        check(input);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        int oh = outH(ih);
        int ow = outW(iw);
        int planes = Spatial.planes(input);
        Spatial.resizeSpatial(output, input, oh, ow);
        double[] x = input.data();
        double[] y = output.data();
        double mult = kW * kH;
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int i = 0; i < oh; i++) {
                int hs = i * dH - padH;
                int he = Math.min(hs + kH, ih + padH);
                int poolH = he - hs;
                hs = Math.max(hs, 0);
                he = Math.min(he, ih);
                for (int j = 0; j < ow; j++, o++) {
                    int ws = j * dW - padW;
                    int we = Math.min(ws + kW, iw + padW);
                    int poolW = we - ws;
                    ws = Math.max(ws, 0);
                    we = Math.min(we, iw);
                    int div = countIncludePad ? poolH * poolW : (he - hs) * (we - ws);
                    double sum = 0;
                    for (int r = hs; r < he; r++) {
                        int row = base + r * iw;
                        for (int c = ws; c < we; c++) {
                            sum += x[row + c];
                        }
                    }
                    double v = sum / div;
                    y[o] = divide ? v : v * mult;
                }
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        check(input);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        int oh = outH(ih);
        int ow = outW(iw);
        Spatial.checkGradOutput(this, input, gradOutput, oh, ow);
        Spatial.resizeAs(gradInput, input).zero();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        int planes = Spatial.planes(input);
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int i = 0; i < oh; i++) {
                int hs = i * dH - padH;
                int he = Math.min(hs + kH, ih + padH);
                int poolH = he - hs;
                hs = Math.max(hs, 0);
                he = Math.min(he, ih);
                for (int j = 0; j < ow; j++, o++) {
                    int ws = j * dW - padW;
                    int we = Math.min(ws + kW, iw + padW);
                    int poolW = we - ws;
                    ws = Math.max(ws, 0);
                    we = Math.min(we, iw);
                    int div = countIncludePad ? poolH * poolW : (he - hs) * (we - ws);
                    double z = g[o] / div;
                    for (int r = hs; r < he; r++) {
                        int row = base + r * iw;
                        for (int c = ws; c < we; c++) {
                            gi[row + c] += z;
                        }
                    }
                }
            }
        }
        if (!divide) {
            double mult = kW * kH;
            for (int i = 0, n = gradInput.numel(); i < n; i++) {
                gi[i] *= mult;
            }
        }
        return gradInput;
    }

    /** {@code nn.SpatialAveragePooling(3x3, 2,2)}, with {@code , padW,padH} when padded. */
    @Override
    public String toString() {
        String s = "nn.SpatialAveragePooling(" + kW + "x" + kH + ", " + dW + "," + dH;
        if (padW != 0 || padH != 0) {
            s += ", " + padW + "," + padH;
        }
        return s + ")";
    }

    /**
     * Fields kW, kH, dW, dH, padW, padH, ceil_mode, count_include_pad, divide. A file without
     * {@code ceil_mode} predates padding: Torch's {@code backwardCompatible} then sets floor mode,
     * counted padding and no padding; an absent {@code divide} is Lua's nil (sum, not average).
     */
    static final T7Codec<SpatialAveragePooling> T7 = LuaFields.codec("nn.SpatialAveragePooling",
            SpatialAveragePooling.class, (o, in) -> {
                boolean old = o.get("ceil_mode") == null;
                SpatialAveragePooling m = new SpatialAveragePooling(o.getInt("kW"), o.getInt("kH"), o.getInt("dW", 1),
                        o.getInt("dH", 1), old ? 0 : o.getInt("padW", 0), old ? 0 : o.getInt("padH", 0));
                if (LuaFields.truthy(o.get("ceil_mode"))) {
                    m.ceil();
                }
                if (!old && !LuaFields.truthy(o.get("count_include_pad"))) {
                    m.setCountExcludePad();
                }
                m.setDivide(LuaFields.truthy(o.get("divide")));
                return m;
            }, (m, f, out) -> {
                f.put("kW", (double) m.kW);
                f.put("kH", (double) m.kH);
                f.put("dW", (double) m.dW);
                f.put("dH", (double) m.dH);
                f.put("padW", (double) m.padW);
                f.put("padH", (double) m.padH);
                f.put("ceil_mode", m.ceilMode);
                f.put("count_include_pad", m.countIncludePad);
                f.put("divide", m.divide);
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialAveragePooling training() {
        super.training();
        return this;
    }

    @Override
    public SpatialAveragePooling evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialAveragePooling reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialAveragePooling reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
