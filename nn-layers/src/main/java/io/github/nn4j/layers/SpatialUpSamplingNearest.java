package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Fields;
import io.github.nn4j.torch7.T7Table;

/**
 * Nearest-neighbour up-sampling by an integer factor {@code s} (Torch's
 * {@code nn.SpatialUpSamplingNearest}, {@code SpatialUpSamplingNearest.lua}, THNN
 * {@code SpatialUpSamplingNearest.c}): {@code y[c, i, j] = x[c, floor(i / s), floor(j / s)]}.
 * Backward sums gradOutput over each {@code s × s} block.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, s·H, s·W]}</td><td>{@code [N, C, s·H, s·W]}</td></tr>
 * </table>
 */
public class SpatialUpSamplingNearest extends Module<Tensor, Tensor> {

    private final int scale;
    /** Torch's inputSize and outputSize (4 values, the last forward's). */
    private final int[] lastIn = new int[4];
    private final int[] lastOut = new int[4];

    /**
     * Up-samples by {@code scale}.
     *
     * @param scale the factor, positive
     */
    public SpatialUpSamplingNearest(int scale) {
        super(Tensor.empty(), Tensor.empty());
        if (scale < 1) {
            throw new IllegalArgumentException("nn.SpatialUpSamplingNearest: scale_factor must be at least 1, got "
                    + scale);
        }
        this.scale = scale;
    }

    /** @return the factor */
    public int scale() {
        return scale;
    }

    private void check(Tensor input) {
        if (!Spatial.isSpatial(input)) {
            throw shapeError(Spatial.expected(""), input);
        }
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        check(input);
        int ih = Spatial.height(input);
        int iw = Spatial.width(input);
        int oh = ih * scale;
        int ow = iw * scale;
        Spatial.resizeSpatial(output, input, oh, ow);
        record(input, lastIn, lastOut, oh, ow);
        double[] x = input.data();
        double[] y = output.data();
        int planes = Spatial.planes(input);
        int o = 0;
        for (int p = 0; p < planes; p++) {
            int base = p * ih * iw;
            for (int i = 0; i < oh; i++) {
                int row = base + (i / scale) * iw;
                for (int j = 0; j < ow; j++) {
                    y[o++] = x[row + j / scale];
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
        int oh = ih * scale;
        int ow = iw * scale;
        Spatial.checkGradOutput(this, input, gradOutput, oh, ow);
        Spatial.resizeAs(gradInput, input);
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        int planes = Spatial.planes(input);
        int k = 0;
        for (int p = 0; p < planes; p++) {
            int obase = p * oh * ow;
            for (int i = 0; i < ih; i++) {
                for (int j = 0; j < iw; j++) {
                    double s = 0;
                    for (int u = 0; u < scale; u++) {
                        int row = obase + (i * scale + u) * ow + j * scale;
                        for (int v = 0; v < scale; v++) {
                            s += g[row + v];
                        }
                    }
                    gi[k++] = s;
                }
            }
        }
        return gradInput;
    }

    /** Torch's inputSize/outputSize LongStorages: the input's sizes, the last two replaced. */
    static void record(Tensor input, int[] in, int[] out, int oh, int ow) {
        int d = input.dim();
        for (int i = 0; i < 4; i++) {
            in[i] = i < d ? input.size(i) : 0;
            out[i] = in[i];
        }
        out[d - 2] = oh;
        out[d - 1] = ow;
    }

    static void writeSizes(T7Table f, int[] in, int[] out) {
        f.put("inputSize", LuaFields.longStorage(in));
        f.put("outputSize", LuaFields.longStorage(out));
    }

    static int integerScale(T7Fields o, String module) {
        double s = o.getNumber("scale_factor");
        if (s != Math.rint(s) || s < 1) {
            throw new IllegalArgumentException(module + ": scale_factor must be an integer >= 1, got " + s);
        }
        return (int) s;
    }

    /** Fields scale_factor, inputSize, outputSize. */
    static final T7Codec<SpatialUpSamplingNearest> T7 = LuaFields.codec("nn.SpatialUpSamplingNearest",
            SpatialUpSamplingNearest.class,
            (o, in) -> new SpatialUpSamplingNearest(integerScale(o, "nn.SpatialUpSamplingNearest")), (m, f, out) -> {
                f.put("scale_factor", (double) m.scale);
                writeSizes(f, m.lastIn, m.lastOut);
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialUpSamplingNearest training() {
        super.training();
        return this;
    }

    @Override
    public SpatialUpSamplingNearest evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialUpSamplingNearest reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialUpSamplingNearest reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
