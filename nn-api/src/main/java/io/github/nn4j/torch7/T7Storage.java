package io.github.nn4j.torch7;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A Torch storage ({@code torch.<T>Storage}, {@code generic/Storage.c}): a flat array of one
 * {@linkplain T7ElementType element type} that tensor views ({@link T7Tensor}) index into. Several
 * tensors may share one storage (after {@code getParameters()} every weight and bias of a network
 * is a view of one storage); identity is kept when loading and saving.
 *
 * <p>File payload: a long {@code n}, then {@code n} elements. Indices here are 0-based (Lua's are
 * 1-based). The backing array is exposed, not copied, by the typed accessors such as
 * {@link #doubleData()}: writes through it are seen by every view.
 */
public final class T7Storage {

    private final T7ElementType type;
    private final Object data;
    private final int size;
    /** The class name read from the file when it is not the CPU one (e.g. {@code torch.CudaStorage}). */
    private String storedClassName;

    private T7Storage(T7ElementType type, Object data, int size) {
        this.type = type;
        this.data = data;
        this.size = size;
    }

    /**
     * A zero-filled storage.
     *
     * @param type the element type
     * @param size the number of elements, non-negative
     * @return a new storage
     */
    public static T7Storage allocate(T7ElementType type, int size) {
        Objects.requireNonNull(type, "type");
        if (size < 0) {
            throw new IllegalArgumentException("storage size must be non-negative, got " + size);
        }
        Object data = switch (type) {
            case BYTE, CHAR -> new byte[size];
            case SHORT, HALF -> new short[size];
            case INT -> new int[size];
            case LONG -> new long[size];
            case FLOAT -> new float[size];
            case DOUBLE -> new double[size];
        };
        return new T7Storage(type, data, size);
    }

    /**
     * A {@code torch.DoubleStorage} over an array (not copied).
     *
     * @param values the elements
     * @return a new storage
     */
    public static T7Storage wrap(double[] values) {
        return new T7Storage(T7ElementType.DOUBLE, values, values.length);
    }

    /**
     * A {@code torch.FloatStorage} over an array (not copied).
     *
     * @param values the elements
     * @return a new storage
     */
    public static T7Storage wrap(float[] values) {
        return new T7Storage(T7ElementType.FLOAT, values, values.length);
    }

    /**
     * A {@code torch.LongStorage} over an array (not copied).
     *
     * @param values the elements
     * @return a new storage
     */
    public static T7Storage wrap(long[] values) {
        return new T7Storage(T7ElementType.LONG, values, values.length);
    }

    /**
     * A {@code torch.IntStorage} over an array (not copied).
     *
     * @param values the elements
     * @return a new storage
     */
    public static T7Storage wrap(int[] values) {
        return new T7Storage(T7ElementType.INT, values, values.length);
    }

    /**
     * A {@code torch.ShortStorage} over an array (not copied).
     *
     * @param values the elements
     * @return a new storage
     */
    public static T7Storage wrap(short[] values) {
        return new T7Storage(T7ElementType.SHORT, values, values.length);
    }

    /**
     * A byte-element storage over an array (not copied).
     *
     * @param type {@link T7ElementType#BYTE} (unsigned) or {@link T7ElementType#CHAR} (signed)
     * @param values the elements
     * @return a new storage
     */
    public static T7Storage wrapBytes(T7ElementType type, byte[] values) {
        if (type != T7ElementType.BYTE && type != T7ElementType.CHAR) {
            throw new IllegalArgumentException("byte arrays back Byte or Char storages, not " + type);
        }
        return new T7Storage(type, values, values.length);
    }

    /**
     * A {@code torch.HalfStorage} over IEEE binary16 bit patterns (not copied).
     *
     * @param bits the elements as binary16 bits
     * @return a new storage
     */
    public static T7Storage wrapHalfBits(short[] bits) {
        return new T7Storage(T7ElementType.HALF, bits, bits.length);
    }

    /**
     * The element type.
     *
     * @return the type
     */
    public T7ElementType elementType() {
        return type;
    }

    /**
     * The class name the file stored: {@link #className()}, or a cutorch name such as
     * {@code torch.CudaStorage} for a storage read from a GPU-saved file (read, and written
     * back, as its CPU counterpart).
     *
     * @return the class name as stored
     */
    public String storedClassName() {
        return storedClassName != null ? storedClassName : className();
    }

    void setStoredClassName(String name) {
        storedClassName = name.equals(className()) ? null : name;
    }

    /**
     * The class name Torch writes, e.g. {@code torch.DoubleStorage}.
     *
     * @return the class name
     */
    public String className() {
        return type.storageClassName();
    }

    /**
     * The number of elements.
     *
     * @return the size
     */
    public int size() {
        return size;
    }

    /**
     * One element as a double: Byte as unsigned, Char as signed, Long rounded to the nearest
     * double (exact up to 2^53), Half widened.
     *
     * @param index the 0-based index
     * @return the value
     * @throws IndexOutOfBoundsException if the index is outside {@code [0, size)}
     */
    public double getDouble(int index) {
        Objects.checkIndex(index, size);
        return switch (type) {
            case DOUBLE -> ((double[]) data)[index];
            case FLOAT -> ((float[]) data)[index];
            case LONG -> ((long[]) data)[index];
            case INT -> ((int[]) data)[index];
            case SHORT -> ((short[]) data)[index];
            case CHAR -> ((byte[]) data)[index];
            case BYTE -> ((byte[]) data)[index] & 0xff;
            case HALF -> Half.toFloat(((short[]) data)[index]);
        };
    }

    /**
     * Sets one element from a double, converting as a C cast does (integers truncate toward
     * zero; Byte and Char keep the low 8 bits; Half rounds to nearest).
     *
     * @param index the 0-based index
     * @param value the value
     * @throws IndexOutOfBoundsException if the index is outside {@code [0, size)}
     */
    public void setDouble(int index, double value) {
        Objects.checkIndex(index, size);
        switch (type) {
            case DOUBLE -> ((double[]) data)[index] = value;
            case FLOAT -> ((float[]) data)[index] = (float) value;
            case LONG -> ((long[]) data)[index] = (long) value;
            case INT -> ((int[]) data)[index] = (int) (long) value;
            case SHORT -> ((short[]) data)[index] = (short) (long) value;
            case CHAR, BYTE -> ((byte[]) data)[index] = (byte) (long) value;
            case HALF -> ((short[]) data)[index] = Half.fromFloat((float) value);
            default -> throw new AssertionError(type);
        }
    }

    /**
     * All elements as doubles (a copy), converted as {@link #getDouble(int)} does.
     *
     * @return a new array of {@link #size()} values
     */
    public double[] toDoubleArray() {
        if (type == T7ElementType.DOUBLE) {
            return ((double[]) data).clone();
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /**
     * The backing array of a Double storage (not a copy).
     *
     * @return the elements
     * @throws IllegalStateException if this is not a Double storage
     */
    public double[] doubleData() {
        return (double[]) typed(T7ElementType.DOUBLE);
    }

    /**
     * The backing array of a Float storage (not a copy).
     *
     * @return the elements
     * @throws IllegalStateException if this is not a Float storage
     */
    public float[] floatData() {
        return (float[]) typed(T7ElementType.FLOAT);
    }

    /**
     * The backing array of a Long storage (not a copy).
     *
     * @return the elements
     * @throws IllegalStateException if this is not a Long storage
     */
    public long[] longData() {
        return (long[]) typed(T7ElementType.LONG);
    }

    /**
     * The backing array of an Int storage (not a copy).
     *
     * @return the elements
     * @throws IllegalStateException if this is not an Int storage
     */
    public int[] intData() {
        return (int[]) typed(T7ElementType.INT);
    }

    /**
     * The backing array of a Short storage, or the binary16 bits of a Half storage (not a copy).
     *
     * @return the elements
     * @throws IllegalStateException if this is neither a Short nor a Half storage
     */
    public short[] shortData() {
        if (type != T7ElementType.SHORT && type != T7ElementType.HALF) {
            throw new IllegalStateException(className() + " is not backed by a short[]");
        }
        return (short[]) data;
    }

    /**
     * The backing array of a Byte or Char storage (not a copy).
     *
     * @return the elements
     * @throws IllegalStateException if this is neither a Byte nor a Char storage
     */
    public byte[] byteData() {
        if (type != T7ElementType.BYTE && type != T7ElementType.CHAR) {
            throw new IllegalStateException(className() + " is not backed by a byte[]");
        }
        return (byte[]) data;
    }

    /**
     * The bytes of a Char or Byte storage as text (Torch's {@code storage:string()}), decoded as
     * UTF-8.
     *
     * @return the text
     * @throws IllegalStateException if this is neither a Byte nor a Char storage
     */
    public String string() {
        return new String(byteData(), StandardCharsets.UTF_8);
    }

    /** The backing array, whatever its type (for the reader and the writer). */
    Object rawData() {
        return data;
    }

    private Object typed(T7ElementType expected) {
        if (type != expected) {
            throw new IllegalStateException(className() + " is not a " + expected.storageClassName());
        }
        return data;
    }

    @Override
    public String toString() {
        return className() + " of size " + size;
    }

    /** IEEE binary16 conversions (Java 17 has no {@code Float.float16ToFloat}). */
    static final class Half {

        private Half() {
        }

        static float toFloat(short bits) {
            int h = bits & 0xffff;
            int sign = (h & 0x8000) << 16;
            int exp = (h >>> 10) & 0x1f;
            int mant = h & 0x3ff;
            if (exp == 0x1f) {
                return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
            }
            if (exp == 0) {
                float v = mant * 0x1p-24f;
                return sign != 0 ? -v : v;
            }
            return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        }

        static short fromFloat(float f) {
            int bits = Float.floatToRawIntBits(f);
            int sign = (bits >>> 16) & 0x8000;
            if (Float.isNaN(f)) {
                return (short) (sign | 0x7e00);
            }
            float abs = Math.abs(f);
            if (abs >= 65520f) {
                return (short) (sign | 0x7c00);
            }
            if (abs < 0x1p-14f) {
                // subnormal: round to nearest even multiple of 2^-24
                int m = Math.round(abs * 0x1p24f);
                float scaled = abs * 0x1p24f;
                if (scaled - Math.floor(scaled) == 0.5 && (m & 1) == 1) {
                    m--;
                }
                return (short) (sign | m);
            }
            int e = ((bits >>> 23) & 0xff) - 127 + 15;
            int mant = bits & 0x7fffff;
            int half = (e << 10) | (mant >>> 13);
            int rest = mant & 0x1fff;
            if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
                half++;
            }
            return (short) (sign | half);
        }
    }
}
