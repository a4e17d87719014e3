package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * Reads {@code reference/elementwise.txt}, written by {@code reference/gen_reference.py}
 * (PyTorch autograd, float64), and compares modules against it; {@link #records} and
 * {@link #tensor} read the other files of that line format ({@code instance_norm.txt}).
 */
final class ReferenceCases {

    /** One generated case. */
    record Case(String name, String module, Tensor input, Tensor gradOutput, Tensor output, Tensor gradInput) {
    }

    private static final Map<String, Case> CASES = load("/reference/elementwise.txt");

    private ReferenceCases() {
    }

    static Case get(String name) {
        Case c = CASES.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no reference case " + name + " in " + CASES.keySet());
        }
        return c;
    }

    /**
     * Runs forward and backward of a fresh module on the case and compares output and gradInput
     * with relative tolerance 1e-12 (plus 1e-14 absolute).
     *
     * @param name the case
     * @param expectedConstructor the constructor text the script recorded, to catch a mix-up
     * @param factory makes the module
     */
    static void assertMatches(String name, String expectedConstructor, Supplier<Module<Tensor, Tensor>> factory) {
        Case c = get(name);
        assertEquals(expectedConstructor, c.module(), "case " + name + " was generated for another module");
        Module<Tensor, Tensor> m = factory.get();
        Tensor x = c.input().clone();
        Tensor y = m.forward(x).clone();
        assertClose(c.output(), y, name + " output");
        Tensor gi = m.backward(x, c.gradOutput().clone()).clone();
        assertClose(c.gradInput(), gi, name + " gradInput");
        assertTrue(x.maxAbsDiff(c.input()) < 1e-12, name + ": the input must be as before after backward");
    }

    static void assertClose(Tensor expected, Tensor actual, String what) {
        assertTrue(expected.sameSizeAs(actual), what + ": size " + actual.shapeString() + ", expected "
                + expected.shapeString());
        double[] e = expected.data();
        double[] a = actual.data();
        for (int i = 0; i < expected.numel(); i++) {
            double tol = 1e-12 * Math.abs(e[i]) + 1e-14;
            assertTrue(Math.abs(e[i] - a[i]) <= tol, what + " [" + i + "]: " + a[i] + ", expected " + e[i]);
        }
    }

    private static Map<String, Case> load(String resource) {
        Map<String, Case> cases = new LinkedHashMap<>();
        for (Map<String, String> rec : records(resource)) {
            int[] size = ints(rec.get("size"));
            cases.put(rec.get("case"), new Case(rec.get("case"), rec.get("module"),
                    tensor(rec.get("input"), size), tensor(rec.get("gradOutput"), size),
                    tensor(rec.get("output"), size), tensor(rec.get("gradInput"), size)));
        }
        return cases;
    }

    /**
     * The records of a generated file of this line format: {@code key value} lines up to
     * {@code end}; blank lines and {@code #} comments are skipped.
     *
     * @param resource the test resource, e.g. {@code /reference/elementwise.txt}
     * @return each record's lines by key, in file order
     */
    static List<Map<String, String>> records(String resource) {
        List<Map<String, String>> records = new ArrayList<>();
        try (InputStream in = ReferenceCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> rec = new LinkedHashMap<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.equals("end")) {
                    records.add(rec);
                    rec = new LinkedHashMap<>();
                    continue;
                }
                int sp = line.indexOf(' ');
                rec.put(line.substring(0, sp), line.substring(sp + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    static int[] ints(String s) {
        String[] parts = s.trim().split(" ");
        int[] v = new int[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Integer.parseInt(parts[i]);
        }
        return v;
    }

    static Tensor tensor(String s, int[] size) {
        String[] parts = s.trim().split(" ");
        List<Double> v = new ArrayList<>();
        for (String p : parts) {
            v.add(Double.parseDouble(p));
        }
        double[] a = new double[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return Tensor.fromArray(a, size);
    }
}
