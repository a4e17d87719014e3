package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;

/**
 * A dilated (à trous) 2-D convolution (Torch's {@code nn.SpatialDilatedConvolution},
 * {@code SpatialDilatedConvolution.lua}, THNN {@code SpatialDilatedConvolution.c}): the kernel
 * taps are {@code dilationH} rows and {@code dilationW} columns apart,
 * <pre>
 * out[n][o][y][x] = b[o] + Σ_{c, kh, kw} W[o][c][kh][kw] · in[n][c][y·dH − padH + kh·dilationH][x·dW − padW + kw·dilationW]
 * </pre>
 * {@code oH = (H + 2·padH − (dilationH·(kH − 1) + 1)) / dH + 1}, likewise {@code oW}. Same unfold
 * + product + fold as {@link SpatialConvolution} (a subclass, as in Torch).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [in, H, W]}</td><td>{@code [N, in, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [out, oH, oW]}</td><td>{@code [N, out, oH, oW]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [out, in, kH, kW]}</td></tr>
 *   <tr><td>bias, gradBias</td><td colspan="2">{@code [out]} (absent after {@code noBias()})</td></tr>
 * </table>
 *
 * <p>Initialisation as {@link SpatialConvolution}. Prints as Torch, e.g.
 * {@code nn.SpatialDilatedConvolution(3 -> 5, 3x3, 1,1, 2,2, 2,2)}: the dilation is always
 * printed. Differences from Torch: those of {@link SpatialConvolution}.
 */
public class SpatialDilatedConvolution extends SpatialConvolution {

    static final T7Codec<SpatialDilatedConvolution> T7 = LuaFields.codec("nn.SpatialDilatedConvolution",
            SpatialDilatedConvolution.class, (o, in) -> (SpatialDilatedConvolution) SpatialConvolution.read(o, in, true),
            (m, f, out) -> {
                SpatialConvolution.write(m, f, out);
                f.put("dilationW", (double) m.dilationW);
                f.put("dilationH", (double) m.dilationH);
            });

    /**
     * A dilated convolution (Torch's argument order).
     *
     * @param nInputPlane input planes, positive
     * @param nOutputPlane output planes, positive
     * @param kW kernel width, positive
     * @param kH kernel height, positive
     * @param dW horizontal stride, positive
     * @param dH vertical stride, positive
     * @param padW horizontal padding, non-negative
     * @param padH vertical padding, non-negative
     * @param dilationW horizontal dilation, positive
     * @param dilationH vertical dilation, positive
     */
    public SpatialDilatedConvolution(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW,
            int padH, int dilationW, int dilationH) {
        super(nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, dilationW, dilationH);
    }



    @Override
    public SpatialDilatedConvolution noBias() {
        super.noBias();
        return this;
    }

    /** {@code nn.SpatialDilatedConvolution(3 -> 5, 3x3, 1,1, 2,2, 2,2)}, {@code ... without bias}. */
    @Override
    public String toString() {
        return describe() + ", " + dilationW + "," + dilationH + ")" + (bias == null ? " without bias" : "");
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialDilatedConvolution training() {
        super.training();
        return this;
    }

    @Override
    public SpatialDilatedConvolution evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialDilatedConvolution reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialDilatedConvolution reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
