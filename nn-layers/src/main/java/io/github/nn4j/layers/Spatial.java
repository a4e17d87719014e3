package io.github.nn4j.layers;

import io.github.nn4j.Tensor;

/**
 * What the spatial modules (pooling, padding, up-sampling) share (package-private): Torch's
 * output-size rule of pooling windows and resizing that allocates nothing when the size is
 * unchanged. A spatial input is {@code [C, H, W]} or {@code [N, C, H, W]}; the kernels treat it
 * as {@code planes = N·C} contiguous {@code H × W} planes.
 */
final class Spatial {

    private Spatial() {
    }

    /**
     * Torch's pooling output size ({@code SpatialDilatedMaxPooling.c}, {@code SpatialAveragePooling.c}):
     * {@code floor} or {@code ceil} of {@code (in − k + 2·pad) / d}, plus one; then one less when
     * the last window would start past {@code in + pad}. Torch applies that correction only when
     * some padding is set; without padding it changes the size only where Torch's last window lies
     * wholly outside the input (ceil mode, kernel smaller than stride), which nn4j drops as
     * PyTorch does.
     *
     * @return the size, possibly below 1 (the caller rejects it)
     */
    static int poolOutputSize(int in, int k, int d, int pad, boolean ceil) {
        int span = in - k + 2 * pad;
        int o = (ceil ? -Math.floorDiv(-span, d) : Math.floorDiv(span, d)) + 1;
        if (o > 1 && (long) (o - 1) * d >= in + pad) {
            o--;
        }
        return o;
    }

    /** The smallest input size with an output of at least 1 under {@link #poolOutputSize}. */
    static int minPoolInput(int k, int d, int pad, boolean ceil) {
        return Math.max(1, ceil ? k - 2 * pad - d + 1 : k - 2 * pad);
    }

    /** Whether the input is a {@code [C, H, W]} or {@code [N, C, H, W]} tensor with no empty dimension. */
    static boolean isSpatial(Tensor input) {
        return (input.dim() == 3 || input.dim() == 4) && input.numel() > 0;
    }

    /** The height of a spatial input. */
    static int height(Tensor t) {
        return t.size(t.dim() - 2);
    }

    /** The width of a spatial input. */
    static int width(Tensor t) {
        return t.size(t.dim() - 1);
    }

    /** The number of planes {@code N·C} of a spatial input. */
    static int planes(Tensor t) {
        return t.dim() == 4 ? t.size(0) * t.size(1) : t.size(0);
    }

    /**
     * Resizes {@code t} to the input's size with the last two sizes replaced, unless it has that
     * size already (no allocation in steady state).
     */
    static Tensor resizeSpatial(Tensor t, Tensor like, int h, int w) {
        int d = like.dim();
        boolean same = t.dim() == d && t.size(d - 2) == h && t.size(d - 1) == w && t.size(0) == like.size(0)
                && (d == 3 || t.size(1) == like.size(1));
        if (!same) {
            if (d == 3) {
                t.resize(like.size(0), h, w);
            } else {
                t.resize(like.size(0), like.size(1), h, w);
            }
        }
        return t;
    }

    /** Resizes {@code t} to {@code like}'s size unless it has it already. */
    static Tensor resizeAs(Tensor t, Tensor like) {
        return t.sameSizeAs(like) ? t : t.resizeAs(like);
    }

    /** An {@code int[]} of at least {@code n} elements: {@code a} itself when large enough. */
    static int[] ensure(int[] a, int n) {
        return a.length >= n ? a : new int[n];
    }

    /**
     * Checks that gradOutput is a spatial tensor of the input's leading sizes and the given
     * height and width.
     */
    static void checkGradOutput(Object module, Tensor input, Tensor gradOutput, int h, int w) {
        int d = input.dim();
        boolean ok = gradOutput.dim() == d && gradOutput.size(0) == input.size(0)
                && (d == 3 || gradOutput.size(1) == input.size(1)) && height(gradOutput) == h && width(gradOutput) == w;
        if (!ok) {
            throw new IllegalArgumentException(module + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size " + lead(input) + h + ", " + w + "] of input "
                    + input.shapeString());
        }
    }

    private static String lead(Tensor input) {
        return input.dim() == 3 ? "[" + input.size(0) + ", " : "[" + input.size(0) + ", " + input.size(1) + ", ";
    }

    /** The shape text "[C, H, W] or [N, C, H, W]" followed by a condition. */
    static String expected(String condition) {
        return "[C, H, W] or [N, C, H, W]" + (condition.isEmpty() ? "" : " with " + condition);
    }

    static void positive(String module, String what, int... v) {
        for (int x : v) {
            if (x <= 0) {
                throw new IllegalArgumentException(module + ": " + what + " must be positive, got " + x);
            }
        }
    }
}
