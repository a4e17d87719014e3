package io.github.nn4j.layers;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Max pooling to a fixed output size {@code oH × oW} whatever the input size (Torch's
 * {@code nn.SpatialAdaptiveMaxPooling(W, H)}, {@code SpatialAdaptiveMaxPooling.lua}, THNN
 * {@code SpatialAdaptiveMaxPooling.c}): output row {@code i} pools input rows
 * {@code [floor(i·H / oH), ceil((i + 1)·H / oH))}, columns likewise (windows may overlap). The
 * first maximum in row-major order wins a tie (a NaN always wins); backward sends each gradOutput
 * element to its window's argmax.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, oH, oW]}</td><td>{@code [N, C, oH, oW]}</td></tr>
 * </table>
 * The constructor takes the width first, as Torch's does.
 *
 * <p><b>Difference from Torch:</b> the argmax buffer is internal (0-based, not saved); Torch
 * creates its {@code indices} LongTensor at the first forward, so a file saved before one has
 * none either.
 */
public class SpatialAdaptiveMaxPooling extends AdaptivePooling {

    private int[] indices = new int[0];

    /**
     * Pools to {@code oH × oW}.
     *
     * @param oW the output width, positive
     * @param oH the output height, positive
     */
    public SpatialAdaptiveMaxPooling(int oW, int oH) {
        super(oW, oH);
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        prepare(input);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        int planes = Spatial.planes(input);
        Spatial.resizeSpatial(output, input, oH, oW);
        indices = Spatial.ensure(indices, planes * oH * oW);
        double[] x = input.data();
        double[] y = output.data();
        int[] ind = indices;
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int i = 0; i < oH; i++) {
                int hs = rowStart[i];
                int he = rowEnd[i];
                for (int j = 0; j < oW; j++, o++) {
                    int ws = colStart[j];
                    int we = colEnd[j];
                    double max = Double.NEGATIVE_INFINITY;
                    int arg = hs * iw + ws;
                    for (int r = hs; r < he; r++) {
                        int row = base + r * iw;
                        for (int c = ws; c < we; c++) {
                            double v = x[row + c];
                            if (v > max || v != v) {
                                max = v;
                                arg = r * iw + c;
                            }
                        }
                    }
                    y[o] = max;
                    ind[o] = arg;
                }
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        prepare(input);
        Spatial.checkGradOutput(this, input, gradOutput, oH, oW);
        int hw = Spatial.height(input) * Spatial.width(input);
        Spatial.resizeAs(gradInput, input).zero();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        int planes = Spatial.planes(input);
        int per = oH * oW;
        for (int p = 0, o = 0; p < planes; p++) {
            int base = p * hw;
            for (int e = 0; e < per; e++, o++) {
                gi[base + indices[o]] += g[o];
            }
        }
        return gradInput;
    }

    @Override
    public SpatialAdaptiveMaxPooling clearState() {
        super.clearState();
        indices = new int[0];
        return this;
    }

    /** Fields W (output width), H (output height). */
    static final T7Codec<SpatialAdaptiveMaxPooling> T7 = LuaFields.codec("nn.SpatialAdaptiveMaxPooling",
            SpatialAdaptiveMaxPooling.class, (o, in) -> new SpatialAdaptiveMaxPooling(o.getInt("W"), o.getInt("H")),
            (m, f, out) -> {
                f.put("W", (double) m.oW);
                f.put("H", (double) m.oH);
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialAdaptiveMaxPooling training() {
        super.training();
        return this;
    }

    @Override
    public SpatialAdaptiveMaxPooling evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialAdaptiveMaxPooling reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialAdaptiveMaxPooling reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
