package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.nn4j.Data;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.SharedFixtures;

/**
 * The real-Torch golden cases ({@code fixtures/torch-golden}, read in place; tests skip when the
 * folder is absent) and the comparison they are held to: relative 1e-12 plus 1e-14 absolute.
 */
final class Golden {

    static final double REL = 1e-12;
    static final double ABS = 1e-14;

    /** One case of manifest.json. */
    record Case(String name, String kind, Path dir) {
        Path file(String f) {
            return dir.resolve(f);
        }

        boolean has(String f) {
            return Files.exists(dir.resolve(f));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Golden() {
    }

    static Path root() {
        return SharedFixtures.requireDir("fixtures/torch-golden");
    }

    /** The cases of one kind, in manifest order (module, criterion or trained). */
    static List<Case> cases(String kind) throws IOException {
        Path root = root();
        String manifest = Files.readString(root.resolve("manifest.json"));
        Matcher m = Pattern.compile("\"name\":\\s*\"([^\"]+)\",\\s*\"kind\":\\s*\"([^\"]+)\"").matcher(manifest);
        List<Case> out = new ArrayList<>();
        while (m.find()) {
            if (m.group(2).equals(kind)) {
                out.add(new Case(m.group(1), m.group(2), root.resolve(m.group(1))));
            }
        }
        assertTrue(!out.isEmpty(), "no " + kind + " case in manifest.json");
        return out;
    }

    /** {@code a} and {@code b} agree (tensors or nested tables) to relative 1e-12 + 1e-14. */
    static void assertClose(Data expected, Data actual, String what) {
        if (expected instanceof Tensor e) {
            Tensor a = assertInstanceOf(Tensor.class, actual, what + ": a tensor");
            assertTrue(e.sameSizeAs(a), () -> what + ": size " + a.shapeString() + ", Torch " + e.shapeString());
            double[] ed = e.data();
            double[] ad = a.data();
            for (int i = 0; i < e.numel(); i++) {
                double tol = REL * Math.abs(ed[i]) + ABS;
                if (!(Math.abs(ed[i] - ad[i]) <= tol)) {
                    assertEquals(ed[i], ad[i], tol, what + ": element " + i);
                }
            }
            return;
        }
        Table e = (Table) expected;
        Table a = assertInstanceOf(Table.class, actual, what + ": a table");
        assertEquals(e.size(), a.size(), what + ": table size");
        for (int i = 0; i < e.size(); i++) {
            assertClose(e.get(i), a.get(i), what + "[" + (i + 1) + "]");
        }
    }

    static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, REL * Math.abs(expected) + ABS, what);
    }

    /** A {@code gradParams} entry: an empty Lua table converts to an empty map. */
    static Table table(Object o) {
        if (o instanceof Table t) {
            return t;
        }
        assertTrue(o instanceof Map<?, ?> m && m.isEmpty(), "expected a table of tensors, got " + o);
        return new Table();
    }

    /** The expected.t7 fields, converted by the bridge. */
    @SuppressWarnings("unchecked")
    static Map<Object, Object> expected(Case c) throws IOException {
        return (Map<Object, Object>) io.github.nn4j.torch7.T7Bridge.load(c.file("expected.t7"));
    }
}
