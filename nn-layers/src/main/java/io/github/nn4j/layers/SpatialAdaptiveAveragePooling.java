package io.github.nn4j.layers;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Average pooling to a fixed output size {@code oH × oW} whatever the input size (Torch's
 * {@code nn.SpatialAdaptiveAveragePooling(W, H)}, {@code SpatialAdaptiveAveragePooling.lua},
 * THNN {@code SpatialAdaptiveAveragePooling.c}): output row {@code i} averages input rows
 * {@code [floor(i·H / oH), ceil((i + 1)·H / oH))}, columns likewise, as THNN divides:
 * {@code (Σ x) / kW / kH} for a window of {@code kW × kH}. Backward adds
 * {@code gradOutput / kW / kH} to every element of the window (windows may overlap).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, oH, oW]}</td><td>{@code [N, C, oH, oW]}</td></tr>
 * </table>
 * The constructor takes the width first, as Torch's does.
 */
public class SpatialAdaptiveAveragePooling extends AdaptivePooling {

    /**
     * Pools to {@code oH × oW}.
     *
     * @param oW the output width, positive
     * @param oH the output height, positive
     */
    public SpatialAdaptiveAveragePooling(int oW, int oH) {
        super(oW, oH);
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        prepare(input);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        int planes = Spatial.planes(input);
        Spatial.resizeSpatial(output, input, oH, oW);
        double[] x = input.data();
        double[] y = output.data();
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int i = 0; i < oH; i++) {
                int hs = rowStart[i];
                int he = rowEnd[i];
                for (int j = 0; j < oW; j++, o++) {
                    int ws = colStart[j];
                    int we = colEnd[j];
                    double sum = 0;
                    for (int r = hs; r < he; r++) {
                        int row = base + r * iw;
                        for (int c = ws; c < we; c++) {
                            sum += x[row + c];
                        }
                    }
                    y[o] = sum / (we - ws) / (he - hs);
                }
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        prepare(input);
        Spatial.checkGradOutput(this, input, gradOutput, oH, oW);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        Spatial.resizeAs(gradInput, input).zero();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        int planes = Spatial.planes(input);
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int i = 0; i < oH; i++) {
                int hs = rowStart[i];
                int he = rowEnd[i];
                for (int j = 0; j < oW; j++, o++) {
                    int ws = colStart[j];
                    int we = colEnd[j];
                    double z = g[o] / (we - ws) / (he - hs);
                    for (int r = hs; r < he; r++) {
                        int row = base + r * iw;
                        for (int c = ws; c < we; c++) {
                            gi[row + c] += z;
                        }
                    }
                }
            }
        }
        return gradInput;
    }

    /** Fields W (output width), H (output height). */
    static final T7Codec<SpatialAdaptiveAveragePooling> T7 = LuaFields.codec("nn.SpatialAdaptiveAveragePooling",
            SpatialAdaptiveAveragePooling.class,
            (o, in) -> new SpatialAdaptiveAveragePooling(o.getInt("W"), o.getInt("H")), (m, f, out) -> {
                f.put("W", (double) m.oW);
                f.put("H", (double) m.oH);
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialAdaptiveAveragePooling training() {
        super.training();
        return this;
    }

    @Override
    public SpatialAdaptiveAveragePooling evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialAdaptiveAveragePooling reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialAdaptiveAveragePooling reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
