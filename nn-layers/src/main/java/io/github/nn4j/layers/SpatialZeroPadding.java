package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;

/**
 * Pads each plane with zeros, {@code pad_l} columns on the left, {@code pad_r} on the right,
 * {@code pad_t} rows on top and {@code pad_b} below; a negative pad crops that many instead
 * (Torch's {@code nn.SpatialZeroPadding}, {@code SpatialZeroPadding.lua}):
 * {@code y[c, i, j] = x[c, i − pad_t, j − pad_l]} inside the input, 0 outside. Backward is the
 * same window of gradOutput.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, H + t + b, W + l + r]}</td><td>{@code [N, C, H + t + b, W + l + r]}</td></tr>
 * </table>
 */
public class SpatialZeroPadding extends SpatialPadding {

    /**
     * The same pad on all four sides.
     *
     * @param pad the pad (negative crops)
     */
    public SpatialZeroPadding(int pad) {
        this(pad, pad, pad, pad);
    }

    /**
     * Pads left, right, top and bottom.
     *
     * @param padL the left pad (negative crops)
     * @param padR the right pad
     * @param padT the top pad
     * @param padB the bottom pad
     */
    public SpatialZeroPadding(int padL, int padR, int padT, int padB) {
        super(padL, padR, padT, padB);
    }

    @Override
    int source(int o, int in, int before) {
        int s = o - before;
        return s >= 0 && s < in ? s : -1;
    }

    /** {@code nn.SpatialZeroPadding(l=1, r=2, t=0, b=1)}. */
    @Override
    public String toString() {
        return "nn.SpatialZeroPadding" + pads(" ");
    }

    /** Fields pad_l, pad_r, pad_t, pad_b. */
    static final T7Codec<SpatialZeroPadding> T7 = LuaFields.codec("nn.SpatialZeroPadding", SpatialZeroPadding.class,
            (o, in) -> {
                int[] p = readPads(o);
                return new SpatialZeroPadding(p[0], p[1], p[2], p[3]);
            }, (m, f, out) -> writePads(m, f));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialZeroPadding training() {
        super.training();
        return this;
    }

    @Override
    public SpatialZeroPadding evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialZeroPadding reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialZeroPadding reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
