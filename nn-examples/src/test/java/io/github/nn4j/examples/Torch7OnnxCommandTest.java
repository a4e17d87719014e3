package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.onnx.OnnxExport;
import io.github.nn4j.onnx.OnnxExportException;
import io.github.nn4j.testing.SharedFixtures;
import io.github.nn4j.torch7.T7Bridge;

/**
 * {@code nn4j torch7 onnx}, run in-process, and the export of real Torch models: the torch/demos
 * face detectors and road-net models, and every module case of the golden sets
 * ({@code ../shared/fixtures/torch-golden*}) whose modules all export, each run in ONNX Runtime and
 * compared with nn4j's forward: {@code |onnx − nn4j| ≤ tol·max(1, max|nn4j|)}, tol 1e-5 in float32,
 * 1e-10 in float64, relative to the output's largest magnitude (a model's output is compared as a
 * whole: fast-neural-style's output is 150·tanh, and float32 sums carry error of the output's
 * scale, not of each element's). A golden case holding a module without an ONNX form is skipped, its
 * {@link OnnxExportException} as the reason.
 */
class Torch7OnnxCommandTest {

    private static Path demos() {
        return SharedFixtures.requireDir("fixtures/t7-wild/torch-demos");
    }

    @Test
    void theFaceDetectorExportsAndOnnxRuntimeGivesTheOutputsOfTorch7Forward(@TempDir Path dir) throws Exception {
        Path model = demos().resolve("face-detector-new_face.net");
        Path input = demos().resolve("face_new_batch/input.t7");
        Path forward = dir.resolve("forward.t7");
        Torch7CommandTest.assertOk(Torch7CommandTest.cli("torch7", "forward", "--evaluate", model.toString(),
                input.toString(), forward.toString()));
        Tensor expected = (Tensor) T7Bridge.load(forward);
        Tensor torch = (Tensor) T7Bridge.load(demos().resolve("face_new_batch/expected.t7"));
        assertClose(torch.toArray(), expected.toArray(), 1e-10, "nn4j forward against Lua Torch");
        Tensor x = (Tensor) T7Bridge.load(input);
        for (boolean dbl : new boolean[] {false, true}) {
            Path onnx = dir.resolve(dbl ? "face64.onnx" : "face32.onnx");
            List<String> args = new ArrayList<>(List.of("torch7", "onnx", model.toString(), onnx.toString(),
                    "--input-shape", "5x1x32x32"));
            if (dbl) {
                args.add("--double");
            }
            Torch7CommandTest.Result r = Torch7CommandTest.cli(args.toArray(new String[0]));
            Torch7CommandTest.assertOk(r);
            assertEquals("", r.out());
            OnnxExport.Precision p = dbl ? OnnxExport.Precision.FLOAT64 : OnnxExport.Precision.FLOAT32;
            assertClose(expected.toArray(), run(onnx, List.of(x), false, p), dbl ? 1e-10 : 1e-5, "face detector " + p);
        }
    }

    @TestFactory
    Stream<DynamicTest> theOtherDemoModelsExport() {
        Map<String, int[]> models = new java.util.LinkedHashMap<>();
        models.put("face-detector-elab_model.net", new int[] {3, 1, 32, 32});
        models.put("road-net_u1net.net", new int[] {2, 3, 20, 24});
        models.put("road-net_unsup-cl-30.net", new int[] {4, 1728});
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, int[]> e : models.entrySet()) {
            for (OnnxExport.Precision p : OnnxExport.Precision.values()) {
                tests.add(DynamicTest.dynamicTest(e.getKey() + " " + p, () -> {
                    @SuppressWarnings("unchecked")
                    Module<Data, Data> m = (Module<Data, Data>) T7Bridge.load(demos().resolve(e.getKey()));
                    roundTrip(m, Tensor.uniform(-1, 1, e.getValue()), p);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyExportableGoldenModuleCaseRunsInOnnxRuntimeAsInNn4j() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        Path fixtures = SharedFixtures.requireDir("fixtures");
        List<Path> sets;
        try (Stream<Path> s = Files.list(fixtures)) {
            sets = s.filter(d -> d.getFileName().toString().startsWith("torch-golden")).sorted().toList();
        }
        assertFalse(sets.isEmpty(), "no torch-golden set under " + fixtures);
        for (Path set : sets) {
            List<Path> cases;
            try (Stream<Path> s = Files.list(set)) {
                cases = s.filter(d -> Files.exists(d.resolve("model.t7")) && Files.exists(d.resolve("input.t7")))
                        .sorted().toList();
            }
            for (Path c : cases) {
                for (OnnxExport.Precision p : OnnxExport.Precision.values()) {
                    tests.add(DynamicTest.dynamicTest(set.getFileName() + "/" + c.getFileName() + " " + p,
                            () -> goldenCase(c, p)));
                }
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void goldenCase(Path c, OnnxExport.Precision p) throws Exception {
        Object o;
        try {
            o = T7Bridge.load(c.resolve("model.t7"));
        } catch (IOException | RuntimeException e) {
            assumeTrue(false, "nn4j does not load this case (its own tests cover loading): " + e.getMessage());
            return;
        }
        assumeTrue(o instanceof Module<?, ?>, "not a module");
        Module<Data, Data> m = (Module<Data, Data>) o;
        Data in = T7Bridge.inputFromLua(m, (Data) T7Bridge.load(c.resolve("input.t7")));
        try {
            OnnxExport.toModel(m, in, p);
        } catch (OnnxExportException e) {
            assumeTrue(false, e.getMessage());
        }
        roundTrip(m, in, p);
    }

    /**
     * Exports {@code m} for inputs shaped as {@code example} (a tensor or a nested table), runs it in
     * ONNX Runtime on the example (rounded to float for float32), compares with nn4j's evaluate-mode
     * forward of the same values.
     */
    private static void roundTrip(Module<Data, Data> m, Data example, OnnxExport.Precision p) throws Exception {
        Path dir = Files.createTempDirectory("nn4j-onnx");
        Path file = dir.resolve("model.onnx");
        try {
            Data in = rounded(example, p);
            OnnxExport.write(m, in, file, p);
            List<Tensor> inputs = new ArrayList<>();
            leaves(in, inputs);
            m.evaluate();
            Data y = m.forward(in instanceof Table t ? t.deepCopy() : ((Tensor) in).clone()); // in-place modules
            assertClose(flat(y), run(file, inputs, in instanceof Table, p), p == OnnxExport.Precision.FLOAT64 ? 1e-10
                    : 1e-5, m.torchTypeName() + " " + p);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static Data rounded(Data d, OnnxExport.Precision p) {
        if (d instanceof Tensor x) {
            Tensor c = Tensor.zeros(x.sizes());
            double[] v = x.toArray();
            double[] out = c.data();
            for (int i = 0; i < v.length; i++) {
                out[i] = p == OnnxExport.Precision.FLOAT32 ? (float) v[i] : v[i];
            }
            return c;
        }
        Table t = new Table();
        for (Data e : (Table) d) {
            t.add(rounded(e, p));
        }
        return t;
    }

    private static void leaves(Data d, List<Tensor> into) {
        if (d instanceof Tensor t) {
            into.add(t);
        } else {
            for (Data e : (Table) d) {
                leaves(e, into);
            }
        }
    }

    @Test
    void aModuleWithoutOnnxFormIsOneErrorLineNamingItsPathAndNoFile(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.t7");
        T7Bridge.save(model, new io.github.nn4j.layers.Sequential<Tensor, Tensor>()
                .add(new io.github.nn4j.layers.Linear(3, 3)).add(new io.github.nn4j.layers.MaskedSelect()), false);
        Path out = dir.resolve("m.onnx");
        Torch7CommandTest.Result r = Torch7CommandTest.cli("torch7", "onnx", model.toString(), out.toString(),
                "--input-shape", "2x3");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("nn.MaskedSelect") && r.err().contains("modules[1]"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aMalformedShapeIsOneErrorLine(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("m.t7");
        T7Bridge.save(model, new io.github.nn4j.layers.Linear(3, 2), false);
        Torch7CommandTest.Result r = Torch7CommandTest.cli("torch7", "onnx", model.toString(),
                dir.resolve("m.onnx").toString(), "--input-shape", "2xthree");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--input-shape") && r.err().contains("2xthree"), r.err());
    }

    @Test
    void aTableOfInputsBecomesNumberedGraphInputs(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.t7");
        io.github.nn4j.layers.Graph g = io.github.nn4j.layers.Graph.builder().input("x").input("y")
                .node("s", new io.github.nn4j.layers.CAddTable(), "x", "y")
                .node("l", new io.github.nn4j.layers.Linear(3, 2), "s").output("l").build();
        T7Bridge.save(model, g, false);
        Path out = dir.resolve("m.onnx");
        Torch7CommandTest.assertOk(Torch7CommandTest.cli("torch7", "onnx", model.toString(), out.toString(),
                "--input-shape", "4x3,4x3", "--double"));
        List<Tensor> xs = List.of(Tensor.uniform(-1, 1, 4, 3), Tensor.uniform(-1, 1, 4, 3));
        @SuppressWarnings("unchecked")
        Module<Data, Data> loaded = (Module<Data, Data>) T7Bridge.load(model);
        double[] expected = ((Tensor) loaded.forward(Table.of(xs.get(0), xs.get(1)))).toArray();
        assertClose(expected, run(out, xs, true, OnnxExport.Precision.FLOAT64), 1e-10, "graph");
    }

    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": output size");
        double scale = 1;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            assertTrue(err <= tol * scale, what + " at " + i + ": expected " + expected[i] + ", ONNX Runtime gave "
                    + actual[i] + " (tolerance " + tol + " of the largest magnitude " + scale + ")");
        }
    }

    static double[] flat(Data d) {
        List<double[]> parts = new ArrayList<>();
        collect(d, parts);
        return concat(parts);
    }

    private static void collect(Data d, List<double[]> into) {
        if (d instanceof Tensor t) {
            into.add(t.toArray());
        } else {
            for (Data e : (Table) d) {
                collect(e, into);
            }
        }
    }

    private static double[] concat(List<double[]> parts) {
        double[] all = new double[parts.stream().mapToInt(a -> a.length).sum()];
        int o = 0;
        for (double[] a : parts) {
            System.arraycopy(a, 0, all, o, a.length);
            o += a.length;
        }
        return all;
    }

    /** Runs an exported model; its outputs (depth first) concatenated. */
    static double[] run(Path file, List<Tensor> xs, boolean table, OnnxExport.Precision p) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
            for (int k = 0; k < xs.size(); k++) {
                Tensor x = xs.get(k);
                long[] shape = new long[x.dim()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = x.size(d);
                }
                double[] v = x.toArray();
                OnnxTensor t;
                if (p == OnnxExport.Precision.FLOAT64) {
                    t = OnnxTensor.createTensor(env, DoubleBuffer.wrap(v), shape);
                } else {
                    float[] f = new float[v.length];
                    for (int i = 0; i < v.length; i++) {
                        f[i] = (float) v[i];
                    }
                    t = OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape);
                }
                inputs.put(table ? OnnxExport.inputName(k) : "input", t);
            }
            try (OrtSession.Result r = session.run(inputs)) {
                List<double[]> parts = new ArrayList<>();
                if (r.get("output").isPresent()) {
                    parts.add(values((OnnxTensor) r.get("output").get(), p));
                } else {
                    for (int i = 0; r.get(OnnxExport.outputName(i)).isPresent(); i++) {
                        parts.add(values((OnnxTensor) r.get(OnnxExport.outputName(i)).get(), p));
                    }
                }
                return concat(parts);
            }
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    private static double[] values(OnnxTensor t, OnnxExport.Precision p) {
        if (p == OnnxExport.Precision.FLOAT64) {
            DoubleBuffer b = t.getDoubleBuffer();
            double[] y = new double[b.remaining()];
            b.get(y);
            return y;
        }
        FloatBuffer b = t.getFloatBuffer();
        double[] y = new double[b.remaining()];
        for (int i = 0; i < y.length; i++) {
            y[i] = b.get(i);
        }
        return y;
    }
}
