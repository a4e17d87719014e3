package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;

/**
 * The 2-D convolution of {@link SpatialConvolution} with the weight stored as one matrix
 * (Torch's {@code nn.SpatialConvolutionMM}, {@code SpatialConvolutionMM.lua}, THNN
 * {@code SpatialConvolutionMM.c}): the same formula, output sizes, initialisation and maths
 * (unfold + one product through {@link io.github.nn4j.linalg.Gemm} + fold).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [in, H, W]}</td><td>{@code [N, in, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [out, oH, oW]}</td><td>{@code [N, out, oH, oW]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [out, in·kH·kW]} (row {@code o}: {@code (c, kh, kw)} row-major)</td></tr>
 *   <tr><td>bias, gradBias</td><td colspan="2">{@code [out]}</td></tr>
 * </table>
 *
 * <p>Prints as Torch, e.g. {@code nn.SpatialConvolutionMM(3 -> 5, 3x3, 1,1, 1,1)}.
 *
 * <p><b>Old files.</b> Models saved in 2013–14 (e.g. torch/demos' face detector) predate strides
 * and padding in this module: their objects have no {@code dW}, {@code dH}, {@code padW},
 * {@code padH}. The module of that time always used stride 1 and no padding, so such a file loads
 * with stride 1 and padding 0 and runs as it was trained (today's Lua nn fails on it). A
 * {@code padding} field (an intermediate format) sets both paddings, as Torch's
 * {@code updateOutput} does. A 4-D stored weight is accepted too. Differences from Torch: those of
 * {@link SpatialConvolution}; this class has no {@code noBias()}, as in Torch.
 */
public class SpatialConvolutionMM extends Im2ColConvolution {

    static final T7Codec<SpatialConvolutionMM> T7 = LuaFields.codec("nn.SpatialConvolutionMM",
            SpatialConvolutionMM.class, SpatialConvolutionMM::read,
            (m, f, out) -> {
                SpatialConvolution.writeGeometry(m, f);
                LuaFields.writeParameters(m, f, out);
            });

    /**
     * A convolution with stride 1 and no padding.
     *
     * @param nInputPlane input planes
     * @param nOutputPlane output planes
     * @param kW kernel width
     * @param kH kernel height
     */
    public SpatialConvolutionMM(int nInputPlane, int nOutputPlane, int kW, int kH) {
        this(nInputPlane, nOutputPlane, kW, kH, 1, 1, 0, 0);
    }

    /**
     * A convolution (Torch's {@code nn.SpatialConvolutionMM(nIn, nOut, kW, kH, dW, dH, padW, padH)}).
     *
     * @param nInputPlane input planes, positive
     * @param nOutputPlane output planes, positive
     * @param kW kernel width, positive
     * @param kH kernel height, positive
     * @param dW horizontal stride, positive
     * @param dH vertical stride, positive
     * @param padW horizontal padding, non-negative
     * @param padH vertical padding, non-negative
     */
    public SpatialConvolutionMM(int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW,
            int padH) {
        super("nn.SpatialConvolutionMM", nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, 1, 1, false);
    }

    /** {@code nn.SpatialConvolutionMM(3 -> 5, 3x3, 1,1, 1,1)}. */
    @Override
    public String toString() {
        return describe() + ")";
    }

    private static SpatialConvolutionMM read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        int padW;
        int padH;
        if (o.get("padding") != null) {
            padW = o.getInt("padding");
            padH = padW;
        } else {
            // absent in the files of 2013-14: the module of that time had no padding (nor stride)
            padW = o.getInt("padW", 0);
            padH = o.getInt("padH", padW);
        }
        SpatialConvolutionMM m = new SpatialConvolutionMM(o.getInt("nInputPlane"), o.getInt("nOutputPlane"),
                o.getInt("kW"), o.getInt("kH"), o.getInt("dW", 1), o.getInt("dH", 1), padW, padH);
        return readParameters(m, o, in);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialConvolutionMM training() {
        super.training();
        return this;
    }

    @Override
    public SpatialConvolutionMM evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialConvolutionMM reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialConvolutionMM reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
