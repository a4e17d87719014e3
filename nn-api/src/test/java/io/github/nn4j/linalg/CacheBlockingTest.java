package io.github.nn4j.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheBlockingTest {

    @Test
    void parsesSysfsSizes() {
        assertEquals(32L * 1024, CacheBlocking.parseSize("32K\n"));
        assertEquals(32L * 1024 * 1024, CacheBlocking.parseSize("32M"));
        assertEquals(4096L, CacheBlocking.parseSize("4096"));
    }

    @Test
    void readsDataAndUnifiedLevelsAndSkipsInstructionCaches(@TempDir Path dir) throws IOException {
        cache(dir, 0, "1", "Data", "48K");
        cache(dir, 1, "1", "Instruction", "32K");
        cache(dir, 2, "2", "Unified", "1280K");
        // no index3: L3 keeps its default of 8 MiB
        assertArrayEquals(new long[] {48L << 10, 1280L << 10, 8L << 20}, CacheBlocking.readSizes(dir));
    }

    @Test
    void blockingFollowsTheFormulaAndTheKernelsConstraints() {
        // 6x8 tile, 32 KiB L1d, 512 KiB L2, 32 MiB L3: kc = 32768/2/64 = 256, nc = 524288/4/2048 = 64,
        // mc = min(4096, 8 MiB / 2048) = 4096 rounded down to a multiple of 6
        assertArrayEquals(new int[] {256, 4092, 64}, CacheBlocking.forCaches(6, 8, 32 << 10, 512 << 10, 32 << 20));
        // 8x16 tile, 48 KiB L1d, 2 MiB L2, 260 MiB L3 (the Emerald Rapids Xeon): kc = 49152/2/128 = 192,
        // nc = 2097152/4/1536 = 341 -> 336, mc = min(4096, 65 MiB / 1536)
        assertArrayEquals(new int[] {192, 4096, 336}, CacheBlocking.forCaches(8, 16, 48 << 10, 2 << 20, 260L << 20));
        for (int[] tile : new int[][] {{6, 8}, {8, 16}, {4, 12}}) {
            for (long l1 : new long[] {1, 16 << 10, 48 << 10, 1 << 20}) {
                for (long l2 : new long[] {1, 256 << 10, 2 << 20}) {
                    int[] b = CacheBlocking.forCaches(tile[0], tile[1], l1, l2, l2 * 4);
                    assertTrue(b[0] >= 64 && b[0] <= 512 && b[0] % 16 == 0, () -> "kc " + b[0]);
                    assertTrue(b[1] >= tile[0] && b[1] % tile[0] == 0, () -> "mc " + b[1]);
                    assertTrue(b[2] >= tile[1] && b[2] % tile[1] == 0 && b[2] <= 4096, () -> "nc " + b[2]);
                }
            }
        }
    }

    @Test
    void float32BlockingCountsFourByteElements() {
        // the float kernel's share 1 (B micro-panel fills L1d): 8x32, 48 KiB: kc = 49152/128 = 384,
        // mc = min(256, 2097152/2/1536 = 682) = 256; 6x16, 32 KiB: kc = min(512, 32768/64), mc = 524288/2/2048 = 128 -> 126
        assertArrayEquals(new int[] {384, 256, 4096},
                CacheBlocking.forCaches(8, 32, Float.BYTES, 1, 48 << 10, 2 << 20, 260L << 20));
        assertArrayEquals(new int[] {512, 126, 4096},
                CacheBlocking.forCaches(6, 16, Float.BYTES, 1, 32 << 10, 512 << 10, 32 << 20));
    }

    @Test
    void float32RowPanelBlockingKeepsTheBBlockInHalfOfL2() {
        // 6x16, 32 KiB L1d, 512 KiB L2, 32 MiB L3 (the AVX2 Zen 3): kc = min(512, 32768/64) = 512,
        // nc = 524288/2/2048 = 128, mc = min(4096, 8 MiB / 2048) = 4096 -> 4092 (multiple of 6)
        assertArrayEquals(new int[] {512, 4092, 128},
                CacheBlocking.forFloatRowPanels(6, 16, 32 << 10, 512 << 10, 32 << 20));
        // 8x32, 48 KiB, 2 MiB, 260 MiB: kc = 49152/128 = 384, nc = 2097152/2/1536 = 682 -> 672, mc = 4096
        assertArrayEquals(new int[] {384, 4096, 672},
                CacheBlocking.forFloatRowPanels(8, 32, 48 << 10, 2 << 20, 260L << 20));
        for (long l1 : new long[] {1, 16 << 10, 1 << 20}) {
            for (long l2 : new long[] {1, 256 << 10, 2 << 20}) {
                int[] b = CacheBlocking.forFloatRowPanels(6, 16, l1, l2, l2 * 4);
                assertTrue(b[0] >= 64 && b[0] <= 512 && b[0] % 16 == 0, () -> "kc " + b[0]);
                assertTrue(b[1] >= 6 && b[1] % 6 == 0 && b[1] <= 4096, () -> "mc " + b[1]);
                assertTrue(b[2] >= 16 && b[2] % 16 == 0 && b[2] <= 4096, () -> "nc " + b[2]);
            }
        }
    }

    private static void cache(Path dir, int index, String level, String type, String size) throws IOException {
        Path d = Files.createDirectories(dir.resolve("index" + index));
        Files.writeString(d.resolve("level"), level + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
        Files.writeString(d.resolve("size"), size + "\n");
    }
}
