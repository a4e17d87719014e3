package io.github.nn4j.torch7;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * How to read or write a {@code .t7} stream: the encoding, the size of a C {@code long} and the
 * byte order of a binary file, and the deepest nesting accepted. Immutable; start from
 * {@link #defaults()} and change with the {@code with*} methods.
 *
 * <table class="striped">
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th><th>Torch equivalent</th></tr>
 *   <tr><td>{@link #encoding()}</td><td>{@link T7Encoding#AUTO} (reading), binary (writing)</td>
 *       <td>{@code torch.load(f, 'binary'|'ascii')}</td></tr>
 *   <tr><td>{@link #longSize()}</td><td>8</td><td>{@code torch.load(f, 'b64'|'b32')}; 4 for files
 *       written on Windows</td></tr>
 *   <tr><td>{@link #byteOrder()}</td><td>little-endian</td>
 *       <td>{@code file:bigEndianEncoding()}</td></tr>
 *   <tr><td>{@link #maxDepth()}</td><td>{@value #DEFAULT_MAX_DEPTH}</td><td>(Lua's C-stack limit;
 *       a guard against hostile files)</td></tr>
 *   <tr><td>{@link #maxExpandedElements()}</td><td>{@value #DEFAULT_MAX_EXPANDED_ELEMENTS}
 *       (2<sup>20</sup>, 8 MiB as doubles: modules such as {@code nn.BatchNormalization}
 *       allocate several buffers of their parameters' size, and 2<sup>24</sup> exhausted a 512 MiB
 *       heap)</td><td>(none; a guard against views such as
 *       {@code expand} that repeat storage elements, whose copy could exhaust memory)</td></tr>
 * </table>
 *
 * @param encoding the encoding
 * @param longSize the size in bytes of a C long in a binary file: 4 or 8
 * @param byteOrder the byte order of a binary file
 * @param maxDepth the deepest nesting of tables and objects accepted, at least 1
 * @param maxExpandedElements the largest total element count of the tensor views of one file that
 *        have more elements than their storage (stride-0 or overlapping views), at least 1; a view
 *        within its storage's size is bounded by the storage, which is bounded by the file's size
 */
public record T7Options(T7Encoding encoding, int longSize, ByteOrder byteOrder, int maxDepth,
        long maxExpandedElements) {

    /** The default nesting bound. */
    public static final int DEFAULT_MAX_DEPTH = 500;

    /** The default bound on the element count of an expanded (stride-0 or overlapping) view. */
    public static final long DEFAULT_MAX_EXPANDED_ELEMENTS = 1L << 20;

    /**
     * Checks the options.
     *
     * @param encoding the encoding
     * @param longSize 4 or 8
     * @param byteOrder the byte order
     * @param maxDepth at least 1
     * @param maxExpandedElements at least 1
     */
    public T7Options {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(byteOrder, "byteOrder");
        if (longSize != 4 && longSize != 8) {
            throw new IllegalArgumentException("long size must be 4 or 8, got " + longSize);
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("max depth must be at least 1, got " + maxDepth);
        }
        if (maxExpandedElements < 1) {
            throw new IllegalArgumentException("max expanded elements must be at least 1, got "
                    + maxExpandedElements);
        }
    }

    /**
     * Options with the default bound on expanded views.
     *
     * @param encoding the encoding
     * @param longSize 4 or 8
     * @param byteOrder the byte order
     * @param maxDepth at least 1
     */
    public T7Options(T7Encoding encoding, int longSize, ByteOrder byteOrder, int maxDepth) {
        this(encoding, longSize, byteOrder, maxDepth, DEFAULT_MAX_EXPANDED_ELEMENTS);
    }

    /**
     * Auto-detected encoding, 8-byte longs, little-endian, depth {@value #DEFAULT_MAX_DEPTH},
     * expanded views up to {@value #DEFAULT_MAX_EXPANDED_ELEMENTS} elements.
     *
     * @return the default options
     */
    public static T7Options defaults() {
        return new T7Options(T7Encoding.AUTO, 8, ByteOrder.LITTLE_ENDIAN, DEFAULT_MAX_DEPTH);
    }

    /**
     * The defaults with another encoding.
     *
     * @param e the encoding
     * @return new options
     */
    public T7Options withEncoding(T7Encoding e) {
        return new T7Options(e, longSize, byteOrder, maxDepth, maxExpandedElements);
    }

    /**
     * These options with another long size.
     *
     * @param size 4 or 8
     * @return new options
     */
    public T7Options withLongSize(int size) {
        return new T7Options(encoding, size, byteOrder, maxDepth, maxExpandedElements);
    }

    /**
     * These options with another byte order.
     *
     * @param order the byte order
     * @return new options
     */
    public T7Options withByteOrder(ByteOrder order) {
        return new T7Options(encoding, longSize, order, maxDepth, maxExpandedElements);
    }

    /**
     * These options with another nesting bound.
     *
     * @param depth at least 1
     * @return new options
     */
    public T7Options withMaxDepth(int depth) {
        return new T7Options(encoding, longSize, byteOrder, depth, maxExpandedElements);
    }

    /**
     * These options with another bound on expanded views.
     *
     * @param n at least 1
     * @return new options
     */
    public T7Options withMaxExpandedElements(long n) {
        return new T7Options(encoding, longSize, byteOrder, maxDepth, n);
    }
}
