package io.github.nn4j.layers;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;

/**
 * A 2-D convolution over planes (Torch's {@code nn.SpatialConvolution},
 * {@code SpatialConvolution.lua}, THNN {@code SpatialConvolutionMM.c}):
 * <pre>
 * out[n][o][y][x] = b[o] + Σ_{c, kh, kw} W[o][c][kh][kw] · in[n][c][y·dH − padH + kh][x·dW − padW + kw]
 * </pre>
 * with zero padding, {@code oH = (H + 2·padH − kH) / dH + 1}, {@code oW = (W + 2·padW − kW) / dW + 1}.
 * It runs as an unfold of the whole batch ({@link io.github.nn4j.ops.Im2Col}) and one product
 * through {@link io.github.nn4j.linalg.Gemm}; the backward is the transposed product and a fold.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [in, H, W]}</td><td>{@code [N, in, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [out, oH, oW]}</td><td>{@code [N, out, oH, oW]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [out, in, kH, kW]}</td></tr>
 *   <tr><td>bias, gradBias</td><td colspan="2">{@code [out]} (absent after {@link #noBias()})</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b>: weight then bias from {@code U(±1/√(kW·kH·in))}, drawn from
 * {@link io.github.nn4j.TorchRandom#global()} as Torch draws them; {@code reset(stdv)} uses
 * {@code U(±stdv·√3)}. Prints as Torch, e.g. {@code nn.SpatialConvolution(3 -> 16, 5x5, 1,1, 2,2)}
 * (stride and padding only when not the defaults) and {@code ... without bias}.
 *
 * <p><b>Differences from Torch:</b> an input smaller than the kernel after padding is an
 * {@link IllegalArgumentException} (Torch's C division can round a negative size up to 1);
 * gradient buffers start zeroed; {@code accGradParameters} unfolds its input again instead of
 * reusing the last forward's columns (Torch's {@code finput}), so it does not depend on that forward. A
 * {@code .t7} file of the old format with {@code padding} instead of {@code padW}/{@code padH}, or
 * a 2-D weight, loads as Torch's {@code backCompatibility} reads it.
 *
 * <p><b>Groups</b> (from cudnn.torch; Lua's {@code nn} has none): with {@code groups = G} the
 * weight is {@code [out, in/G, kH, kW]} and group {@code g} convolves input planes
 * {@code [g·in/G, (g+1)·in/G)} into output planes {@code [g·out/G, (g+1)·out/G)}. Such a module is
 * saved as {@code nn.SpatialConvolution} with a {@code groups} field and the grouped weight, as
 * {@code cudnn.convert(m, nn)} leaves it; Lua's {@code nn.SpatialConvolution} refuses that weight
 * (it runs in Lua after {@code cudnn.convert(m, cudnn)}), nn4j reads it back. Printed as Torch
 * prints it (the groups are not shown).
 */
public class SpatialConvolution extends Im2ColConvolution {

    static final T7Codec<SpatialConvolution> T7 = LuaFields.codec("nn.SpatialConvolution", SpatialConvolution.class,
            (o, in) -> read(o, in, false), SpatialConvolution::write);

    /**
     * A convolution with stride 1 and no padding.
     *
     * @param nInputPlane input planes
     * @param nOutputPlane output planes
     * @param kW kernel width
     * @param kH kernel height
     */
    public SpatialConvolution(int nInputPlane, int nOutputPlane, int kW, int kH) {
        this(nInputPlane, nOutputPlane, kW, kH, 1, 1, 0, 0);
    }

    /**
     * A convolution without padding.
     *
     * @param nInputPlane input planes
     * @param nOutputPlane output planes
     * @param kW kernel width
     * @param kH kernel height
     * @param dW horizontal stride
     * @param dH vertical stride
     */
    public SpatialConvolution(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH) {
        this(nInputPlane, nOutputPlane, kW, kH, dW, dH, 0, 0);
    }

    /**
     * A convolution (Torch's {@code nn.SpatialConvolution(nIn, nOut, kW, kH, dW, dH, padW, padH)}).
     *
     * @param nInputPlane input planes, positive
     * @param nOutputPlane output planes, positive
     * @param kW kernel width, positive
     * @param kH kernel height, positive
     * @param dW horizontal stride, positive
     * @param dH vertical stride, positive
     * @param padW zeros added left and right, non-negative
     * @param padH zeros added above and below, non-negative
     */
    public SpatialConvolution(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW, int padH) {
        this(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, 1, 1, 1);
    }

    /**
     * A grouped convolution (cudnn.torch's
     * {@code cudnn.SpatialConvolution(nIn, nOut, kW, kH, dW, dH, padW, padH, groups)}): the weight
     * is {@code [nOutputPlane, nInputPlane/groups, kH, kW]} and group {@code g} maps input planes
     * {@code [g·nIn/groups, (g+1)·nIn/groups)} to output planes
     * {@code [g·nOut/groups, (g+1)·nOut/groups)}. Weight and bias are drawn from
     * {@code U(±1/√(kW·kH·nInputPlane/groups))}.
     *
     * @param nInputPlane input planes, positive, a multiple of {@code groups}
     * @param nOutputPlane output planes, positive, a multiple of {@code groups}
     * @param kW kernel width, positive
     * @param kH kernel height, positive
     * @param dW horizontal stride, positive
     * @param dH vertical stride, positive
     * @param padW zeros added left and right, non-negative
     * @param padH zeros added above and below, non-negative
     * @param groups the number of groups, positive
     */
    public SpatialConvolution(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW, int padH,
            int groups) {
        this(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, 1, 1, groups);
    }

    SpatialConvolution(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW, int padH,
            int dilationW, int dilationH) {
        this(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, dilationW, dilationH, 1);
    }

    private SpatialConvolution(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW, int padH,
            int dilationW, int dilationH, int groups) {
        super("nn.SpatialConvolution", nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, dilationW, dilationH,
                true, groups);
    }

    /**
     * Removes the bias (Torch's {@code noBias()}).
     *
     * @return this
     */
    public SpatialConvolution noBias() {
        bias = null;
        gradBias = null;
        return this;
    }

    /** {@code nn.SpatialConvolution(3 -> 5, 3x3, 2,1, 1,1)}, {@code ... without bias}. */
    @Override
    public String toString() {
        return describe() + ")" + (bias == null ? " without bias" : "");
    }

    static SpatialConvolution read(T7Object o, T7Bridge.Reading in, boolean dilated) throws T7ModuleException {
        int nIn = o.getInt("nInputPlane");
        int nOut = o.getInt("nOutputPlane");
        int kW = o.getInt("kW");
        int kH = o.getInt("kH");
        int padW;
        int padH;
        if (o.get("padding") != null) {
            padW = o.getInt("padding");
            padH = padW;
        } else {
            padW = o.getInt("padW", 0);
            padH = o.getInt("padH", 0);
        }
        SpatialConvolution m = dilated
                ? new SpatialDilatedConvolution(nIn, nOut, kW, kH, o.getInt("dW", 1), o.getInt("dH", 1), padW, padH,
                        o.getInt("dilationW", 1), o.getInt("dilationH", 1))
                : new SpatialConvolution(nIn, nOut, kW, kH, o.getInt("dW", 1), o.getInt("dH", 1), padW, padH,
                        groups(o, in, nIn, nOut));
        if (o.get("bias") == null) {
            m.noBias();
        }
        return readParameters(m, o, in);
    }

    /**
     * The {@code groups} field (cudnn.torch's; {@code cudnn.convert(m, nn)} keeps it on the
     * {@code nn.SpatialConvolution} it makes), 1 when absent.
     */
    private static int groups(T7Object o, T7Bridge.Reading in, int nIn, int nOut) throws T7ModuleException {
        int groups = o.getInt("groups", 1);
        if (groups <= 0 || nIn % groups != 0 || nOut % groups != 0) {
            throw in.error(o.className() + "(" + nIn + " -> " + nOut + "): groups " + groups
                    + " does not divide both plane counts");
        }
        return groups;
    }

    static void write(SpatialConvolution m, T7Table f, T7Bridge.Writing out) {
        writeGeometry(m, f);
        if (m.groups != 1) {
            // as cudnn.convert(m, nn) leaves it (see the class comment)
            f.put("groups", (double) m.groups);
        }
        LuaFields.writeParameters(m, f, out);
    }

    static void writeGeometry(Im2ColConvolution m, T7Table f) {
        f.put("nInputPlane", (double) m.nInputPlane);
        f.put("nOutputPlane", (double) m.nOutputPlane);
        f.put("kW", (double) m.kW);
        f.put("kH", (double) m.kH);
        f.put("dW", (double) m.dW);
        f.put("dH", (double) m.dH);
        f.put("padW", (double) m.padW);
        f.put("padH", (double) m.padH);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialConvolution training() {
        super.training();
        return this;
    }

    @Override
    public SpatialConvolution evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialConvolution reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialConvolution reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
