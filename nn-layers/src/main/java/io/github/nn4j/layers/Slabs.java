package io.github.nn4j.layers;

import io.github.nn4j.Tensor;

/**
 * Row-major block copies for joining tensors along one dimension and taking the pieces back
 * ({@link JoinTable}, {@link Concat}): a tensor of size {@code [a₀ … a_{d−1}, n, …]} is
 * {@code outer = a₀·…·a_{d−1}} rows of {@code n·inner} contiguous elements.
 */
final class Slabs {

    private Slabs() {
    }

    /** The product of the sizes before dimension {@code d}. */
    static int outer(Tensor t, int d) {
        int n = 1;
        for (int k = 0; k < d; k++) {
            n *= t.size(k);
        }
        return n;
    }

    /** The product of the sizes from dimension {@code d} on. */
    static int rowLength(Tensor t, int d) {
        int n = 1;
        for (int k = d; k < t.dim(); k++) {
            n *= t.size(k);
        }
        return n;
    }

    /**
     * Whether {@code t} has the same dimensions and sizes as {@code ref} except along {@code d}.
     */
    static boolean matchesExcept(Tensor t, Tensor ref, int d) {
        if (t.dim() != ref.dim()) {
            return false;
        }
        for (int k = 0; k < t.dim(); k++) {
            if (k != d && t.size(k) != ref.size(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies {@code src} (rows of {@code srcRow}) into {@code dst} (rows of {@code dstRow}) at
     * column {@code offset} of every row.
     */
    static void put(Tensor src, Tensor dst, int outer, int srcRow, int dstRow, int offset) {
        double[] s = src.data();
        double[] t = dst.data();
        for (int o = 0; o < outer; o++) {
            System.arraycopy(s, o * srcRow, t, o * dstRow + offset, srcRow);
        }
    }

    /**
     * Copies columns {@code [offset, offset + dstRow)} of every row of {@code src} (rows of
     * {@code srcRow}) into {@code dst}.
     */
    static void take(Tensor src, Tensor dst, int outer, int srcRow, int dstRow, int offset) {
        double[] s = src.data();
        double[] t = dst.data();
        for (int o = 0; o < outer; o++) {
            System.arraycopy(s, o * srcRow + offset, t, o * dstRow, dstRow);
        }
    }
}
