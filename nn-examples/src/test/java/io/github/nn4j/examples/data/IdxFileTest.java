package io.github.nn4j.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

    @TempDir
    Path dir;

    private static IdxFile sample() {
        byte[] data = new byte[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 11);
        }
        return IdxFile.ofUnsignedBytes(data, 2, 3, 4);
    }

    private static void assertSameContents(IdxFile a, IdxFile b) {
        assertArrayEquals(a.dims(), b.dims());
        assertArrayEquals(a.bytes(), b.bytes());
    }

    @Test
    void writesTheLayoutOfTheMnistDistribution() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IdxFile.ofUnsignedBytes(new byte[] {1, (byte) 200, 3}, 3).write(out, false);
        // magic 0x00000801 (unsigned bytes, 1 dimension), size 3 big-endian, then the bytes
        assertArrayEquals(new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 1, (byte) 200, 3}, out.toByteArray());
        IdxFile read = IdxFile.read(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(200, read.unsigned(1));
    }

    @Test
    void roundTripsPlainAndGzippedFiles() throws IOException {
        IdxFile idx = sample();
        Path plain = dir.resolve("x-idx3-ubyte");
        Path gz = dir.resolve("x-idx3-ubyte.gz");
        idx.write(plain);
        idx.write(gz);
        assertEquals(4 + 3 * 4 + 24, Files.size(plain), "magic, 3 sizes, 24 bytes");
        byte[] gzBytes = Files.readAllBytes(gz);
        assertEquals(0x1f, gzBytes[0] & 0xff, "gzipped by its name");
        assertEquals(0x8b, gzBytes[1] & 0xff);
        assertSameContents(idx, IdxFile.read(plain));
        assertSameContents(idx, IdxFile.read(gz));
        // gzip is recognised by content, whatever the name
        Path misnamed = dir.resolve("misnamed");
        try (OutputStream out = Files.newOutputStream(misnamed)) {
            idx.write(out, true);
        }
        assertSameContents(idx, IdxFile.read(misnamed));
        assertEquals(231, IdxFile.read(misnamed).unsigned(21));
        assertEquals("IdxFile(unsigned bytes, size [2, 3, 4])", idx.toString());
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static IOException readFails(byte[] content) {
        return assertThrows(IOException.class, () -> IdxFile.read(new ByteArrayInputStream(content)));
    }

    @Test
    void rejectsMalformedFilesWithClearMessages() throws IOException {
        assertTrue(readFails(bytes(1, 2, 8, 1, 0, 0, 0, 1, 5)).getMessage().contains("not an IDX file"));
        assertTrue(readFails(bytes(0, 0, 0x0d, 1, 0, 0, 0, 1, 5)).getMessage().contains("type 0x0d"));
        assertTrue(readFails(bytes(0, 0, 8, 0)).getMessage().contains("dimensions"));
        assertTrue(readFails(bytes(0, 0, 8, 1, 0, 0)).getMessage().contains("truncated IDX header"));
        IOException truncated = readFails(bytes(0, 0, 8, 1, 0, 0, 0, 4, 1, 2));
        assertTrue(truncated instanceof EOFException);
        assertTrue(truncated.getMessage().contains("only 2 follow"), truncated.getMessage());
        assertTrue(readFails(bytes(0, 0, 8, 1, 0, 0, 0, 1, 1, 2)).getMessage().contains("bytes after"));
        // a hostile header: 60000 x 28 x 28 declared, nothing follows; no huge allocation up front
        assertTrue(readFails(bytes(0, 0, 8, 3, 0, 0, 0xea, 0x60, 0, 0, 0, 28, 0, 0, 0, 28)).getMessage()
                .contains("truncated"));
        assertTrue(readFails(bytes(0, 0, 8, 2, 0x7f, 0, 0, 0, 0x7f, 0, 0, 0)).getMessage()
                .contains("invalid IDX header"));
        Path file = dir.resolve("bad");
        Files.write(file, bytes(9, 9, 9, 9));
        assertTrue(assertThrows(IOException.class, () -> IdxFile.read(file)).getMessage().contains(file.toString()));
        assertThrows(IllegalArgumentException.class, () -> IdxFile.ofUnsignedBytes(new byte[5], 2, 3));
    }
}
