package io.github.nn4j.torch7;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Tensor;

/**
 * Saves replace the destination atomically: a save that fails half-way, or a JVM killed
 * during a save, leaves the old file or the new one, never a prefix.
 */
class AtomicFilesTest {

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aWriterThatFailsHalfWayLeavesTheOldFileByteIdentical(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("model.t7");
        Torch7.save(f, Tensor.fromArray(new double[] {1, 2, 3}, 3));
        byte[] old = Files.readAllBytes(f);
        byte[] big = new byte[100_000];
        new Random(1).nextBytes(big);
        for (int n : new int[] {0, 1, 4096, 99_999}) {
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
                out.write(big, 0, n);
                throw new IOException("No space left on device");
            }));
            assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("No space left"),
                    e.getMessage());
            assertArrayEquals(old, Files.readAllBytes(f), "after failing at byte " + n);
            assertEquals(List.of(f), listing(dir), "the temporary file is removed");
        }
        // an unchecked failure of the content too
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write(big, 0, 10);
            throw new IllegalStateException("boom");
        }));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertArrayEquals(old, Files.readAllBytes(f));
        assertEquals(List.of(f), listing(dir));
    }

    @Test
    void aSaveIntoAMissingDirectoryNamesTheDestination(@TempDir Path dir) {
        Path f = dir.resolve("no/such/dir/model.t7");
        IOException e = assertThrows(IOException.class, () -> Torch7.save(f, 1.0));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void aNewFileGetsThePermissionsOfAPlainWriteAndAReplacedOneKeepsItsOwn(@TempDir Path dir) throws IOException {
        assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "no POSIX permissions here");
        Path plain = Files.write(dir.resolve("plain.bin"), new byte[] {1});      // the umask's permissions
        Path saved = dir.resolve("saved.bin");
        AtomicFiles.write(saved, new byte[] {1, 2});
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(saved),
                "a chart or model saved by nn4j was rw------- (Files.createTempFile's mode)");
        Files.setPosixFilePermissions(saved, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(saved, new byte[] {3});
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(2, left.count(), "no temporary file left");
        }
    }

    @Test
    void aSuccessfulSaveReplacesTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.t7");
        Files.writeString(f, "old content, much longer than the new one ..........................");
        Torch7.save(f, 2.0);
        assertEquals(2.0, Torch7.load(f));
        assertEquals(List.of(f), listing(dir));
    }

    /** The child: saves a large tensor to args[0] again and again until killed. */
    public static void main(String[] args) throws IOException {
        Path f = Path.of(args[0]);
        double[] v = new double[Integer.parseInt(args[1])];
        for (long round = 1;; round++) {
            Arrays.fill(v, round);
            Torch7.save(f, Tensor.fromArray(v, v.length));
            System.out.println(round);
        }
    }

    @Test
    void aJvmKilledDuringSavesLeavesAWholeFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.t7");
        int n = 2_000_000; // 16 MB a save
        Torch7.save(f, Tensor.fromArray(new double[n], n));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random rnd = new Random(16);
        for (int kill = 0; kill < 3; kill++) {
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    AtomicFilesTest.class.getName(), f.toString(), Integer.toString(n))
                    .redirectErrorStream(true).start();
            // wait for the first completed save, then kill at a random moment of a later one
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = lines.readLine();
                assertTrue(line != null, "the child saved nothing");
            } while (!line.matches("[0-9]+"));
            Thread.sleep(rnd.nextInt(150));
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            Tensor t = Torch7.loadTensor(f);
            assertEquals(n, t.numel());
            double x = t.data()[0];
            assertEquals(x, t.data()[n - 1], "a file mixing two saves");
        }
    }
}
