package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;

/**
 * Pads each plane with its mirror image, without repeating the border
 * (Torch's {@code nn.SpatialReflectionPadding}, {@code SpatialReflectionPadding.lua}, THNN
 * {@code SpatialReflectionPadding.c}): with {@code pad_l = 2}, a row {@code a b c d} becomes
 * {@code c b a b c d ...}. Negative pads crop. Backward adds each gradOutput element to the input
 * element it copies.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [C, H, W]}</td><td>{@code [N, C, H, W]}</td></tr>
 *   <tr><td>output</td><td>{@code [C, H + t + b, W + l + r]}</td><td>{@code [N, C, H + t + b, W + l + r]}</td></tr>
 * </table>
 * Each pad must be smaller than the input size along its axis (as later THNN checks).
 */
public class SpatialReflectionPadding extends SpatialPadding {

    /**
     * The same pad on all four sides.
     *
     * @param pad the pad
     */
    public SpatialReflectionPadding(int pad) {
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
    public SpatialReflectionPadding(int padL, int padR, int padT, int padB) {
        super(padL, padR, padT, padB);
    }

    @Override
    boolean accepts(int ih, int iw) {
        return padL < iw && padR < iw && padT < ih && padB < ih;
    }

    @Override
    String condition() {
        return "H > " + Math.max(padT, padB) + " and W > " + Math.max(padL, padR);
    }

    @Override
    int source(int o, int in, int before) {
        int iStart = Math.max(0, -before);
        int oStart = Math.max(0, before);
        int s;
        if (o < before) {
            s = before * 2 - o;
        } else if (o < in + before) {
            s = o;
        } else {
            s = (in + before - 1) * 2 - o;
        }
        return s - oStart + iStart;
    }

    /** {@code nn.SpatialReflectionPadding(l=2,r=1,t=1,b=2)}. */
    @Override
    public String toString() {
        return "nn.SpatialReflectionPadding" + pads("");
    }

    /** Fields pad_l, pad_r, pad_t, pad_b. */
    static final T7Codec<SpatialReflectionPadding> T7 = LuaFields.codec("nn.SpatialReflectionPadding",
            SpatialReflectionPadding.class, (o, in) -> {
                int[] p = readPads(o);
                return new SpatialReflectionPadding(p[0], p[1], p[2], p[3]);
            }, (m, f, out) -> writePads(m, f));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialReflectionPadding training() {
        super.training();
        return this;
    }

    @Override
    public SpatialReflectionPadding evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialReflectionPadding reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialReflectionPadding reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
