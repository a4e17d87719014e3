package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Bilinear up-sampling with aligned corners (Torch's {@code nn.SpatialUpSamplingBilinear},
 * {@code SpatialUpSamplingBilinear.lua}, THNN {@code SpatialUpSamplingBilinear.c}), to
 * {@code s·H × s·W} for an integer factor {@code s}, or to a given {@code oH × oW}. Output row
 * {@code i} samples input row {@code r = i·(H − 1)/(oH − 1)} (0 when {@code oH = 1}): with
 * {@code h = floor(r)}, {@code λ = r − h},
 * {@code y = (1−λ)·((1−μ)·x[h, w] + μ·x[h, w+1]) + λ·((1−μ)·x[h+1, w] + μ·x[h+1, w+1])}
 * (the {@code +1} neighbour clamped at the last row or column), columns likewise with {@code μ}.
 * Backward spreads each gradOutput element over its four neighbours with the same weights.
 * As in THNN, the ratio {@code (H − 1)/(oH − 1)}, the position {@code r} and {@code λ} are
 * computed in {@code float} (so {@code λ} carries float rounding, about 1e-8), the blend in
 * {@code double}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, oH, oW]}</td><td>{@code [N, C, oH, oW]}</td></tr>
 * </table>
 */
public class SpatialUpSamplingBilinear extends Module<Tensor, Tensor> {

    /** The factor, or 0 when the output size is given. */
    private final int scale;
    private final int oheight;
    private final int owidth;
    private final int[] lastIn = new int[4];
    private final int[] lastOut = new int[4];

    /**
     * Up-samples by {@code scale}: output {@code scale·H × scale·W}.
     *
     * @param scale the factor, positive
     */
    public SpatialUpSamplingBilinear(int scale) {
        super(Tensor.empty(), Tensor.empty());
        if (scale < 1) {
            throw new IllegalArgumentException("nn.SpatialUpSamplingBilinear: scale_factor must be at least 1, got "
                    + scale);
        }
        this.scale = scale;
        this.oheight = 0;
        this.owidth = 0;
    }

    /**
     * Resamples to {@code oheight × owidth} (Torch's {@code {oheight = , owidth = }}).
     *
     * @param oheight the output height, positive
     * @param owidth the output width, positive
     */
    public SpatialUpSamplingBilinear(int oheight, int owidth) {
        super(Tensor.empty(), Tensor.empty());
        Spatial.positive("nn.SpatialUpSamplingBilinear(" + oheight + ", " + owidth + ")", "output size", oheight,
                owidth);
        this.scale = 0;
        this.oheight = oheight;
        this.owidth = owidth;
    }

    /** @return the factor, 0 when the output size is given */
    public int scale() {
        return scale;
    }

    private void check(Tensor input) {
        if (!Spatial.isSpatial(input)) {
            throw shapeError(Spatial.expected(""), input);
        }
    }

    private int outH(Tensor input) {
        return scale > 0 ? Spatial.height(input) * scale : oheight;
    }

    private int outW(Tensor input) {
        return scale > 0 ? Spatial.width(input) * scale : owidth;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        check(input);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        int oh = outH(input);
        int ow = outW(input);
        Spatial.resizeSpatial(output, input, oh, ow);
        SpatialUpSamplingNearest.record(input, lastIn, lastOut, oh, ow);
        double[] x = input.data();
        double[] y = output.data();
        int planes = Spatial.planes(input);
        if (ih == oh && iw == ow) {
            System.arraycopy(x, 0, y, 0, input.numel());
            return output;
        }
        float rh = oh > 1 ? (float) (ih - 1) / (oh - 1) : 0f;
        float rw = ow > 1 ? (float) (iw - 1) / (ow - 1) : 0f;
        for (int i = 0; i < oh; i++) {
            float hr = rh * i;
            int h = (int) hr;
            int hp = h < ih - 1 ? iw : 0;
            double l1 = hr - h; // a float difference, as THNN's
            double l0 = 1.0 - l1;
            for (int j = 0; j < ow; j++) {
                float wr = rw * j;
                int w = (int) wr;
                int wp = w < iw - 1 ? 1 : 0;
                double m1 = wr - w;
                double m0 = 1.0 - m1;
                int src = h * iw + w;
                int dst = i * ow + j;
                for (int p = 0; p < planes; p++, src += ih * iw, dst += oh * ow) {
                    y[dst] = l0 * (m0 * x[src] + m1 * x[src + wp]) + l1 * (m0 * x[src + hp] + m1 * x[src + hp + wp]);
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
        int oh = outH(input);
        int ow = outW(input);
        Spatial.checkGradOutput(this, input, gradOutput, oh, ow);
        Spatial.resizeAs(gradInput, input).zero();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        int planes = Spatial.planes(input);
        if (ih == oh && iw == ow) {
            System.arraycopy(g, 0, gi, 0, input.numel());
            return gradInput;
        }
        float rh = oh > 1 ? (float) (ih - 1) / (oh - 1) : 0f;
        float rw = ow > 1 ? (float) (iw - 1) / (ow - 1) : 0f;
        for (int p = 0; p < planes; p++) {
            int ibase = p * ih * iw;
            int obase = p * oh * ow;
            for (int i = 0; i < oh; i++) {
                float hr = rh * i;
                int h = (int) hr;
                int hp = h < ih - 1 ? iw : 0;
                double l1 = hr - h; // a float difference, as THNN's
                double l0 = 1.0 - l1;
                for (int j = 0; j < ow; j++) {
                    float wr = rw * j;
                    int w = (int) wr;
                    int wp = w < iw - 1 ? 1 : 0;
                    double m1 = wr - w;
                    double m0 = 1.0 - m1;
                    int src = ibase + h * iw + w;
                    double z = g[obase + i * ow + j];
                    gi[src] += l0 * m0 * z;
                    gi[src + wp] += l0 * m1 * z;
                    gi[src + hp] += l1 * m0 * z;
                    gi[src + hp + wp] += l1 * m1 * z;
                }
            }
        }
        return gradInput;
    }

    /** {@code nn.SpatialUpSamplingBilinear(2)}, or {@code (oheight, owidth)} when sized. */
    @Override
    public String toString() {
        return "nn.SpatialUpSamplingBilinear(" + (scale > 0 ? String.valueOf(scale) : oheight + ", " + owidth) + ")";
    }

    /** Fields scale_factor, or oheight and owidth; inputSize, outputSize. */
    static final T7Codec<SpatialUpSamplingBilinear> T7 = LuaFields.codec("nn.SpatialUpSamplingBilinear",
            SpatialUpSamplingBilinear.class, (o, in) -> {
                if (o.get("scale_factor") != null) {
                    return new SpatialUpSamplingBilinear(
                            SpatialUpSamplingNearest.integerScale(o, "nn.SpatialUpSamplingBilinear"));
                }
                return new SpatialUpSamplingBilinear(o.getInt("oheight"), o.getInt("owidth"));
            }, (m, f, out) -> {
                if (m.scale > 0) {
                    f.put("scale_factor", (double) m.scale);
                } else {
                    f.put("oheight", (double) m.oheight);
                    f.put("owidth", (double) m.owidth);
                }
                SpatialUpSamplingNearest.writeSizes(f, m.lastIn, m.lastOut);
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialUpSamplingBilinear training() {
        super.training();
        return this;
    }

    @Override
    public SpatialUpSamplingBilinear evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialUpSamplingBilinear reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialUpSamplingBilinear reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
