package io.github.nn4j.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

class AlignedArraysTest {

    private static final long MIB = 1L << 20;

    @Test
    void lineOffsetMovesElementsToTheNextSixtyFourByteBoundary() {
        // HotSpot's default 16-byte header: double 16 + 6 * 8 = 64, float 16 + 12 * 4 = 64
        assertEquals(6, AlignedArrays.lineOffset(16, Double.BYTES));
        assertEquals(12, AlignedArrays.lineOffset(16, Float.BYTES));
        // compact object headers (float[] at 12), no compressed class pointers (24)
        assertEquals(13, AlignedArrays.lineOffset(12, Float.BYTES));
        assertEquals(5, AlignedArrays.lineOffset(24, Double.BYTES));
        assertEquals(10, AlignedArrays.lineOffset(24, Float.BYTES));
        assertEquals(0, AlignedArrays.lineOffset(64, Double.BYTES));
        // a padding that is not a whole element cannot be reached: stay at 0
        assertEquals(0, AlignedArrays.lineOffset(12, Double.BYTES));
    }

    @Test
    void g1RegionSizeFollowsHotSpotErgonomics() {
        assertEquals(MIB, AlignedArrays.g1RegionBytes(256 * MIB));
        assertEquals(MIB, AlignedArrays.g1RegionBytes(1024 * MIB));
        assertEquals(2 * MIB, AlignedArrays.g1RegionBytes(4096 * MIB));
        // 6028 MiB, the default maximum heap of a 24 GiB machine: 2.9 MiB rounded up
        assertEquals(4 * MIB, AlignedArrays.g1RegionBytes(6028 * MIB));
        assertEquals(32 * MIB, AlignedArrays.g1RegionBytes(64L * 1024 * MIB));
        assertEquals(32 * MIB, AlignedArrays.g1RegionBytes(1L << 40));
    }

    @Test
    void g1RegionSizeMatchesThisJvmsWhenG1ChoseIt() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assumeTrue(hotspot != null && "true".equals(hotspot.getVMOption("UseG1GC").getValue()), "not G1");
        VMOption region = hotspot.getVMOption("G1HeapRegionSize");
        assumeTrue(region.getOrigin() != VMOption.Origin.VM_CREATION, "region size set on the command line");
        assertEquals(Long.parseLong(region.getValue()), AlignedArrays.g1RegionBytes(Runtime.getRuntime().maxMemory()));
    }

    @Test
    void buffersHoldTheOffsetAndTheLengthAndAreLargerThanHalfARegion() {
        long half = AlignedArrays.g1RegionBytes(Runtime.getRuntime().maxMemory()) / 2;
        double[] d = AlignedArrays.doubles(10);
        assertTrue(d.length >= AlignedArrays.DOUBLE_OFFSET + 10);
        assertTrue((long) d.length * Double.BYTES > half, () -> d.length + " doubles");
        float[] f = AlignedArrays.floats(10);
        assertTrue((long) f.length * Float.BYTES > half, () -> f.length + " floats");
        int big = (int) (4 * half / Double.BYTES);
        assertEquals(AlignedArrays.DOUBLE_OFFSET + big, AlignedArrays.doubles(big).length);
        assertThrows(IllegalArgumentException.class, () -> AlignedArrays.size(Integer.MAX_VALUE - 4, 6, Double.BYTES));
    }

    @Test
    void offsetsComeFromThisJvmsArrayLayout() throws ReflectiveOperationException {
        int base = Class.forName("sun.misc.Unsafe").getField("ARRAY_DOUBLE_BASE_OFFSET").getInt(null);
        assertEquals(AlignedArrays.lineOffset(base, Double.BYTES), AlignedArrays.DOUBLE_OFFSET);
        assertEquals(0, (base + AlignedArrays.DOUBLE_OFFSET * Double.BYTES) % AlignedArrays.LINE);
        int fbase = Class.forName("sun.misc.Unsafe").getField("ARRAY_FLOAT_BASE_OFFSET").getInt(null);
        assertEquals(0, (fbase + AlignedArrays.FLOAT_OFFSET * Float.BYTES) % AlignedArrays.LINE);
    }
}
