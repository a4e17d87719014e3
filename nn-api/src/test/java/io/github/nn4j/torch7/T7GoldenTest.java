package io.github.nn4j.torch7;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import io.github.nn4j.testing.MiniJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.SharedFixtures;

/**
 * The golden files written by Lua Torch7 (shared/fixtures/torch-golden, see its README and
 * manifest.json): every file loads, binary and ascii models agree, shapes match the manifest, and
 * Linear weights drawn by {@link TorchRandom} after the case's seed equal Torch's.
 */
class T7GoldenTest {

    private static Path root() {
        return SharedFixtures.requireDir("fixtures/torch-golden");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases() throws IOException {
        Map<String, Object> m = (Map<String, Object>) MiniJson.parse(Files.readString(root().resolve("manifest.json")));
        return (List<Map<String, Object>>) m.get("cases");
    }

    @Test
    void everyGoldenFileLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root(), 2)) {
            files = s.filter(p -> p.toString().endsWith(".t7")).sorted().toList();
        }
        assertTrue(files.size() >= 200, "expected the whole golden set, found " + files.size());
        for (Path f : files) {
            Object o = Torch7.load(f);
            assertTrue(o instanceof T7Tensor || o instanceof T7Table || o instanceof T7Object || o instanceof Double,
                    f + " loaded as " + o);
        }
    }

    @Test
    void asciiAndBinaryModelsAreIdentical() throws IOException {
        int pairs = 0;
        for (Map<String, Object> c : cases()) {
            Path dir = root().resolve((String) c.get("name"));
            if (Files.exists(dir.resolve("model_ascii.t7"))) {
                Object bin = Torch7.load(dir.resolve("model.t7"));
                Object asc = Torch7.load(dir.resolve("model_ascii.t7"));
                assertEquals(T7Encoding.ASCII, T7Reader.detect(Files.readAllBytes(dir.resolve("model_ascii.t7"))));
                T7Deep.assertSameGraph(bin, asc);
                pairs++;
            }
        }
        assertTrue(pairs >= 5, "expected several ascii models, found " + pairs);
    }

    @Test
    void shapesMatchTheManifest() throws IOException {
        for (Map<String, Object> c : cases()) {
            String name = (String) c.get("name");
            Path dir = root().resolve(name);
            String kind = (String) c.get("kind");
            String expr = (String) c.get("torch");
            String cls = expr.substring(0, expr.indexOf('('));
            assertShape(c.get("input"), Torch7.load(dir.resolve("input.t7")), name + " input");
            if (kind.equals("module")) {
                T7Object m = (T7Object) Torch7.load(dir.resolve("model.t7"));
                assertEquals(cls, m.className(), name);
                List<T7Tensor> params = parameters(m);
                List<?> expectedParams = (List<?>) c.get("params");
                assertEquals(expectedParams.size(), params.size(), name + " parameter count");
                for (int i = 0; i < params.size(); i++) {
                    assertShape(expectedParams.get(i), params.get(i), name + " param " + i);
                }
                T7Table expected = (T7Table) Torch7.load(dir.resolve("expected.t7"));
                assertShape(c.get("output"), expected.get("output"), name + " output");
                assertShape(c.get("input"), expected.get("gradInput"), name + " gradInput");
                assertEquals(params.size(), expected.getTable("gradParams").size(), name + " gradParams");
            } else if (kind.equals("criterion")) {
                T7Object crit = (T7Object) Torch7.load(dir.resolve("criterion.t7"));
                assertEquals(cls, crit.className(), name);
                T7Table expected = (T7Table) Torch7.load(dir.resolve("expected.t7"));
                expected.getNumber("loss");
                assertShape(c.get("input"), expected.get("gradInput"), name + " gradInput");
            } else {
                T7Table expected = (T7Table) Torch7.load(dir.resolve("expected.t7"));
                assertShape(c.get("output"), expected.get("output"), name + " output");
                assertEquals((Double) c.get("final_loss"), expected.getNumber("loss"), 0.0);
                assertEquals((Double) c.get("final_accuracy"), expected.getNumber("accuracy"), 0.0);
                assertArrayEquals(new long[] {200}, expected.getTensor("lossHistory").sizes());
                T7Tensor target = (T7Tensor) Torch7.load(dir.resolve("target.t7"));
                assertShape(c.get("target"), target, name + " target");
            }
        }
    }

    @Test
    void spiralTrainedModelHasItsLayers() throws IOException {
        T7Object seq = (T7Object) Torch7.load(root().resolve("spiral_mlp/model.t7"));
        List<Object> mods = seq.getTable("modules").list();
        assertEquals(List.of("nn.Linear", "nn.ReLU", "nn.Linear"),
                mods.stream().map(m -> ((T7Object) m).className()).toList());
        Tensor w1 = ((T7Object) mods.get(0)).getTensor("weight").toTensor();
        assertTrue(w1.hasSize(100, 2));
        assertEquals("torch.DoubleTensor", seq.getString("_type"));
    }

    /**
     * Linear.reset draws the weight, then the bias, from U(-1/sqrt(in), 1/sqrt(in)) after
     * {@code torch.manualSeed(seed)}; the constructors run in the order they appear in the
     * manifest's Lua expression. The golden weights must be reproduced bit for bit.
     */
    @Test
    void sameSeedSameLinearWeights() throws IOException {
        Pattern linear = Pattern.compile("nn\\.Linear\\((\\d+), (\\d+)(, false)?\\)");
        int checked = 0;
        for (Map<String, Object> c : cases()) {
            String expr = (String) c.get("torch");
            Matcher mt = linear.matcher(expr);
            List<Tensor> drawn = new ArrayList<>();
            TorchRandom.manualSeed(((Double) c.get("seed")).longValue());
            if (c.get("kind").equals("trained")) {
                // the spiral data (one randn per point, see spiralDataFromTheSeed) is drawn first
                for (int i = 0; i < 300; i++) {
                    TorchRandom.global().normal(0, 1);
                }
            }
            boolean any = false;
            while (mt.find()) {
                any = true;
                int in = Integer.parseInt(mt.group(1));
                int out = Integer.parseInt(mt.group(2));
                double stdv = 1.0 / Math.sqrt(in);
                drawn.add(Tensor.uniform(-stdv, stdv, out, in));
                if (mt.group(3) == null) {
                    drawn.add(Tensor.uniform(-stdv, stdv, out));
                }
            }
            if (!any) {
                continue;
            }
            String name = (String) c.get("name");
            String file = c.get("kind").equals("trained") ? "model_init.t7" : "model.t7";
            List<T7Tensor> params = parameters((T7Object) Torch7.load(root().resolve(name).resolve(file)));
            assertEquals(drawn.size(), params.size(), name);
            for (int i = 0; i < drawn.size(); i++) {
                assertArrayEquals(params.get(i).toDoubleArray(), drawn.get(i).toArray(), 0.0,
                        name + " parameter " + i + " differs from TorchRandom's draw");
            }
            checked++;
        }
        assertTrue(checked >= 8, "expected the Linear cases, checked " + checked);
    }

    /**
     * The manifest's spiral recipe replayed with {@link TorchRandom#normal}: after the case's seed,
     * for class c = 1..3 and point i = 1..100, {@code r = (i-1)/99},
     * {@code t = 4(c-1) + 4(i-1)/99 + 0.2·randn}, {@code x = (r·sin t, r·cos t)}. This checks
     * Torch's Box–Muller (two uniforms per pair of normals, cosine first).
     */
    @Test
    void spiralDataFromTheSeed() throws IOException {
        Tensor x = Torch7.loadTensor(root().resolve("spiral_mlp/input.t7"));
        Tensor target = Torch7.loadTensor(root().resolve("spiral_mlp/target.t7"));
        TorchRandom rng = new TorchRandom(2024054);
        int row = 0;
        for (int c = 1; c <= 3; c++) {
            for (int i = 1; i <= 100; i++) {
                double r = (i - 1) / 99.0;
                double t = 4 * (c - 1) + 4 * (i - 1) / 99.0 + 0.2 * rng.normal(0, 1);
                assertEquals(r * Math.sin(t), x.get(row, 0), 1e-15, "row " + row);
                assertEquals(r * Math.cos(t), x.get(row, 1), 1e-15, "row " + row);
                assertEquals(c, target.get(row), 0.0);
                row++;
            }
        }
    }

    /** {@code m:parameters()} order: children depth-first, then weight before bias. */
    static List<T7Tensor> parameters(T7Object m) {
        List<T7Tensor> out = new ArrayList<>();
        T7Table mods = m.optTable("modules");
        if (mods != null) {
            for (Object child : mods.list()) {
                out.addAll(parameters((T7Object) child));
            }
            return out;
        }
        T7Tensor w = m.optTensor("weight");
        if (w != null) {
            out.add(w);
        }
        T7Tensor b = m.optTensor("bias");
        if (b != null) {
            out.add(b);
        }
        return out;
    }

    /** A manifest shape: a size list, {@code {"table": [...]}}, or "number". */
    private static void assertShape(Object shape, Object value, String what) {
        if (shape instanceof List<?> l) {
            T7Tensor t = assertInstanceOf(T7Tensor.class, value, what);
            long[] expected = l.stream().mapToLong(d -> ((Double) d).longValue()).toArray();
            assertArrayEquals(expected, t.sizes(), what);
            assertEquals(T7ElementType.DOUBLE, t.elementType(), what);
        } else if (shape instanceof Map<?, ?> m) {
            List<?> items = (List<?>) m.get("table");
            T7Table t = assertInstanceOf(T7Table.class, value, what);
            assertEquals(items.size(), t.size(), what);
            for (int i = 0; i < items.size(); i++) {
                assertShape(items.get(i), t.getAt(i), what + "[" + i + "]");
            }
        } else {
            assertEquals("number", shape, what);
            assertInstanceOf(Double.class, value, what);
        }
    }
}
