package io.github.nn4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.nn4j.Data;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;

/**
 * The second wave of real-Torch golden cases ({@code shared/fixtures/torch-golden-2}, read in
 * place; a test skips when the folder is absent): the manifest's cases and the comparison its
 * README prescribes, relative 1e-12 plus 1e-14 absolute, and 1e-10 for the normalisation modules
 * whose chains of sums are longer.
 *
 * <p>The system property {@code nn4j.golden2} (a regular expression on case names) restricts the
 * cases, for work on one family: {@code mvn test -Dtest=TorchGolden2BridgeTest -Dnn4j.golden2='conv.*'}.
 */
public final class TorchGolden2 {

    /** Relative tolerance of single modules and criteria. */
    public static final double REL = 1e-12;
    /** Relative tolerance of SpatialContrastive/Divisive/SubtractiveNormalization and LRN. */
    public static final double REL_NORMALISATION = 1e-10;
    /** Absolute tolerance added to the relative one. */
    public static final double ABS = 1e-14;

    private static final Set<String> NORMALISATION = Set.of("nn.SpatialContrastiveNormalization",
            "nn.SpatialDivisiveNormalization", "nn.SpatialSubtractiveNormalization", "nn.SpatialCrossMapLRN");

    /**
     * One case of the manifest.
     *
     * @param name the case name (its folder)
     * @param kind {@code module}, {@code forward} or {@code criterion}
     * @param torch the Lua expression that built it
     * @param then the statement run on it afterwards ({@code ""} if none)
     * @param seed the seed set before the constructor ran
     * @param extra the extra fields of {@code expected.t7} (e.g. {@code runningMean})
     * @param dir the case folder
     */
    public record Case(String name, String kind, String torch, String then, long seed, List<String> extra,
            Path dir) {

        /**
         * A file of the case.
         *
         * @param f the file name
         * @return its path
         */
        public Path file(String f) {
            return dir.resolve(f);
        }

        /**
         * Whether the case has a file.
         *
         * @param f the file name
         * @return true if present
         */
        public boolean has(String f) {
            return Files.exists(dir.resolve(f));
        }

        /**
         * The relative tolerance for this case.
         *
         * @return 1e-10 for the normalisation modules, else 1e-12
         */
        public double rel() {
            for (String n : NORMALISATION) {
                if (torch.contains(n + "(")) {
                    return REL_NORMALISATION;
                }
            }
            return REL;
        }

        /**
         * The file's content converted by the bridge (modules, criteria, tensors, tables).
         *
         * @param f the file name
         * @return the converted value
         */
        public Object load(String f) {
            try {
                return T7Bridge.load(file(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * {@code expected.t7} as a map.
         *
         * @return its fields
         */
        @SuppressWarnings("unchecked")
        public Map<Object, Object> expected() {
            return (Map<Object, Object>) load("expected.t7");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private TorchGolden2() {
    }

    /**
     * The folder, skipping the caller when absent.
     *
     * @return {@code shared/fixtures/torch-golden-2}
     */
    public static Path root() {
        return SharedFixtures.requireDir("fixtures/torch-golden-2");
    }

    /**
     * The cases of the given kinds, in manifest order, restricted by {@code nn4j.golden2}.
     *
     * @param kinds {@code module}, {@code forward}, {@code criterion}
     * @return the cases; when the shared folder is absent the caller (a parameterized test's
     *     source) is skipped through a JUnit assumption
     */
    public static List<Case> cases(String... kinds) {
        return casesIn(root(), kinds);
    }

    /**
     * The cases of the given kinds of another set of the same layout (e.g. {@code torch-golden-3}),
     * in manifest order, restricted by {@code nn4j.golden2}.
     *
     * @param root the set's folder (from {@link SharedFixtures#requireDir})
     * @param kinds {@code module}, {@code forward}, {@code criterion}
     * @return the cases
     */
    @SuppressWarnings("unchecked")
    public static List<Case> casesIn(Path root, String... kinds) {
        List<Case> out = new ArrayList<>();
        String filter = System.getProperty("nn4j.golden2", "");
        Pattern p = filter.isEmpty() ? null : Pattern.compile(filter);
        Map<String, Object> manifest;
        try {
            manifest = (Map<String, Object>) MiniJson.parse(Files.readString(root.resolve("manifest.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Object o : (List<Object>) manifest.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            String kind = (String) c.get("kind");
            String name = (String) c.get("name");
            if (!List.of(kinds).contains(kind) || (p != null && !p.matcher(name).matches())) {
                continue;
            }
            List<String> extra = new ArrayList<>();
            if (c.get("expected_extra") instanceof List<?> l) {
                for (Object e : l) {
                    extra.add((String) e);
                }
            }
            Object then = c.get("then");
            out.add(new Case(name, kind, (String) c.get("torch"), then == null ? "" : (String) then,
                    ((Double) c.get("seed")).longValue(), extra, root.resolve(name)));
        }
        return out;
    }

    /**
     * One case by name, skipping the caller when the shared folder is absent.
     *
     * @param name the case name
     * @return the case
     */
    public static Case get(String name) {
        root();
        String old = System.getProperty("nn4j.golden2");
        System.clearProperty("nn4j.golden2");
        try {
            for (Case c : cases("module", "forward", "criterion")) {
                if (c.name().equals(name)) {
                    return c;
                }
            }
        } finally {
            if (old != null) {
                System.setProperty("nn4j.golden2", old);
            }
        }
        throw new IllegalArgumentException("no torch-golden-2 case " + name);
    }

    /**
     * {@code expected} and {@code actual} agree (tensors or nested tables) to
     * {@code rel·|expected| + 1e-14}.
     *
     * @param expected Torch's value
     * @param actual nn4j's value
     * @param rel the relative tolerance
     * @param what names the value in a failure
     */
    public static void assertClose(Data expected, Data actual, double rel, String what) {
        assertClose(expected, actual, rel, ABS, what);
    }

    /**
     * {@code expected} and {@code actual} agree (tensors or nested tables) to
     * {@code rel·|expected| + abs}.
     *
     * @param expected Torch's value
     * @param actual nn4j's value
     * @param rel the relative tolerance
     * @param abs the absolute tolerance added
     * @param what names the value in a failure
     */
    public static void assertClose(Data expected, Data actual, double rel, double abs, String what) {
        if (expected instanceof Tensor e) {
            Tensor a = assertInstanceOf(Tensor.class, actual, what + ": a tensor");
            assertTrue(e.sameSizeAs(a), () -> what + ": size " + a.shapeString() + ", Torch " + e.shapeString());
            double[] ed = e.data();
            double[] ad = a.data();
            for (int i = 0; i < e.numel(); i++) {
                double tol = rel * Math.abs(ed[i]) + abs;
                if (!(Math.abs(ed[i] - ad[i]) <= tol)) {
                    assertEquals(ed[i], ad[i], tol, what + ": element " + i + " of " + e.shapeString());
                }
            }
            return;
        }
        Table e = (Table) expected;
        Table a = assertInstanceOf(Table.class, actual, what + ": a table");
        assertEquals(e.size(), a.size(), what + ": table size");
        for (int i = 0; i < e.size(); i++) {
            assertClose(e.get(i), a.get(i), rel, abs, what + "[" + (i + 1) + "]");
        }
    }

    /**
     * A number agrees to {@code rel·|expected| + 1e-14}.
     *
     * @param expected Torch's value
     * @param actual nn4j's value
     * @param rel the relative tolerance
     * @param what names the value in a failure
     */
    public static void assertClose(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.abs(expected) + ABS, what);
    }

    /**
     * An {@code expected.t7} entry holding a list of tensors: an empty Lua table converts to an
     * empty map, a list of tensors to a {@link Table}.
     *
     * @param o the converted entry
     * @return the table
     */
    public static Table table(Object o) {
        if (o instanceof Table t) {
            return t;
        }
        if (o instanceof Map<?, ?> m && m.isEmpty()) {
            return new Table();
        }
        fail("expected a table of tensors, got " + o);
        return null;
    }
}
