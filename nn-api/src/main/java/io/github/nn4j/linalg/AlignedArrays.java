package io.github.nn4j.linalg;

/**
 * Packing buffers whose element at a known index starts a 64-byte cache line, so that the
 * micro-kernels' vector loads of packed B (64 bytes each with AVX-512) never straddle two lines.
 *
 * <p><b>Why.</b> Java places an array wherever its allocator puts it, 8-byte aligned, with a
 * 16-byte header before element 0. The B micro-panels are loaded one 64-byte vector at a time,
 * two per step of {@code p}; from a line-aligned start every load reads one line, from any other
 * start every load reads two. On the Emerald Rapids Xeon the float64 tile ran at 73-77 GFLOPS
 * from a misaligned B buffer and 81-85 GFLOPS from an aligned one (88 GFLOPS peak), whole
 * mnist and wide products 11-17 % faster (median of alternating calls); the float32 tile 145-157 against 161-170 GFLOPS.
 * The alignment of packed A (read by 8- or 4-byte broadcasts) and of {@code C} made no difference
 * there beyond noise.
 *
 * <p><b>How.</b> Java has no aligned allocation and no supported way to read an array's address,
 * but HotSpot's default collector, G1, puts every <em>humongous</em> object (larger than half a
 * heap region) at the start of a region, a multiple of 1 MiB, and never moves it. So the buffers
 * are made larger than half a region and the kernels pack B from index
 * {@link #DOUBLE_OFFSET} / {@link #FLOAT_OFFSET}, where the array base offset (16 bytes in
 * HotSpot with compressed class pointers) plus the index is a multiple of 64. The region size is
 * G1's ergonomic choice for the maximum heap ({@link #g1RegionBytes}): 1 MiB for a 1 GiB heap,
 * 4 MiB for the 6 GiB default of a 24 GiB machine, 32 MiB from 64 GiB; the buffers cost at most
 * half a region each per thread that multiplies. Under another collector (Parallel, Serial, ZGC
 * below its large-object size) or an explicit larger {@code -XX:G1HeapRegionSize} the array may
 * start anywhere and the loads are only as fast as before; results never depend on it, since
 * the index of every packed element is the same whatever the address.
 */
final class AlignedArrays {

    /** A cache line and one AVX-512 vector, in bytes. */
    static final int LINE = 64;
    /** HotSpot's array base offset with compressed class pointers (its default). */
    private static final int DEFAULT_BASE_OFFSET = 16;
    /** Index of a {@code double[]} element that starts a line in a region-aligned array. */
    static final int DOUBLE_OFFSET = lineOffset(baseOffset("ARRAY_DOUBLE_BASE_OFFSET"), Double.BYTES);
    /** Index of a {@code float[]} element that starts a line in a region-aligned array. */
    static final int FLOAT_OFFSET = lineOffset(baseOffset("ARRAY_FLOAT_BASE_OFFSET"), Float.BYTES);
    /** Bytes that make an array humongous in G1 with this JVM's maximum heap. */
    private static final long HUMONGOUS_BYTES = g1RegionBytes(Runtime.getRuntime().maxMemory()) / 2 + LINE;

    private AlignedArrays() {
    }

    /**
     * A {@code double[]} of at least {@code DOUBLE_OFFSET + length} elements, large enough to be
     * humongous in G1.
     *
     * @param length the elements needed from {@link #DOUBLE_OFFSET} on
     * @return a new zeroed array
     */
    static double[] doubles(int length) {
        return new double[size(length, DOUBLE_OFFSET, Double.BYTES)];
    }

    /**
     * A {@code float[]} of at least {@code FLOAT_OFFSET + length} elements, large enough to be
     * humongous in G1.
     *
     * @param length the elements needed from {@link #FLOAT_OFFSET} on
     * @return a new zeroed array
     */
    static float[] floats(int length) {
        return new float[size(length, FLOAT_OFFSET, Float.BYTES)];
    }

    /**
     * The array length for {@code length} usable elements after {@code offset}, at least
     * {@link #HUMONGOUS_BYTES}.
     */
    static int size(int length, int offset, int bytes) {
        long n = Math.max((long) offset + length, HUMONGOUS_BYTES / bytes + 1);
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("AlignedArrays: " + length + " elements do not fit in an array");
        }
        return (int) n;
    }

    /**
     * G1's heap region size when the JVM chooses it: the maximum heap over 2048, clamped to
     * 1-32 MiB and rounded up to a power of two (HotSpot's {@code G1HeapRegionSize} ergonomics,
     * JDK 17 to 25).
     *
     * @param maxHeapBytes the maximum heap ({@code Runtime.maxMemory()})
     * @return the region size in bytes
     */
    static long g1RegionBytes(long maxHeapBytes) {
        long size = Math.min(32L << 20, Math.max(1L << 20, maxHeapBytes / 2048));
        long pow = Long.highestOneBit(size);
        return pow == size ? size : pow << 1;
    }

    /**
     * The first index whose element starts a 64-byte line when the array's header starts one.
     *
     * @param baseOffset bytes from the array's start to element 0
     * @param bytes bytes per element
     * @return the index, {@code 0 <= index < 64 / bytes}
     */
    static int lineOffset(int baseOffset, int bytes) {
        int pad = Math.floorMod(-baseOffset, LINE);
        return pad % bytes == 0 ? pad / bytes : 0;
    }

    /**
     * HotSpot's array base offset from {@code sun.misc.Unsafe}'s public constant (a field read,
     * none of its memory-access methods, so no warning on newer JDKs); 16 where it cannot be read.
     */
    private static int baseOffset(String field) {
        try {
            return Class.forName("sun.misc.Unsafe").getField(field).getInt(null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return DEFAULT_BASE_OFFSET;
        }
    }
}
