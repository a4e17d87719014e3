package io.github.nn4j.torch7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link T7Reader#read(Path)} streams binary files through a 1 MiB buffer; these files make every
 * kind of record straddle the buffer's refills and must read exactly as the same bytes read from
 * memory ({@link T7Reader#read(byte[])}), including the failures of truncated files.
 */
class T7StreamingReadTest {

    /** Storages of every element type around 1 MiB boundaries, strings, numbers, shared views. */
    private static T7Table straddling() {
        Random r = new Random(17);
        T7Table t = new T7Table();
        double[] d = new double[(1 << 17) + 3]; // just over 1 MiB of doubles: crosses a refill
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        t.put("doubles", T7Tensor.contiguous(T7Storage.wrap(d), 3, d.length / 3));
        for (int k = 0; k < 40; k++) {
            // odd-sized records shift every later record against the buffer's boundaries
            float[] f = new float[9973 + 7 * k];
            for (int i = 0; i < f.length; i++) {
                f[i] = r.nextFloat();
            }
            long[] l = new long[5 + k];
            Arrays.fill(l, -3L * k);
            t.append(T7Table.of("f", T7Tensor.contiguous(T7Storage.wrap(f), f.length), "l",
                    T7Storage.wrap(l), "s", "x".repeat(3001 * k + 1), "n", k + 0.25, "b", k % 2 == 0,
                    "i", T7Storage.wrap(new int[] {k, -k}), "h", T7Storage.wrap(new short[] {(short) k})));
        }
        T7Storage shared = T7Storage.wrap(new double[] {1, 2, 3, 4, 5, 6});
        t.put("view", new T7Tensor(T7ElementType.DOUBLE, shared, 1, new long[] {2, 2}, new long[] {1, 2}));
        t.put("whole", T7Tensor.contiguous(shared, 6));
        return t;
    }

    private static byte[] bytes(Object o, T7Options options) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new T7Writer(options).write(out, o);
        return out.toByteArray();
    }

    @Test
    void aStreamedFileReadsAsTheSameBytesInMemory(@TempDir Path dir) throws IOException {
        T7Options[] all = {T7Options.defaults(), T7Options.defaults().withLongSize(4),
            T7Options.defaults().withByteOrder(ByteOrder.BIG_ENDIAN)};
        for (T7Options options : all) {
            T7Options binary = options.withEncoding(T7Encoding.BINARY);
            byte[] b = bytes(straddling(), binary);
            Path f = dir.resolve("straddling.t7");
            Files.write(f, b);
            Object streamed = new T7Reader(options).read(f);
            T7Deep.assertSameGraph(new T7Reader(options).read(b), streamed);
            T7Deep.assertSameGraph(straddling(), streamed);
        }
    }

    @Test
    void aTruncatedFileFailsAsTheSameBytesInMemory(@TempDir Path dir) throws IOException {
        byte[] b = bytes(straddling(), T7Options.defaults().withEncoding(T7Encoding.BINARY));
        for (int cut : new int[] {3, 1 << 20, (1 << 20) + 5, b.length - 1}) {
            byte[] part = Arrays.copyOf(b, cut);
            Path f = dir.resolve("cut" + cut + ".t7");
            Files.write(f, part);
            T7FormatException inMemory = assertThrows(T7FormatException.class, () -> new T7Reader().read(part));
            T7FormatException streamed = assertThrows(T7FormatException.class, () -> new T7Reader().read(f));
            assertEquals(inMemory.getMessage(), streamed.getMessage(), "cut at " + cut);
        }
    }

    @Test
    void aPipeIsReadAsAStream(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("fifo.t7");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo unavailable");
        byte[] b = bytes(straddling(), T7Options.defaults().withEncoding(T7Encoding.BINARY));
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, b);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Object read = new T7Reader().read(fifo);
        writer.join();
        T7Deep.assertSameGraph(straddling(), read);
    }

    @Test
    void asciiAndEmptyFilesStillRead(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.t7");
        Files.write(a, bytes(T7Table.of("x", 1.5), T7Options.defaults().withEncoding(T7Encoding.ASCII)));
        T7Deep.assertSameGraph(T7Table.of("x", 1.5), new T7Reader().read(a));
        Path e = dir.resolve("empty.t7");
        Files.write(e, new byte[0]);
        T7FormatException inMemory = assertThrows(T7FormatException.class, () -> new T7Reader().read(new byte[0]));
        assertEquals(inMemory.getMessage(), assertThrows(T7FormatException.class, () -> new T7Reader().read(e))
                .getMessage());
    }
}
