package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The inverse of a {@link SpatialMaxPooling} (Torch's {@code nn.SpatialMaxUnpooling},
 * {@code SpatialMaxUnpooling.lua}, THNN {@code SpatialMaxUnpooling.c}): each input element goes
 * back to where its pooling module found the maximum, every other output element is zero. The
 * output has the size of the pooling module's last input; backward reads gradOutput at the same
 * positions. The module shares its pooling module (and so its indices): run the pooling forward
 * first, as in {@code Sequential(pool, ..., new SpatialMaxUnpooling(pool))}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, oH, oW]} (the pooling's output size)</td><td>{@code [N, C, oH, oW]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, H, W]} (the pooling's input size)</td><td>{@code [N, C, H, W]}</td></tr>
 * </table>
 * As in Torch, the pooling module's kernel must equal its stride (no overlapping windows).
 * Saved to {@code .t7} with the field {@code pooling}: the same object as the pooling module
 * elsewhere in the file.
 */
public class SpatialMaxUnpooling extends Module<Tensor, Tensor> {

    private final SpatialMaxPooling pooling;

    /**
     * Unpools what {@code pooling} pooled.
     *
     * @param pooling the pooling module, with kernel size equal to its stride
     */
    public SpatialMaxUnpooling(SpatialMaxPooling pooling) {
        super(Tensor.empty(), Tensor.empty());
        if (pooling == null) {
            throw new IllegalArgumentException("nn.SpatialMaxUnpooling: the pooling module is null");
        }
        if (pooling.kW() != pooling.dW() || pooling.kH() != pooling.dH()) {
            throw new IllegalArgumentException("nn.SpatialMaxUnpooling associated to " + pooling
                    + ": the size of the pooling module's kernel must equal its stride");
        }
        this.pooling = pooling;
    }

    /** @return the pooling module (shared, not a copy) */
    public SpatialMaxPooling pooling() {
        return pooling;
    }

    private void check(Tensor input) {
        if (!pooling.matchesIndices(input)) {
            throw shapeError(pooling.indexShape() + " (the pooling module's last output)", input);
        }
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        check(input);
        int oh = pooling.inputHeight();
        int ow = pooling.inputWidth();
        Spatial.resizeSpatial(output, input, oh, ow).zero();
        double[] x = input.data();
        double[] y = output.data();
        int[] ind = pooling.indices();
        int planes = Spatial.planes(input);
        int per = Spatial.height(input) * Spatial.width(input);
        for (int p = 0, k = 0; p < planes; p++) {
            int base = p * oh * ow;
            for (int e = 0; e < per; e++, k++) {
                y[base + ind[k]] = x[k];
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        check(input);
        int oh = pooling.inputHeight();
        int ow = pooling.inputWidth();
        Spatial.checkGradOutput(this, input, gradOutput, oh, ow);
        Spatial.resizeAs(gradInput, input);
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        int[] ind = pooling.indices();
        int planes = Spatial.planes(input);
        int per = Spatial.height(input) * Spatial.width(input);
        for (int p = 0, k = 0; p < planes; p++) {
            int base = p * oh * ow;
            for (int e = 0; e < per; e++, k++) {
                gi[k] = g[base + ind[k]];
            }
        }
        return gradInput;
    }

    /** {@code nn.SpatialMaxUnpooling associated to nn.SpatialMaxPooling(2x2, 2,2)}. */
    @Override
    public String toString() {
        return "nn.SpatialMaxUnpooling associated to " + pooling;
    }

    /** Field pooling (the pooling module object). */
    static final T7Codec<SpatialMaxUnpooling> T7 = LuaFields.codec("nn.SpatialMaxUnpooling", SpatialMaxUnpooling.class,
            (o, in) -> {
                if (o.get("pooling") == null) {
                    throw in.error("nn.SpatialMaxUnpooling: missing field pooling");
                }
                Module<?, ?> p = in.module(o.get("pooling"), "pooling");
                if (!(p instanceof SpatialMaxPooling pool)) {
                    throw in.error("nn.SpatialMaxUnpooling: pooling is " + p + ", expected an nn.SpatialMaxPooling");
                }
                return new SpatialMaxUnpooling(pool);
            }, (m, f, out) -> f.put("pooling", out.convert(m.pooling)));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialMaxUnpooling training() {
        super.training();
        return this;
    }

    @Override
    public SpatialMaxUnpooling evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialMaxUnpooling reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialMaxUnpooling reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
