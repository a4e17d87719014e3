package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * Every layer against files written by real Lua Torch7 ({@code src/test/resources/torch-golden},
 * see its README): the Java module is built from the saved {@code model.t7}'s fields, run forward
 * and backward on the saved input and gradOutput, and compared with Torch's output, gradInput and
 * parameter gradients (relative 1e-12 plus 1e-14 absolute). For layers with weights, the test also
 * proves the "same seed, same weights" guarantee: {@code TorchRandom.manualSeed(case seed)} and the
 * Java constructor give exactly the weights Torch saved.
 */
class TorchGoldenTest {

    private static final double REL = 1e-12;
    private static final double ABS = 1e-14;

    // ------------------------------------------------------------------ layers with weights

    @Test
    void linearBatch() throws IOException {
        checkLinear("linear_batch", () -> new Linear(4, 2));
        // the ascii copy of the same module holds the same weights
        T7Object ascii = (T7Object) Torch7.load(dir("linear_batch").resolve("model_ascii.t7"));
        T7Object binary = model("linear_batch");
        assertEquals(0.0, ascii.getTensor("weight").toTensor().maxAbsDiff(binary.getTensor("weight").toTensor()));
        assertEquals(0.0, ascii.getTensor("bias").toTensor().maxAbsDiff(binary.getTensor("bias").toTensor()));
    }

    @Test
    void linear1d() throws IOException {
        checkLinear("linear_1d", () -> new Linear(4, 2));
    }

    @Test
    void linearNoBias() throws IOException {
        checkLinear("linear_nobias", () -> new Linear(4, 2, false));
    }

    private void checkLinear(String name, Supplier<Linear> constructor) throws IOException {
        T7Object model = model(name);
        Tensor w = model.getTensor("weight").toTensor();
        T7Tensor b = model.optTensor("bias");
        Linear m = new Linear(w.size(1), w.size(0), b != null);
        m.weight().copy(w);
        if (b != null) {
            m.bias().copy(b.toTensor());
        }
        assertEquals(name.equals("linear_nobias") ? "nn.Linear(4 -> 2) without bias" : "nn.Linear(4 -> 2)",
                m.toString());
        run(name, m);
        sameSeedSameWeights(name, constructor::get, w, b == null ? null : b.toTensor());
    }

    @Test
    void addVector() throws IOException {
        T7Object model = model("add_vector");
        Tensor bias = model.getTensor("bias").toTensor();
        Add m = new Add(bias.size(0), truthy(model.get("scalar")));
        m.bias().copy(bias);
        run("add_vector", m);
        sameSeedSameWeights("add_vector", () -> new Add(5).bias(), bias, null);
    }

    @Test
    void addScalar() throws IOException {
        T7Object model = model("add_scalar");
        Tensor bias = model.getTensor("bias").toTensor();
        assertTrue(truthy(model.get("scalar")));
        Add m = new Add(5, true);
        m.bias().copy(bias);
        run("add_scalar", m);
        sameSeedSameWeights("add_scalar", () -> new Add(5, true).bias(), bias, null);
    }

    @Test
    void mul() throws IOException {
        Tensor weight = model("mul").getTensor("weight").toTensor();
        Mul m = new Mul();
        m.weight().copy(weight);
        run("mul", m);
        sameSeedSameWeights("mul", () -> new Mul().weight(), weight, null);
    }

    @Test
    void cmul() throws IOException {
        Tensor weight = model("cmul").getTensor("weight").toTensor();
        CMul m = new CMul(weight.sizes());
        m.weight().copy(weight);
        run("cmul", m);
        sameSeedSameWeights("cmul", () -> new CMul(5).weight(), weight, null);
    }

    // ------------------------------------------------------------------ layers without weights

    @Test
    void mulConstant() throws IOException {
        T7Object model = model("mulconstant");
        run("mulconstant", new MulConstant(model.getNumber("constant_scalar"), truthy(model.get("inplace"))));
    }

    @Test
    void relu() throws IOException {
        T7Object model = model("relu");
        assertEquals(0.0, model.getNumber("threshold"));
        assertEquals(0.0, model.getNumber("val"));
        run("relu", new ReLU(truthy(model.get("inplace"))));
    }

    @Test
    void threshold() throws IOException {
        T7Object model = model("threshold");
        run("threshold", new Threshold(model.getNumber("threshold"), model.getNumber("val"),
                truthy(model.get("inplace"))));
    }

    @Test
    void sigmoid() throws IOException {
        run("sigmoid", new Sigmoid());
    }

    @Test
    void tanh() throws IOException {
        run("tanh", new Tanh());
    }

    @Test
    void softMaxBatch() throws IOException {
        run("softmax_batch", new SoftMax());
    }

    @Test
    void softMax1d() throws IOException {
        run("softmax_1d", new SoftMax());
    }

    @Test
    void logSoftMaxBatch() throws IOException {
        run("logsoftmax_batch", new LogSoftMax());
    }

    @Test
    void logSoftMax1d() throws IOException {
        run("logsoftmax_1d", new LogSoftMax());
    }

    @Test
    void identity() throws IOException {
        Identity m = new Identity();
        Tensor input = Torch7.loadTensor(dir("identity").resolve("input.t7"));
        Tensor gradOutput = Torch7.loadTensor(dir("identity").resolve("gradOutput.t7"));
        T7Table expected = expected("identity");
        assertClose("identity output", expected.getTensor("output").toTensor(), (Tensor) m.forward(input));
        assertClose("identity gradInput", expected.getTensor("gradInput").toTensor(),
                (Tensor) m.backward(input, gradOutput));
    }

    @Test
    void dropoutEval() throws IOException {
        T7Object model = model("dropout_eval");
        assertEquals(false, model.get("train"), "saved in evaluate mode");
        Dropout m = new Dropout(model.getNumber("p"), !truthy(model.get("v2")), truthy(model.get("inplace")),
                truthy(model.get("stochastic_inference")));
        m.evaluate();
        assertEquals("nn.Dropout(0.300000)", m.toString());
        run("dropout_eval", m);
    }

    // ------------------------------------------------------------------ helpers

    /** Forward, zeroGradParameters, backward; compares output, gradInput and every parameter gradient. */
    private static void run(String name, Module<Tensor, Tensor> m) throws IOException {
        Path dir = dir(name);
        Tensor input = Torch7.loadTensor(dir.resolve("input.t7"));
        Tensor gradOutput = Torch7.loadTensor(dir.resolve("gradOutput.t7"));
        T7Table expected = expected(name);
        Tensor pristine = input.clone();
        assertClose(name + " output", expected.getTensor("output").toTensor(), m.forward(input));
        m.zeroGradParameters();
        assertClose(name + " gradInput", expected.getTensor("gradInput").toTensor(), m.backward(input, gradOutput));
        assertEquals(0.0, input.maxAbsDiff(pristine), name + ": the input is unchanged");
        List<Object> gradParams = expected.getTable("gradParams").list();
        List<Parameter> params = m.parameters();
        assertEquals(gradParams.size(), params.size(), name + ": number of parameters");
        for (int k = 0; k < params.size(); k++) {
            assertClose(name + " " + params.get(k).name() + " gradient", ((T7Tensor) gradParams.get(k)).toTensor(),
                    params.get(k).grad());
        }
    }

    /**
     * {@code TorchRandom.manualSeed(case seed)} then the constructor must give Torch's saved weights
     * bit for bit (the first tensor drawn, and the bias drawn after it when there is one).
     */
    private static void sameSeedSameWeights(String name, Supplier<Object> construct, Tensor savedWeight,
                                            Tensor savedBias) throws IOException {
        TorchRandom.manualSeed(seed(name));
        Object made = construct.get();
        Tensor weight;
        Tensor bias = null;
        if (made instanceof Linear l) {
            weight = l.weight();
            bias = l.bias();
        } else {
            weight = (Tensor) made;
        }
        assertTrue(weight.sameSizeAs(savedWeight), name + ": weight size");
        assertEquals(0.0, weight.maxAbsDiff(savedWeight), name + ": same seed, same weights");
        if (savedBias != null) {
            assertTrue(bias != null, name + ": a bias was drawn");
            assertEquals(0.0, bias.maxAbsDiff(savedBias), name + ": same seed, same bias");
        }
    }

    private static void assertClose(String what, Tensor expected, Tensor actual) {
        assertEquals(expected.shapeString(), actual.shapeString(), what + " size");
        double[] e = expected.data();
        double[] a = actual.data();
        for (int i = 0; i < expected.numel(); i++) {
            double tol = ABS + REL * Math.abs(e[i]);
            assertTrue(Math.abs(e[i] - a[i]) <= tol,
                    what + " element " + i + ": Torch " + e[i] + ", Java " + a[i]);
        }
    }

    private static boolean truthy(Object luaValue) {
        return luaValue != null && !Boolean.FALSE.equals(luaValue);
    }

    private static T7Object model(String name) throws IOException {
        return (T7Object) Torch7.load(dir(name).resolve("model.t7"));
    }

    private static T7Table expected(String name) throws IOException {
        return (T7Table) Torch7.load(dir(name).resolve("expected.t7"));
    }

    private static Path dir(String name) {
        URL url = TorchGoldenTest.class.getResource("/torch-golden/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource torch-golden/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case's {@code seed} from the copied manifest.json. */
    private static long seed(String name) throws IOException {
        String manifest = Files.readString(dir("manifest.json"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"name\":\\s*\"" + Pattern.quote(name) + "\"[^}]*?\"seed\":\\s*(\\d+)")
                .matcher(manifest);
        if (!m.find()) {
            throw new IllegalStateException("no seed for " + name + " in manifest.json");
        }
        return Long.parseLong(m.group(1));
    }
}
