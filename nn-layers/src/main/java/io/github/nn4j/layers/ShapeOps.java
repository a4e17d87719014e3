package io.github.nn4j.layers;

import java.util.Arrays;

import io.github.nn4j.Tensor;

/**
 * Size arithmetic shared by the shape modules ({@link Sum}, {@link Narrow}, {@link Select},
 * {@link Replicate}, {@link Padding}, {@link Index}, ...): a tensor seen as
 * {@code [outer, size(d), inner]} around a dimension {@code d}, so that a slice along {@code d}
 * is {@code outer} blocks of {@code inner} contiguous elements.
 */
final class ShapeOps {

    private ShapeOps() {
    }

    /** The product of {@code sizes[from, to)}. */
    static int prod(int[] sizes, int from, int to) {
        int n = 1;
        for (int i = from; i < to; i++) {
            n *= sizes[i];
        }
        return n;
    }

    /** The elements before dimension {@code d}: {@code size(0)·…·size(d−1)}. */
    static int outer(Tensor t, int d) {
        return prod(t.sizes(), 0, d);
    }

    /** The elements after dimension {@code d}: {@code size(d+1)·…}. */
    static int inner(Tensor t, int d) {
        int[] s = t.sizes();
        return prod(s, d + 1, s.length);
    }

    /** {@code sizes} without entry {@code d}. */
    static int[] without(int[] sizes, int d) {
        int[] out = new int[sizes.length - 1];
        System.arraycopy(sizes, 0, out, 0, d);
        System.arraycopy(sizes, d + 1, out, d, sizes.length - d - 1);
        return out;
    }

    /** {@code sizes} with {@code value} inserted at position {@code d}. */
    static int[] inserted(int[] sizes, int d, int value) {
        int[] out = new int[sizes.length + 1];
        System.arraycopy(sizes, 0, out, 0, d);
        out[d] = value;
        System.arraycopy(sizes, d, out, d + 1, sizes.length - d);
        return out;
    }

    /** {@code sizes} with entry {@code d} replaced. */
    static int[] replaced(int[] sizes, int d, int value) {
        int[] out = sizes.clone();
        out[d] = value;
        return out;
    }

    /** Resizes {@code t} to {@code size} unless it already has it (no array copy of the sizes). */
    static Tensor resize(Tensor t, int[] size) {
        if (!t.hasSize(size)) {
            t.resize(size);
        }
        return t;
    }

    /** {@code [a, b, c]} as Torch prints sizes in nn4j messages. */
    static String str(int[] sizes) {
        return Arrays.toString(sizes);
    }

    /**
     * Copies a slab along a dimension: for each of {@code outer} blocks, {@code len·inner}
     * elements from {@code src} at block stride {@code srcDim·inner}, offset {@code srcOff·inner},
     * to {@code dst} at block stride {@code dstDim·inner}, offset {@code dstOff·inner}.
     */
    static void copySlab(double[] src, int srcDim, int srcOff, double[] dst, int dstDim, int dstOff,
            int outer, int len, int inner) {
        int n = len * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, (o * srcDim + srcOff) * inner, dst, (o * dstDim + dstOff) * inner, n);
        }
    }

    /** {@code t /= n} element-wise (a division, as Torch's {@code div}, not a product by 1/n). */
    static void divide(Tensor t, double n) {
        double[] a = t.data();
        for (int i = 0, len = t.numel(); i < len; i++) {
            a[i] /= n;
        }
    }
}
