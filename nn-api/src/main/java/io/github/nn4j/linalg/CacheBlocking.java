package io.github.nn4j.linalg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The packed kernels' block sizes chosen from the caches of the machine they run on (read once
 * per process from Linux's {@code /sys/devices/system/cpu/cpu0/cache}; 32 KiB L1d, 512 KiB L2 and
 * 8 MiB L3 where they cannot be read), instead of constants tuned on one CPU.
 *
 * <p>The float64 kernel ({@link PackedGemmKernel}, row-panel order: the register tile walks along
 * the rows of {@code C}) takes {@link #forTile}:
 * <ul>
 *   <li>{@code kc}: a B micro-panel ({@code kc × nr} doubles) fills half of L1d, beside the A
 *       micro-panel ({@code kc × mr}) that stays there while the B micro-panels of its row panel
 *       go by; clamped to 64..512, a multiple of 16;</li>
 *   <li>{@code nc}: the packed B block ({@code kc × nc}), which every row panel streams, fills a
 *       quarter of L2; a multiple of {@code nr}, at most 4096;</li>
 *   <li>{@code mc}: the packed A block ({@code mc × kc}) takes a quarter of L3 (shared with the
 *       other cores), at most 4096 rows; a multiple of {@code mr}.</li>
 * </ul>
 * The float32 kernel ({@link PackedFloatGemmKernel}) in column-block order (with 8-lane double
 * vectors, AVX-512) takes {@link #forFloatTile}: {@code kc} from all of L1d for 4-byte elements,
 * the A block ({@code mc × kc}) in half of L2 (at most 32 tiles), the B block ({@code kc × nc}) in a
 * quarter of L3; in row-panel order (4-lane double vectors, AVX2) {@link #forFloatRowPanels}.
 *
 * <p>{@code kc} sets the order of the sum over {@code k} (one partial sum per panel), so products
 * can differ in the last bits between machines with different L1 sizes; on one machine they are
 * the same for every thread count (the {@link GemmKernel} contract holds for any blocking).
 */
final class CacheBlocking {

    private static final Path CACHE_DIR = Path.of("/sys/devices/system/cpu/cpu0/cache");
    private static final long DEFAULT_L1 = 32L << 10;
    private static final long DEFAULT_L2 = 512L << 10;
    private static final long DEFAULT_L3 = 8L << 20;

    /** Data cache sizes in bytes, levels 1 to 3, read once. */
    private static final long[] SIZES = readSizes(CACHE_DIR);

    private CacheBlocking() {
    }

    /**
     * The float64 kernel's {@code {kc, mc, nc}} for a register tile of {@code mr × nr} doubles on
     * this machine.
     *
     * @param mr rows of the register tile
     * @param nr columns of the register tile
     * @return the panel depth, the rows of an A block and the columns of a B block
     */
    static int[] forTile(int mr, int nr) {
        return forCaches(mr, nr, SIZES[0], SIZES[1], SIZES[2]);
    }

    /**
     * The float32 kernel's blocking on this machine: 4-byte elements, the B micro-panel filling
     * all of L1d ({@link #forCaches(int, int, int, int, long, long, long)} with share 1).
     *
     * @param mr rows of the register tile
     * @param nr columns of the register tile
     * @return the panel depth, the rows of an A block and the columns of a B block
     */
    static int[] forFloatTile(int mr, int nr) {
        return forCaches(mr, nr, Float.BYTES, 1, SIZES[0], SIZES[1], SIZES[2]);
    }

    /**
     * The float32 kernel's blocking in row-panel order ({@link PackedFloatGemmKernel#rowPanels},
     * the order it takes with 4-lane double vectors): {@link #forFloatRowPanels(int, int, long, long, long)}
     * for this machine's caches.
     *
     * @param mr rows of the register tile
     * @param nr columns of the register tile
     * @return the panel depth, the rows of an A block and the columns of a B block
     */
    static int[] forFloatRowPanels(int mr, int nr) {
        return forFloatRowPanels(mr, nr, SIZES[0], SIZES[1], SIZES[2]);
    }

    /**
     * The float32 kernel's {@code {kc, mc, nc}} in row-panel order: {@code kc} as
     * {@link #forFloatTile} (a B micro-panel of {@code kc × nr} floats fills L1d), {@code nc} so that
     * the packed B block ({@code kc × nc} floats) takes half of L2, {@code mc} so that the packed A
     * block takes a quarter of L3 (at most 4096 rows). On the AVX2 Zen 3 (32 KiB L1d, 512 KiB L2,
     * 32 MiB L3) this gives {@code kc = 512, mc = 4092, nc = 128}, which ran ahead of
     * {@code nc} 64 and of {@code kc} 256 with {@code nc} 128 or 256 in alternating calls.
     *
     * @param mr rows of the register tile
     * @param nr columns of the register tile
     * @param l1 L1 data cache in bytes
     * @param l2 L2 cache in bytes
     * @param l3 L3 cache in bytes
     * @return the panel depth, the rows of an A block and the columns of a B block
     */
    static int[] forFloatRowPanels(int mr, int nr, long l1, long l2, long l3) {
        return rowPanels(mr, nr, Float.BYTES, l1, l2 / 2, l3);
    }

    /**
     * The float64 kernel's {@code {kc, mc, nc}} for a register tile and given cache sizes (tests).
     * The row-panel order and this blocking ran 1.05-1.25× the column-block order (the float32
     * kernel's) with its blocking ({@code kc = 192, mc = 256, nc = 4096}) on every wide and mnist
     * shape, calls alternating, on the Emerald Rapids Xeon (48 KiB L1d, 2 MiB L2); {@code nc} 336
     * ran 1-3 % ahead of 256 and 672.
     *
     * @param mr rows of the register tile
     * @param nr columns of the register tile
     * @param l1 L1 data cache in bytes
     * @param l2 L2 cache in bytes
     * @param l3 L3 cache in bytes
     * @return the panel depth, the rows of an A block and the columns of a B block
     */
    static int[] forCaches(int mr, int nr, long l1, long l2, long l3) {
        return rowPanels(mr, nr, Double.BYTES, l1 / 2, l2 / 4, l3);
    }

    /**
     * Row-panel blocking from the bytes each block may take: the B micro-panel
     * ({@code kc × nr}) {@code microPanel} bytes (clamped to a depth of 64..512, a multiple of
     * 16), the B block ({@code kc × nc}) {@code bBlock} bytes (at most 4096 columns, a multiple of
     * {@code nr}), the A block ({@code mc × kc}) a quarter of {@code l3} (at most 4096 rows, a
     * multiple of {@code mr}).
     */
    private static int[] rowPanels(int mr, int nr, int bytes, long microPanel, long bBlock, long l3) {
        int kc = (int) Math.max(64, Math.min(512, microPanel / (nr * (long) bytes)));
        kc -= kc % 16;
        int nc = (int) Math.min(4096L, bBlock / (kc * (long) bytes));
        nc = Math.max(nr, nc - nc % nr);
        int mc = (int) Math.min(4096L, l3 / 4 / (kc * (long) bytes));
        mc = Math.max(mr, mc - mc % mr);
        return new int[] {kc, mc, nc};
    }

    /**
     * The float32 kernel's {@code {kc, mc, nc}}, with the B micro-panel filling
     * {@code 1 / l1Share} of L1d (the float32 kernel takes 1: its 8 × 32 tile ran 14–18 % faster on
     * {@code Aᵀ·B} and 0.85–1.35× on the other forms with {@code kc = 384} than with 192 on a
     * 48 KiB L1d, alternating rounds on the Emerald Rapids Xeon; it keeps the column-block order,
     * which ran 3-8 % ahead of the float64 kernel's row-panel order there).
     *
     * @param mr rows of the register tile
     * @param nr columns of the register tile
     * @param bytes bytes per packed element
     * @param l1Share the B micro-panel takes {@code l1 / l1Share} bytes
     * @param l1 L1 data cache in bytes
     * @param l2 L2 cache in bytes
     * @param l3 L3 cache in bytes
     * @return the panel depth, the rows of an A block and the columns of a B block
     */
    static int[] forCaches(int mr, int nr, int bytes, int l1Share, long l1, long l2, long l3) {
        int kc = (int) Math.max(64, Math.min(512, l1 / l1Share / (nr * (long) bytes)));
        kc -= kc % 16;
        int mc = (int) Math.min(32L * mr, l2 / 2 / (kc * (long) bytes));
        mc = Math.max(mr, mc - mc % mr);
        int nc = (int) Math.min(4096L, l3 / 4 / (kc * (long) bytes));
        nc = Math.max(nr, nc - nc % nr);
        return new int[] {kc, mc, nc};
    }

    /**
     * Reads the data/unified cache sizes of levels 1-3 under {@code dir}; a level that cannot be
     * read keeps its default.
     *
     * @param dir a directory laid out as Linux's {@code cpu0/cache}
     * @return sizes in bytes of L1d, L2, L3
     */
    static long[] readSizes(Path dir) {
        long[] sizes = {DEFAULT_L1, DEFAULT_L2, DEFAULT_L3};
        for (int index = 0; index < 8; index++) {
            Path d = dir.resolve("index" + index);
            try {
                int level = Integer.parseInt(read(d.resolve("level")));
                String type = read(d.resolve("type"));
                long size = parseSize(read(d.resolve("size")));
                if (level >= 1 && level <= 3 && !type.equals("Instruction") && size > 0) {
                    sizes[level - 1] = size;
                }
            } catch (IOException | RuntimeException e) {
                // absent (other OS, fewer levels) or unreadable: the default stays
            }
        }
        return sizes;
    }

    /**
     * Parses a sysfs cache size such as {@code 32K}, {@code 1024K} or {@code 32M}.
     *
     * @param text the size with an optional K/M/G suffix
     * @return bytes
     */
    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long unit = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * unit;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
}
