package io.github.nn4j.torch7;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.testing.SharedFixtures;

/**
 * Hostile input: every mutant of a valid file either loads or raises {@link T7FormatException},
 * never another exception, a hang, a stack overflow or an out-of-memory error.
 */
class T7RobustnessTest {

    private static final long SEED = 20261126L;
    private static final int MUTANTS = 10_000;

    /** Valid seed files: the real Torch fixtures when present, plus generated ones. */
    private static List<byte[]> corpus() throws IOException {
        List<byte[]> out = new ArrayList<>();
        Object rich = T7RoundTripTest.richGraph();
        out.add(T7Writer.of(false).toBytes(rich));
        out.add(T7Writer.of(true).toBytes(rich));
        out.add(T7Writer.of(false).toBytes(Tensor.of(new double[][] {{1, 2}, {3, 4}})));
        out.add(T7Writer.of(true).toBytes(Tensor.of(new double[][] {{1, 2}, {3, 4}})));
        Path shared = SharedFixtures.root().resolve("fixtures");
        if (Files.isDirectory(shared)) {
            try (Stream<Path> s = Files.walk(shared)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".t7") || p.toString().endsWith(".txt"))
                        .sorted().toList()) {
                    byte[] b = Files.readAllBytes(p);
                    if (b.length <= 20_000) {
                        out.add(b);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void mutantsLoadOrFailWithFormatException() throws IOException {
        List<byte[]> corpus = corpus();
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random rnd = new Random(SEED);
            T7Reader auto = new T7Reader();
            T7Reader b32 = new T7Reader(T7Options.defaults().withLongSize(4));
            for (int i = 0; i < MUTANTS; i++) {
                byte[] original = corpus.get(rnd.nextInt(corpus.size()));
                String[] how = new String[1];
                byte[] mutant = mutate(original, rnd, how);
                T7Reader reader = i % 10 == 9 ? b32 : auto;
                try {
                    Object o = reader.read(mutant);
                    exercise(o);
                    outcome[0]++;
                } catch (T7FormatException e) {
                    assertTrue(e.offset() >= 0 && e.offset() <= mutant.length, e.getMessage());
                    assertTrue(e.getMessage().contains("offset " + e.offset()), e.getMessage());
                    outcome[1]++;
                } catch (Throwable t) {
                    fail("mutant " + i + " (" + how[0] + ") threw " + t, t);
                }
            }
        });
        // both outcomes occur, so the mutations are neither all harmless nor all fatal
        assertTrue(outcome[0] > 100, "loaded: " + outcome[0]);
        assertTrue(outcome[1] > 1000, "rejected: " + outcome[1]);
    }

    private static byte[] mutate(byte[] in, Random rnd, String[] how) {
        byte[] b = in.clone();
        int n = b.length;
        switch (rnd.nextInt(7)) {
            case 0 -> {
                int cut = rnd.nextInt(n);
                how[0] = "truncated at " + cut;
                return Arrays.copyOf(b, cut);
            }
            case 1 -> {
                int k = 1 + rnd.nextInt(4);
                how[0] = k + " random bytes";
                for (int j = 0; j < k; j++) {
                    b[rnd.nextInt(n)] = (byte) rnd.nextInt(256);
                }
                return b;
            }
            case 2 -> {
                int pos = rnd.nextInt(Math.max(1, n - 8));
                long[] evil = {0x7fffffffL, 0x80000000L, 0xffffffffL, 0x7fffffffffffffffL, Long.MIN_VALUE, -1L,
                    1L << 40, 1L << 31, rnd.nextLong()};
                long v = evil[rnd.nextInt(evil.length)];
                how[0] = "inflated at " + pos + " to " + v;
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                if (rnd.nextBoolean() || n - pos < 8) {
                    if (n - pos >= 4) {
                        bb.putInt(pos, (int) v);
                    }
                } else {
                    bb.putLong(pos, v);
                }
                return b;
            }
            case 3 -> {
                int pos = rnd.nextInt(n + 1);
                int len = 1 + rnd.nextInt(8);
                byte[] ins = new byte[len];
                rnd.nextBytes(ins);
                how[0] = "inserted " + len + " bytes at " + pos;
                byte[] out = new byte[n + len];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(ins, 0, out, pos, len);
                System.arraycopy(b, pos, out, pos + len, n - pos);
                return out;
            }
            case 4 -> {
                int pos = rnd.nextInt(n);
                int len = Math.min(n - pos, 1 + rnd.nextInt(8));
                how[0] = "deleted " + len + " bytes at " + pos;
                byte[] out = new byte[n - len];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(b, pos + len, out, pos, n - len - pos);
                return out;
            }
            case 5 -> {
                // ascii-minded: replace a digit by a digit, a sign, a letter or a huge number
                String[] repl = {"9", "0", "-", "x", "99999999999", "-1", "2147483647", "1e308", "nan", " "};
                String r = repl[rnd.nextInt(repl.length)];
                int pos = rnd.nextInt(n);
                how[0] = "replaced byte " + pos + " by '" + r + "'";
                byte[] rb = r.getBytes(StandardCharsets.US_ASCII);
                byte[] out = new byte[n - 1 + rb.length];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(rb, 0, out, pos, rb.length);
                System.arraycopy(b, pos + 1, out, pos + rb.length, n - pos - 1);
                return out;
            }
            default -> {
                int bit = rnd.nextInt(n * 8);
                how[0] = "flipped bit " + bit;
                b[bit / 8] ^= (byte) (1 << (bit % 8));
                return b;
            }
        }
    }

    /** Walks what loaded and converts the smaller tensors, so a bad view would surface here. */
    private static void exercise(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> todo = new ArrayList<>();
        todo.add(root);
        while (!todo.isEmpty()) {
            Object o = todo.remove(todo.size() - 1);
            if (o == null || !seen.add(o)) {
                continue;
            }
            if (o instanceof T7Table t) {
                for (Map.Entry<Object, Object> e : t.asMap().entrySet()) {
                    todo.add(e.getKey());
                    todo.add(e.getValue());
                }
            } else if (o instanceof T7Object obj) {
                todo.add(obj.payload());
            } else if (o instanceof T7Function f) {
                todo.add(f.upvalues());
            } else if (o instanceof T7Tensor x && x.numel() <= 1_000_000) {
                x.toDoubleArray();
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void deepNestingIsRejectedWithoutStackOverflow() {
        StringBuilder sb = new StringBuilder();
        int depth = 200_000;
        for (int i = 1; i <= depth; i++) {
            sb.append("3\n").append(i).append("\n1\n1\n1\n");
        }
        T7FormatException e = assertThrows(T7FormatException.class, () -> new T7Reader().read(ascii(sb.toString())));
        assertTrue(e.getMessage().contains("nesting deeper than " + T7Options.DEFAULT_MAX_DEPTH), e.getMessage());
        // within the bound it loads
        StringBuilder ok = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            ok.append("3\n").append(i).append("\n1\n1\n1\n");
        }
        ok.append("0\n");
        assertThrows(T7FormatException.class, () -> new T7Reader(T7Options.defaults().withMaxDepth(50))
                .read(ascii(ok.toString())));
    }

    @Test
    void hugeDeclaredSizesAreRejectedBeforeAllocation() {
        // a DoubleStorage claiming 2^40 elements in a tiny binary file
        ByteBuffer bb = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        bb.putInt(4).putInt(1).putInt(3).put(ascii("V 1")).putInt(19).put(ascii("torch.DoubleStorage")).putLong(1L << 40);
        byte[] bytes = Arrays.copyOf(bb.array(), bb.position());
        T7FormatException e = assertThrows(T7FormatException.class, () -> new T7Reader().read(bytes));
        assertEquals(4 + 4 + 4 + 3 + 4 + 19, e.offset(), e.getMessage());
        assertTrue(e.getMessage().contains("cannot fit"), e.getMessage());

        assertThrows(T7FormatException.class, () -> new T7Reader().read(ascii("2\n2000000000\nabc\n")));
        assertThrows(T7FormatException.class, () -> new T7Reader().read(ascii("3\n1\n2000000000\n")));
        assertThrows(T7FormatException.class, () -> new T7Reader().read(ascii("2\n-1\n")));
        assertThrows(T7FormatException.class, () -> new T7Reader().read(ascii(
                "4\n1\n3\nV 1\n18\ntorch.DoubleTensor\n1\n-5\n1\n1\n0\n")));
    }

    @Test
    void malformedRecordsAreNamed() {
        assertMessage("unknown type tag 9", "9\n");
        assertMessage("boolean must be 0 or 1", "5\n2\n");
        assertMessage("unknown reference id 7", "3\n7\n0\n");
        assertMessage("bad ascii token 'x1'", "1\nx1\n");
        assertMessage("table index is nil", "3\n1\n1\n0\n1\n1\n");
        assertMessage("table index is NaN", "3\n1\n1\n1\nnan\n1\n1\n");
        assertMessage("truncated: expected a double", "3\n1\n2\n1\n");
        assertMessage("reaches outside its storage",
                "4\n1\n3\nV 1\n18\ntorch.DoubleTensor\n1\n3\n1\n1\n4\n2\n3\nV 1\n19\ntorch.DoubleStorage\n2\n1 2\n");
        assertMessage("cannot view a torch.FloatStorage",
                "4\n1\n3\nV 1\n18\ntorch.DoubleTensor\n1\n1\n1\n1\n4\n2\n3\nV 1\n18\ntorch.FloatStorage\n1\n1\n");
        assertMessage("needs a storage", "4\n1\n3\nV 1\n18\ntorch.DoubleTensor\n1\n1\n1\n1\n3\n2\n0\n");
        assertMessage("storage offset must be at least 1", "4\n1\n3\nV 1\n18\ntorch.DoubleTensor\n0\n0\n0\n");
    }

    private static void assertMessage(String fragment, String file) {
        T7FormatException e = assertThrows(T7FormatException.class, () -> new T7Reader().read(ascii(file)));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void backReferenceToTheTensorBeingReadIsRejected() {
        // the tensor's storage slot refers back to the tensor itself (id 1)
        assertMessage("needs a storage", "4\n1\n3\nV 1\n18\ntorch.DoubleTensor\n1\n1\n1\n1\n4\n1\n");
    }

    @Test
    void cudaClassesReadAsCpu() throws IOException {
        String f = "4\n1\n3\nV 1\n16\ntorch.CudaTensor\n1\n2\n1\n1\n4\n2\n3\nV 1\n17\ntorch.CudaStorage\n2\n1.5 2\n";
        T7Tensor t = (T7Tensor) new T7Reader().read(ascii(f));
        assertEquals(T7ElementType.FLOAT, t.elementType());
        assertEquals(1.5, t.getDouble(0));
        String g = "4\n1\n3\nV 1\n20\ntorch.CudaLongTensor\n1\n1\n1\n1\n4\n2\n3\nV 1\n21\ntorch.CudaLongStorage\n1\n7\n";
        assertEquals(T7ElementType.LONG, ((T7Tensor) new T7Reader().read(ascii(g))).elementType());
    }

    @Test
    void oldFilesWithoutVersionString() throws IOException {
        // the first string is the class name itself: version 0
        T7Object o = (T7Object) new T7Reader().read(ascii("4\n1\n9\nnn.Linear\n3\n2\n1\n2\n5\ntrain\n5\n1\n"));
        assertEquals("nn.Linear", o.className());
        assertEquals(0, o.version());
        assertTrue(o.getBoolean("train"));
        T7Tensor t = (T7Tensor) new T7Reader().read(ascii(
                "4\n1\n18\ntorch.DoubleTensor\n1\n1\n1\n1\n4\n2\n19\ntorch.DoubleStorage\n1\n5\n"));
        assertEquals(5.0, t.getDouble(0));
    }
}
