package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OnnxTensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.layers.AddConstant;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.LayersT7Codecs;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.LogSoftMax;
import io.github.nn4j.layers.MulConstant;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.SoftMax;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.layers.View;
import io.github.nn4j.torch7.T7Codec;

/**
 * Exports modules, runs them in ONNX Runtime and compares with nn4j's forward in evaluate mode:
 * {@code |onnx − nn4j| ≤ tol·max(1, |nn4j|)} with tol 1e-5 in float32 and 1e-10 in float64. The
 * per-module tests are generated from {@link OnnxExport#EXPORTABLE}, and every exportable class must
 * have a sample here, so a module added to the exporter without a test fails.
 */
class OnnxExportTest {

    /** One sample per exportable class: the module and its input shape. */
    private static final Map<Class<?>, Supplier<Sample>> SAMPLES = new LinkedHashMap<>();

    private record Sample(Module<Tensor, Tensor> module, int[] shape) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void sample(Class<?> c, Supplier<Module<?, ?>> m, int... shape) {
        SAMPLES.put(c, () -> new Sample((Module) m.get(), shape));
    }

    static {
        sample(Sequential.class, () -> new Sequential<Tensor, Tensor>().add(new Linear(5, 4)).add(new Tanh())
                .add(new Linear(4, 3)).add(new LogSoftMax()), 2, 5);
        sample(Linear.class, () -> new Linear(6, 4), 3, 6);
        sample(Identity.class, Identity::new, 2, 3);
        sample(ReLU.class, ReLU::new, 2, 7);
        sample(Tanh.class, Tanh::new, 4, 3);
        sample(Sigmoid.class, Sigmoid::new, 5);
        sample(SoftMax.class, SoftMax::new, 3, 4, 2);
        sample(LogSoftMax.class, LogSoftMax::new, 2, 3, 2, 2);
        sample(Dropout.class, () -> new Dropout(0.3, true), 3, 4);
        sample(MulConstant.class, () -> new MulConstant(-2.5), 2, 2);
        sample(AddConstant.class, () -> new AddConstant(0.75), 4);
    }

    @Test
    void onnxRuntimeNativeLibraryLoads() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor t = OnnxTensor.createTensor(env, new float[] {1f, 2f})) {
            assertEquals(2, t.getInfo().getShape()[0]);
        }
    }

    @Test
    void everyExportableClassHasASampleAndIsARegisteredModule() {
        Set<Class<?>> registered = new java.util.HashSet<>();
        for (T7Codec<?> c : new LayersT7Codecs().codecs()) {
            registered.add(c.javaClass());
        }
        Set<String> missing = new TreeSet<>();
        for (Class<?> c : OnnxExport.EXPORTABLE) {
            if (!SAMPLES.containsKey(c) || !registered.contains(c)) {
                missing.add(c.getName());
            }
        }
        assertEquals(Set.of(), missing, "exportable classes without an export sample or a .t7 codec");
    }

    @TestFactory
    Stream<DynamicTest> everyExportableModuleRoundTripsThroughOnnxRuntime() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> c : OnnxExport.EXPORTABLE) {
            for (OnnxExport.Precision p : OnnxExport.Precision.values()) {
                tests.add(DynamicTest.dynamicTest(c.getSimpleName() + " " + p, () -> {
                    Supplier<Sample> s = SAMPLES.get(c);
                    assertTrue(s != null, "no export sample for " + c.getName());
                    roundTrip(s.get(), p);
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theReadmeExampleExportsAModelThatOnnxRuntimeRuns(@TempDir Path dir) throws Exception {
        // README onnx example begin
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>()
                .add(new Linear(4, 16)).add(new ReLU()).add(new Linear(16, 3)).add(new LogSoftMax());
        net.evaluate();
        Path file = dir.resolve("net.onnx");
        OnnxExport.write(net, new int[] {8, 4}, file);                               // float32, input [8, 4]
        OnnxExport.write(net, new int[] {8, 4}, file, OnnxExport.Precision.FLOAT64); // or float64
        // README onnx example end
        Tensor x = Tensor.uniform(-1, 1, 8, 4);
        double[] expected = net.forward(x).toArray();
        double[] actual = runOnnx(file, x, OnnxExport.Precision.FLOAT64);
        assertArrayEquals(expected, actual, 1e-10 * Math.max(1, maxAbs(expected)));
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void aModuleWithoutOnnxFormFailsNamingItsPathAndWritesNothing(@TempDir Path dir) {
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(new Linear(4, 4))
                .add(new Sequential<Tensor, Tensor>().add(new ReLU()).add(new View(2, 2)));
        Path out = dir.resolve("net.onnx");
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.write(net, new int[] {4}, out));
        assertEquals("modules[1].modules[1]", e.path());
        assertTrue(e.getMessage().contains("nn.View") && e.getMessage().contains("modules[1].modules[1]"),
                e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void nodesCarryTorchPathsAndTheGraphNamesItsInputAndOutput() {
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(new Linear(3, 2))
                .add(new Sequential<Tensor, Tensor>().add(new Tanh()));
        OnnxMl.GraphProto g = OnnxExport.toModel(net, new int[] {1, 3}, OnnxExport.Precision.FLOAT32).getGraph();
        assertEquals("input", g.getInput(0).getName());
        assertEquals("output", g.getOutput(0).getName());
        assertTrue(g.getNodeList().stream().anyMatch(n -> n.getName().startsWith("modules[0]:MatMul")), g.toString());
        assertTrue(g.getNodeList().stream().anyMatch(n -> n.getName().startsWith("modules[1].modules[0]:Tanh")),
                g.toString());
    }

    /** Exports, runs in ONNX Runtime, compares; the README's snippet is the first lines. */
    static void roundTrip(Sample s, OnnxExport.Precision precision) throws Exception {
        Path dir = Files.createTempDirectory("nn4j-onnx");
        Path file = dir.resolve("model.onnx");
        try {
            Module<Tensor, Tensor> module = s.module();
            int[] shape = s.shape();
            module.evaluate();
            OnnxExport.write(module, shape, file, precision);
            TorchRandom rng = new TorchRandom(7);
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            Tensor x = Tensor.zeros(n).uniform(rng, -2, 2).view(shape);
            double[] expected = module.forward(x).toArray();
            double[] actual = runOnnx(file, x, precision);
            assertEquals(expected.length, actual.length, "output size");
            double tol = precision == OnnxExport.Precision.FLOAT64 ? 1e-10 : 1e-5;
            for (int i = 0; i < expected.length; i++) {
                double err = Math.abs(actual[i] - expected[i]);
                if (err > tol * Math.max(1, Math.abs(expected[i]))) {
                    assertArrayEquals(expected, actual, tol, module.torchTypeName() + " at " + i);
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    static double[] runOnnx(Path file, Tensor x, OnnxExport.Precision precision) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] shape = new long[x.dim()];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = x.size(d);
        }
        double[] xd = x.toArray();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
            OnnxTensor in;
            if (precision == OnnxExport.Precision.FLOAT64) {
                in = OnnxTensor.createTensor(env, DoubleBuffer.wrap(xd), shape);
            } else {
                float[] xf = new float[xd.length];
                for (int i = 0; i < xd.length; i++) {
                    xf[i] = (float) xd[i];
                }
                in = OnnxTensor.createTensor(env, FloatBuffer.wrap(xf), shape);
            }
            try (in; OrtSession.Result r = session.run(Map.of("input", in))) {
                OnnxTensor out = (OnnxTensor) r.get("output").orElseThrow();
                if (precision == OnnxExport.Precision.FLOAT64) {
                    DoubleBuffer b = out.getDoubleBuffer();
                    double[] y = new double[b.remaining()];
                    b.get(y);
                    return y;
                }
                FloatBuffer b = out.getFloatBuffer();
                double[] y = new double[b.remaining()];
                for (int i = 0; i < y.length; i++) {
                    y[i] = b.get(i);
                }
                return y;
            }
        }
    }
}
