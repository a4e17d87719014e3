package io.github.nn4j.torch7;

import java.util.Locale;

/**
 * The element types of Torch tensors and storages ({@code torch.<T>Tensor},
 * {@code torch.<T>Storage}), with their size in a binary file and their ascii format
 * ({@code THDiskFile.c}).
 *
 * <table class="striped">
 *   <caption>Element types</caption>
 *   <tr><th>type</th><th>C type</th><th>binary bytes</th><th>ascii</th><th>Java array</th></tr>
 *   <tr><td>BYTE</td><td>unsigned char</td><td>1</td><td>raw bytes</td><td>{@code byte[]}
 *       (read as 0..255)</td></tr>
 *   <tr><td>CHAR</td><td>char (signed)</td><td>1</td><td>raw bytes</td><td>{@code byte[]}</td></tr>
 *   <tr><td>SHORT</td><td>short</td><td>2</td><td>{@code %hd}</td><td>{@code short[]}</td></tr>
 *   <tr><td>INT</td><td>int</td><td>4</td><td>{@code %d}</td><td>{@code int[]}</td></tr>
 *   <tr><td>LONG</td><td>long</td><td>8 (or 4, see {@link T7Options#longSize()})</td>
 *       <td>{@code %ld}</td><td>{@code long[]}</td></tr>
 *   <tr><td>FLOAT</td><td>float</td><td>4</td><td>{@code %.9g}</td><td>{@code float[]}</td></tr>
 *   <tr><td>DOUBLE</td><td>double</td><td>8</td><td>{@code %.17g}</td><td>{@code double[]}</td></tr>
 *   <tr><td>HALF</td><td>half</td><td>2</td><td>{@code %.9g} of the float value</td>
 *       <td>{@code short[]} (IEEE binary16 bits)</td></tr>
 * </table>
 *
 * <p>cutorch's {@code torch.Cuda*Tensor}/{@code torch.Cuda*Storage} classes are read as their CPU
 * counterparts ({@code torch.CudaTensor} is float); they are always written back under the CPU
 * class name.
 */
public enum T7ElementType {
    /** {@code torch.ByteTensor}: unsigned 8-bit. */
    BYTE("Byte", 1),
    /** {@code torch.CharTensor}: signed 8-bit. */
    CHAR("Char", 1),
    /** {@code torch.ShortTensor}: signed 16-bit. */
    SHORT("Short", 2),
    /** {@code torch.IntTensor}: signed 32-bit. */
    INT("Int", 4),
    /** {@code torch.LongTensor}: signed 64-bit (C {@code long}). */
    LONG("Long", 8),
    /** {@code torch.FloatTensor}: IEEE binary32. */
    FLOAT("Float", 4),
    /** {@code torch.DoubleTensor}: IEEE binary64. */
    DOUBLE("Double", 8),
    /** {@code torch.HalfTensor}: IEEE binary16. */
    HALF("Half", 2);

    private final String prefix;
    private final int byteSize;

    T7ElementType(String prefix, int byteSize) {
        this.prefix = prefix;
        this.byteSize = byteSize;
    }

    /**
     * The tensor class name, e.g. {@code torch.DoubleTensor}.
     *
     * @return the class name Torch writes
     */
    public String tensorClassName() {
        return "torch." + prefix + "Tensor";
    }

    /**
     * The storage class name, e.g. {@code torch.DoubleStorage}.
     *
     * @return the class name Torch writes
     */
    public String storageClassName() {
        return "torch." + prefix + "Storage";
    }

    /**
     * The size of one element in a binary file ({@link #LONG} depends on the file's long size).
     *
     * @param longSize the size of a C long in the file, 4 or 8
     * @return bytes per element
     */
    public int byteSize(int longSize) {
        return this == LONG ? longSize : byteSize;
    }

    /**
     * The element type of a tensor class name, CPU or cutorch.
     *
     * @param className for example {@code torch.FloatTensor} or {@code torch.CudaTensor}
     * @return the type, or {@code null} if the name is not a tensor class
     */
    public static T7ElementType ofTensorClass(String className) {
        return parse(className, "Tensor");
    }

    /**
     * The element type of a storage class name, CPU or cutorch.
     *
     * @param className for example {@code torch.LongStorage} or {@code torch.CudaStorage}
     * @return the type, or {@code null} if the name is not a storage class
     */
    public static T7ElementType ofStorageClass(String className) {
        return parse(className, "Storage");
    }

    private static T7ElementType parse(String className, String suffix) {
        if (!className.startsWith("torch.") || !className.endsWith(suffix)) {
            return null;
        }
        String p = className.substring("torch.".length(), className.length() - suffix.length());
        if (p.startsWith("Cuda")) {
            p = p.substring(4);
            if (p.isEmpty()) {
                return FLOAT;
            }
        }
        for (T7ElementType t : values()) {
            if (t.prefix.equals(p)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
