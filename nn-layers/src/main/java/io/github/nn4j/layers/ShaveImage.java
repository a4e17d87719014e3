package io.github.nn4j.layers;

import io.github.nn4j.torch7.T7Codec;

/**
 * Crops {@code size} pixels from each border of every plane (fast-neural-style's
 * {@code nn.ShaveImage}, jcjohnson/fast-neural-style {@code fast_neural_style/ShaveImage.lua},
 * commit {@code 813c8344}; its residual blocks without padding shave the shortcut to the size of
 * the convolutions' output): {@code y[n, c, i, j] = x[n, c, i + s, j + s]}. Backward puts
 * gradOutput in that window of a zero gradInput. The same as
 * {@code SpatialZeroPadding(-s, -s, -s, -s)}.
 *
 * <table class="striped">
 *   <caption>Shapes ({@code s = size})</caption>
 *   <tr><th>tensor</th><th>batch</th><th>one sample</th></tr>
 *   <tr><td>input, gradInput</td><td>{@code [N, C, H, W]}</td><td>{@code [C, H, W]}</td></tr>
 *   <tr><td>output, gradOutput</td><td>{@code [N, C, H − 2s, W − 2s]}</td><td>{@code [C, H − 2s, W − 2s]}</td></tr>
 * </table>
 *
 * <p>Prints {@code nn.ShaveImage} (the Lua class defines no {@code __tostring__}). The {@code .t7}
 * field is {@code size}. <b>Difference from the Lua class:</b> a {@code [C, H, W]} sample is
 * accepted too (the Lua code reads four sizes and fails on it).
 */
public class ShaveImage extends SpatialPadding {

    /** Field {@code size}. */
    static final T7Codec<ShaveImage> T7 = LuaFields.codec("nn.ShaveImage", ShaveImage.class,
            (o, in) -> {
                double s = o.getNumber("size");
                if (s != Math.rint(s) || s < 0 || s > Integer.MAX_VALUE) {
                    throw in.error("nn.ShaveImage: size " + s + " is not a non-negative integer");
                }
                return new ShaveImage((int) s);
            }, (m, f, out) -> f.put("size", (double) m.size));

    private final int size;

    /**
     * Crops {@code size} pixels from each border.
     *
     * @param size the pixels removed on each side, not negative
     */
    public ShaveImage(int size) {
        super(-checked(size), -size, -size, -size);
        this.size = size;
    }

    private static int checked(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("nn.ShaveImage: size must not be negative, got " + size);
        }
        return size;
    }

    /**
     * The pixels removed on each side.
     *
     * @return {@code size}
     */
    public int size() {
        return size;
    }

    @Override
    int source(int o, int in, int before) {
        return o - before;
    }

    @Override
    String condition() {
        return "H > " + 2 * size + " and W > " + 2 * size;
    }

    @Override
    public String toString() {
        return "nn.ShaveImage";
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public ShaveImage training() {
        super.training();
        return this;
    }

    @Override
    public ShaveImage evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public ShaveImage reset() {
        super.reset();
        return this;
    }

    @Override
    public ShaveImage reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
