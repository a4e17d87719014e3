package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;

/**
 * Pads each plane by repeating its border rows and columns (Torch's
 * {@code nn.SpatialReplicationPadding}, {@code SpatialReplicationPadding.lua}, THNN
 * {@code SpatialReplicationPadding.c}): with {@code pad_l = 2}, a row {@code a b c} becomes
 * {@code a a a b c ...}. Negative pads crop. Backward adds each gradOutput element to the input
 * element it copies (the border elements collect their copies).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, H + t + b, W + l + r]}</td><td>{@code [N, C, H + t + b, W + l + r]}</td></tr>
 * </table>
 */
public class SpatialReplicationPadding extends SpatialPadding {

    /**
     * The same pad on all four sides.
     *
     * @param pad the pad
     */
    public SpatialReplicationPadding(int pad) {
        this(pad, pad, pad, pad);
    }

    /**
     * Pads left, right, top and bottom.
     *
     * @param padL the left pad
     * @param padR the right pad
     * @param padT the top pad
     * @param padB the bottom pad
     */
    public SpatialReplicationPadding(int padL, int padR, int padT, int padB) {
        super(padL, padR, padT, padB);
    }

    @Override
    int source(int o, int in, int before) {
        int iStart = Math.max(0, -before);
        int oStart = Math.max(0, before);
        int s;
        if (o < before) {
            s = before;
        } else if (o < in + before) {
            s = o;
        } else {
            s = in + before - 1;
        }
        return s - oStart + iStart;
    }

    /** {@code nn.SpatialReplicationPadding(l=2, r=1, t=1, b=2)}. */
    @Override
    public String toString() {
        return "nn.SpatialReplicationPadding" + pads(" ");
    }

    /** Fields pad_l, pad_r, pad_t, pad_b. */
    static final T7Codec<SpatialReplicationPadding> T7 = LuaFields.codec("nn.SpatialReplicationPadding",
            SpatialReplicationPadding.class, (o, in) -> {
                int[] p = readPads(o);
                return new SpatialReplicationPadding(p[0], p[1], p[2], p[3]);
            }, (m, f, out) -> writePads(m, f));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialReplicationPadding training() {
        super.training();
        return this;
    }

    @Override
    public SpatialReplicationPadding evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialReplicationPadding reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialReplicationPadding reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
