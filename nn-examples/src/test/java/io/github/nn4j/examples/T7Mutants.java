package io.github.nn4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7FormatException;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Reader;

/**
 * A bounded mutation harness for {@code .t7} loading ({@link T7Reader#read(byte[])}, then
 * {@link T7Bridge#toJava}, which is what {@link T7Bridge#loadModule} does): mutants of real
 * Torch files (bit flips, interesting integers, truncation, splicing, insertion, deletion and
 * chunk duplication), each timed, with the outcomes counted. The only acceptable outcomes are
 * loaded, {@link T7FormatException} and {@link T7ModuleException}.
 *
 * <p>Long run (the numbers in the note):
 * {@code mvn -B -ntp -q -pl nn-examples -am test-compile} then
 * {@code java -Xmx512m -cp "$(cat nn-examples/target/test-classpath.txt)" io.github.nn4j.examples.T7Mutants 1000000 /path/to/shared/fixtures}
 * (see {@code T7FuzzTest} for the class path written by the build).
 */
public final class T7Mutants {

    /** Files larger than this are not seeds: mutants of them would be slow without adding coverage. */
    static final long MAX_SEED_BYTES = 256 * 1024;

    private static final long[] INTERESTING = {0, 1, -1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
        Integer.MAX_VALUE, Integer.MIN_VALUE, (1L << 31) - 9, 1L << 32, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40,
        20000, 1000};

    /** Outcome counts and timing. */
    static final class Counts {
        long loaded;
        long format;
        long module;
        long other;
        long executions;
        long maxNanos;
        long slow;
        final List<String> others = new ArrayList<>();

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "executions %d: loaded %d, T7FormatException %d, T7ModuleException %d,"
                    + " other %d; slowest %.1f ms, over 2 s: %d", executions, loaded, format, module, other,
                    maxNanos / 1e6, slow);
        }
    }

    private T7Mutants() {
    }

    /** The seed files under the fixture directories that exist. */
    static List<byte[]> seeds(Path fixtures) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String d : List.of("torch-golden", "torch-golden-2", "torch-golden-3", "t7-wild")) {
            Path dir = fixtures.resolve(d);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    String n = p.getFileName().toString();
                    if ((n.endsWith(".t7") || n.endsWith(".txt") || n.endsWith(".net")) && Files.size(p) <= MAX_SEED_BYTES) {
                        out.add(Files.readAllBytes(p));
                    }
                }
            }
        }
        return out;
    }

    /** One mutant of a seed (sometimes spliced with another). */
    static byte[] mutate(byte[] a, byte[] other, Random r) {
        byte[] b = a.clone();
        int rounds = 1 + r.nextInt(3);
        for (int k = 0; k < rounds && b.length > 0; k++) {
            switch (r.nextInt(8)) {
                case 0, 1 -> {
                    int bits = 1 + r.nextInt(4);
                    for (int i = 0; i < bits; i++) {
                        int at = r.nextInt(b.length);
                        b[at] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 2, 3 -> {
                    long v = INTERESTING[r.nextInt(INTERESTING.length)];
                    int width = r.nextBoolean() ? 4 : r.nextBoolean() ? 8 : 1;
                    int at = r.nextInt(b.length);
                    for (int i = 0; i < width && at + i < b.length; i++) {
                        b[at + i] = (byte) (v >>> (8 * i));
                    }
                }
                case 4 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
                case 5 -> {
                    int cut = r.nextInt(b.length + 1);
                    int from = other.length == 0 ? 0 : r.nextInt(other.length);
                    byte[] s = new byte[cut + other.length - from];
                    System.arraycopy(b, 0, s, 0, cut);
                    System.arraycopy(other, from, s, cut, other.length - from);
                    b = s;
                }
                case 6 -> {
                    int at = r.nextInt(b.length);
                    int len = Math.min(1 + r.nextInt(16), b.length - at);
                    byte[] s = new byte[b.length - len];
                    System.arraycopy(b, 0, s, 0, at);
                    System.arraycopy(b, at + len, s, at, b.length - at - len);
                    b = s;
                }
                default -> {
                    int at = r.nextInt(b.length);
                    int len = Math.min(1 + r.nextInt(64), b.length - at);
                    int to = r.nextInt(b.length + 1);
                    byte[] s = new byte[b.length + len];
                    System.arraycopy(b, 0, s, 0, to);
                    System.arraycopy(b, at, s, to, len);
                    System.arraycopy(b, to, s, to + len, b.length - to);
                    b = s;
                }
            }
        }
        return b;
    }

    /** Loads one input as {@code loadModule} would, counting the outcome. */
    static void run(byte[] input, Counts c, String what) {
        long t0 = System.nanoTime();
        try {
            T7Bridge.toJava(new T7Reader().read(input));
            c.loaded++;
        } catch (T7FormatException e) {
            c.format++;
        } catch (T7ModuleException e) {
            c.module++;
        } catch (Throwable e) {
            c.other++;
            if (c.others.size() < 20) {
                c.others.add(what + ": " + e);
            }
        }
        long dt = System.nanoTime() - t0;
        c.executions++;
        c.maxNanos = Math.max(c.maxNanos, dt);
        if (dt > 2_000_000_000L) {
            c.slow++;
        }
    }

    /**
     * Runs mutants until a count or a deadline.
     *
     * @param seeds the seeds
     * @param seed the random seed
     * @param maxMutants the number of mutants
     * @param deadlineNanos a {@link System#nanoTime()} to stop at
     * @return the counts
     */
    static Counts campaign(List<byte[]> seeds, long seed, long maxMutants, long deadlineNanos) {
        Counts c = new Counts();
        for (byte[] s : seeds) {
            run(s, c, "seed");
        }
        for (long i = 0; i < maxMutants && System.nanoTime() < deadlineNanos; i++) {
            run(mutant(seeds, seed, i), c, "mutant " + i + " of random seed " + seed);
        }
        return c;
    }

    /** Mutant number {@code i} of a campaign, reproducible alone. */
    static byte[] mutant(List<byte[]> seeds, long seed, long i) {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L + i);
        byte[] a = seeds.get(r.nextInt(seeds.size()));
        return mutate(a, seeds.get(r.nextInt(seeds.size())), r);
    }

    /**
     * The long run.
     *
     * @param args the number of mutants, the fixtures directory, optionally the random seed, and
     *        optionally a mutant number and a file to write that mutant to (instead of running)
     */
    public static void main(String[] args) {
        long n = Long.parseLong(args[0]);
        Path fixtures = Path.of(args[1]);
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 16;
        if (args.length > 3) { // write mutant args[3] to the file args[4], to study it
            try {
                Files.write(Path.of(args[4]), mutant(seeds(fixtures), seed, Long.parseLong(args[3])));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        List<byte[]> seeds;
        try {
            seeds = seeds(fixtures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        Counts c = campaign(seeds, seed, n, Long.MAX_VALUE);
        double s = (System.nanoTime() - t0) / 1e9;
        out.println(seeds.size() + " seeds; " + c + String.format(Locale.ROOT, "; %.1f s, %.0f executions/s", s,
                c.executions / s));
        c.others.forEach(out::println);
    }
}
