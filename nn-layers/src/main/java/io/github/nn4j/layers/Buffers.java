package io.github.nn4j.layers;

import io.github.nn4j.Tensor;

/**
 * Shape checks and resizing helpers that allocate nothing when a buffer already has the wanted size (a varargs
 * {@code resize(a, b)} call would build an {@code int[]} on every forward).
 */
final class Buffers {

    private Buffers() {
    }

    /**
     * Resizes {@code t} to {@code [n]} unless it already has that size.
     *
     * @param t the buffer
     * @param n the size
     * @return {@code t}
     */
    static Tensor resize1(Tensor t, int n) {
        if (t.dim() != 1 || t.size(0) != n) {
            t.resize(n);
        }
        return t;
    }

    /**
     * Resizes {@code t} to {@code [rows, cols]} unless it already has that size.
     *
     * @param t the buffer
     * @param rows the first size
     * @param cols the second size
     * @return {@code t}
     */
    static Tensor resize2(Tensor t, int rows, int cols) {
        if (t.dim() != 2 || t.size(0) != rows || t.size(1) != cols) {
            t.resize(rows, cols);
        }
        return t;
    }

    /**
     * Checks that a gradOutput has as many elements as the tensor it is the gradient of.
     *
     * @param module the module, for the message
     * @param expected the input (or output) the gradient must match
     * @param gradOutput the gradient received
     * @throws IllegalArgumentException naming the module and both sizes
     */
    static void checkSameNumel(Object module, Tensor expected, Tensor gradOutput) {
        if (gradOutput.numel() != expected.numel()) {
            throw new IllegalArgumentException(module + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the size " + expected.shapeString() + " of the last forward");
        }
    }
}
