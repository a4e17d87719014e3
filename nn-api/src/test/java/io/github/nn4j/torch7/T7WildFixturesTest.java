package io.github.nn4j.torch7;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import io.github.nn4j.testing.MiniJson;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.testing.SharedFixtures;

/**
 * Real files written by Lua Torch (shared/fixtures/t7-wild, see its README): every file loads with
 * the values the README lists (asserted upstream or decoded and cross-checked there).
 */
class T7WildFixturesTest {

    private static Path dir(String sub) {
        return SharedFixtures.requireDir("fixtures/t7-wild").resolve(sub);
    }

    private static Object load(String sub, String file) throws IOException {
        return Torch7.load(dir(sub).resolve(file));
    }

    private static Object torchfile(String file) throws IOException {
        return load("python-torchfile", file);
    }

    @Test
    void everyWildFileLoads() throws IOException {
        Path root = SharedFixtures.requireDir("fixtures/t7-wild");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".t7") || p.toString().endsWith(".txt")).sorted().toList();
        }
        assertTrue(files.size() >= 30, "expected the whole fixture set, found " + files.size());
        for (Path f : files) {
            Torch7.load(f);
        }
    }

    @Test
    void helloTable() throws IOException {
        T7Table t = (T7Table) torchfile("hello=123.t7");
        assertEquals(1, t.size());
        assertEquals(123.0, t.getNumber("hello"));
        assertEquals(123, t.getInt("hello"));
    }

    @Test
    void customClassAndRecursiveClass() throws IOException {
        T7Object blah = (T7Object) torchfile("custom_class.t7");
        assertEquals("Blah", blah.className());
        assertEquals(1, blah.version());
        assertTrue(blah.fields().isEmpty());

        T7Object a = (T7Object) torchfile("recursive_class.t7");
        assertEquals("A", a.className());
        assertSame(a, a.getObject("a"), "obj.a is obj");
    }

    @Test
    void recursiveKeyValueTable() throws IOException {
        T7Table t = (T7Table) torchfile("recursive_kv_table.t7");
        assertEquals(1, t.size());
        Object key = t.keys().iterator().next();
        assertSame(t, key, "the key is the table itself");
        assertSame(t, t.get(key), "obj[key] is obj");
    }

    @Test
    void doubleTensor() throws IOException {
        T7Tensor t = (T7Tensor) torchfile("doubletensor.t7");
        assertEquals("torch.DoubleTensor", t.className());
        assertArrayEquals(new long[] {2, 3}, t.sizes());
        Tensor x = t.toTensor();
        assertTrue(x.hasSize(2, 3));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6.9}, x.toArray(), 0.0);
        assertEquals(6.9, t.getDouble(1, 2), 0.0);
    }

    @Test
    void floatTensorMatchesDecodedValues() throws IOException {
        T7Tensor t = (T7Tensor) torchfile("floattensor.t7");
        assertEquals(T7ElementType.FLOAT, t.elementType());
        assertArrayEquals(new long[] {2, 3, 4}, t.sizes());
        double[] v = t.toTensor().toArray();
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        assertEquals(12.97241666913, sum, 1e-5); // python-torchfile's own assertion
        assertEquals(12.972416669130325, sum, 1e-12); // README [FILE]
        Map<?, ?> decoded = (Map<?, ?>) MiniJson.parse(Files.readString(
                SharedFixtures.requireDir("fixtures/t7-wild").resolve("decoded_values.json")));
        List<?> expected = (List<?>) ((Map<?, ?>) decoded.get("python-torchfile/floattensor.t7"))
                .get("values_row_major_float32_as_double");
        assertEquals(24, expected.size());
        for (int i = 0; i < 24; i++) {
            assertEquals((Double) expected.get(i), v[i], 0.0, "element " + i);
        }
    }

    @Test
    void listAndMapTables() throws IOException {
        T7Table list = (T7Table) torchfile("list_table.t7");
        assertTrue(list.isList());
        assertEquals(List.of("hello", "world", "third item", 123.0), list.list());

        T7Table m1 = (T7Table) torchfile("map_table1.t7");
        assertFalse(m1.isList());
        assertEquals(5, m1.size());
        assertEquals("zero", m1.get(0));
        assertEquals("hello", m1.get(1));
        assertEquals(123.0, m1.get(4.0));
        assertEquals(4, m1.arrayLength());

        T7Table m2 = (T7Table) torchfile("map_table2.t7");
        assertEquals(5, m2.size());
        assertEquals("non number key", m2.getString("a"));
        assertEquals(List.of("hello", "world", "third item", 123.0), m2.list());
    }

    @Test
    void tdsHashAndVec() throws IOException {
        T7Object h = (T7Object) torchfile("tds_hash.t7");
        assertEquals("tds.Hash", h.className());
        assertEquals(0, h.version());
        T7Table ht = h.fields();
        assertEquals(3, ht.size());
        assertEquals(2.0, ht.get(1));
        assertEquals(11.0, ht.get(10));
        assertEquals(3.0, ht.get(2));

        T7Object v = (T7Object) torchfile("tds_vec.t7");
        assertEquals("tds.Vec", v.className());
        assertEquals(List.of(123.0, 456.0), v.fields().list());
    }

    @Test
    void functionsAreMarkers() throws IOException {
        T7Function f = (T7Function) torchfile("function_upvals.t7");
        assertEquals(8, f.tag());
        assertEquals(89, f.bytecodeSize());
        T7Table up = (T7Table) f.upvalues();
        assertEquals(1, up.size());
        T7Table first = (T7Table) up.getAt(0);
        assertEquals("asdf", first.getString("name"));
        assertEquals(123.0, first.getNumber("value"));

        T7Function g = (T7Function) torchfile("function.t7");
        assertEquals(8, g.tag());
        assertTrue(g.bytecodeSize() > 0);
        assertTrue(((T7Table) g.upvalues()).isEmpty());
    }

    @Test
    void nngraphNode() throws IOException {
        T7Object node = (T7Object) torchfile("nngraph_node.t7");
        assertEquals("nngraph.Node", node.className());
        assertEquals(0.0, node.getNumber("id"));
        assertFalse(node.getBoolean("visited"));
        assertFalse(node.getBoolean("marked"));
        assertTrue(node.getTable("children").isEmpty());
        T7Table data = node.getTable("data");
        assertTrue(data.getTable("mapindex").isEmpty());
        T7Table ann = data.getTable("annotations");
        assertEquals(123.0, ann.getNumber("hello"));
        assertEquals("[/home/scratch/breord/torch/share/lua/5.1/trepl/init.lua]:588_", ann.getString("_debugLabel"));
    }

    @Test
    void gmoduleLinearAtFullPrecision() throws IOException {
        T7Object g = (T7Object) torchfile("gmodule_with_linear_identity.t7");
        assertEquals("nn.gModule", g.className());
        assertEquals(2, g.getInt("nInputs"));
        List<Object> modules = g.getTable("modules").list();
        assertEquals(List.of("nn.Identity", "nn.Identity", "nn.Linear", "nn.CAddTable"),
                modules.stream().map(m -> ((T7Object) m).className()).toList());
        T7Object linear = (T7Object) modules.get(2);
        T7Tensor w = linear.getTensor("weight");
        assertArrayEquals(new long[] {2, 1}, w.sizes());
        assertArrayEquals(new double[] {-0.024837296921759844, 0.17503953725099564}, w.toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {0.05159847717732191, -0.2536714617162943},
                linear.getTensor("bias").toDoubleArray(), 0.0);
        assertEquals(0, linear.getTensor("output").dim());
        // the graph nodes hold the same module objects as `modules` (identity kept): exactly one
        // forward node's data.module is this Linear
        long sameLinear = g.getTable("forwardnodes").list().stream()
                .map(n -> ((T7Object) n).getTable("data").optObject("module"))
                .filter(m -> m == linear).count();
        assertEquals(1, sameLinear);
    }

    @Test
    void cppTorchLinearForward() throws IOException {
        Tensor x = Torch7.loadTensor(dir("cpp-torch-basic").resolve("x.t7"));
        Tensor y = Torch7.loadTensor(dir("cpp-torch-basic").resolve("y.t7"));
        T7Object net = (T7Object) load("cpp-torch-basic", "net.t7");
        assertEquals("nn.Linear", net.className());
        assertEquals("torch.FloatTensor", net.getString("_type"));
        assertEquals(T7ElementType.FLOAT, net.getTensor("weight").elementType());
        Tensor w = net.getTensor("weight").toTensor();
        Tensor b = net.getTensor("bias").toTensor();
        assertArrayEquals(new double[] {1, 2, 3}, x.toArray(), 0.0);
        assertArrayEquals(new double[] {12, 13}, y.toArray(), 0.0);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1}, w.toArray(), 0.0);
        assertArrayEquals(y.toArray(), affine(x.view(1, 3), w, b).toArray(), 0.0);
        assertArrayEquals(y.toArray(), net.getTensor("output").toDoubleArray(), 0.0);
    }

    @Test
    void opencvLinear2dAscii() throws IOException {
        String sub = "opencv-dnn-torch";
        T7Object net = (T7Object) load(sub, "net_linear_2d_net.txt");
        assertEquals("nn.Linear", net.className());
        T7Tensor input = (T7Tensor) load(sub, "net_linear_2d_input.txt");
        T7Tensor output = (T7Tensor) load(sub, "net_linear_2d_output.txt");
        assertArrayEquals(new long[] {13, 7}, input.sizes());
        Tensor w = net.getTensor("weight").toTensor();
        assertTrue(w.hasSize(3, 7));
        assertEquals(0.90122071630321443, w.get(0, 0), 0.0);
        assertEquals(0.96670234925113618, w.get(2, 6), 0.0);
        assertArrayEquals(new double[] {0.32729405374266207, 0.9850380509160459, 0.47189055476337671},
                net.getTensor("bias").toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                net.getTensor("addBuffer").toDoubleArray(), 0.0);
        Tensor y = affine(input.toTensor(), w, net.getTensor("bias").toTensor());
        Tensor expected = output.toTensor();
        assertTrue(expected.hasSize(13, 3));
        assertEquals(0.0, y.maxAbsDiff(expected), 1e-15);
        assertEquals(1.6746364661917905, expected.get(0, 0), 0.0);
        assertEquals(3.0802183896726567, expected.get(12, 2), 0.0);
    }

    @Test
    void opencvReshapeSharesOutput() throws IOException {
        String sub = "opencv-dnn-torch";
        T7Object seq = (T7Object) load(sub, "net_reshape_single_sample_net.txt");
        List<Object> mods = seq.getTable("modules").list();
        T7Object reshape = (T7Object) mods.get(0);
        T7Object linear = (T7Object) mods.get(1);
        assertEquals("nn.Reshape", reshape.className());
        assertEquals(T7ElementType.LONG, reshape.getStorage("size").elementType());
        assertArrayEquals(new long[] {60}, reshape.getStorage("size").longData());
        assertSame(linear.getTensor("output"), seq.getTensor("output"), "net.output is Linear.output");
        Tensor in = ((T7Tensor) load(sub, "net_reshape_single_sample_input.txt")).toTensor();
        Tensor out = ((T7Tensor) load(sub, "net_reshape_single_sample_output.txt")).toTensor();
        assertArrayEquals(in.toArray(), reshape.getTensor("output").toDoubleArray(), 0.0);
        Tensor y = affine(in.view(1, 60), linear.getTensor("weight").toTensor(), linear.getTensor("bias").toTensor());
        assertEquals(0.0, y.maxAbsDiff(out.view(1, 10)), 1e-12);
        assertEquals(18.449158386928382, out.get(0, 0), 0.0);
    }

    @Test
    void opencvConcatReluTanhSigmoid() throws IOException {
        String sub = "opencv-dnn-torch";
        T7Object concat = (T7Object) load(sub, "net_concat_net.txt");
        assertEquals("nn.Concat", concat.className());
        assertArrayEquals(new long[] {2, 18, 4, 3}, concat.getStorage("outputSize").longData());
        T7Object relu = (T7Object) concat.getTable("modules").getAt(0);
        assertEquals("nn.ReLU", relu.className());
        assertFalse(relu.getBoolean("inplace"));
        assertEquals(0.0, relu.getNumber("threshold"));
        assertEquals(0.0, relu.getNumber("val"));
        Tensor in = ((T7Tensor) load(sub, "net_concat_input.txt")).toTensor();
        Tensor out = ((T7Tensor) load(sub, "net_concat_output.txt")).toTensor();
        assertTrue(in.hasSize(2, 6, 4, 3));
        assertTrue(out.hasSize(2, 18, 4, 3));
        double maxErr = 0;
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 6; c++) {
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 3; w++) {
                        double x = in.get(n, c, h, w);
                        maxErr = Math.max(maxErr, Math.abs(out.get(n, c, h, w) - Math.max(x, 0)));
                        maxErr = Math.max(maxErr, Math.abs(out.get(n, c + 6, h, w) - Math.tanh(x)));
                        maxErr = Math.max(maxErr, Math.abs(out.get(n, c + 12, h, w) - 1 / (1 + Math.exp(-x))));
                    }
                }
            }
        }
        assertEquals(0.0, maxErr, 1e-15);
    }

    @Test
    void opencvSoftmaxAndLogSoftmax() throws IOException {
        String sub = "opencv-dnn-torch";
        T7Object sm = (T7Object) load(sub, "net_softmax_net.txt");
        T7Object inner = (T7Object) sm.getTable("modules").getAt(0);
        assertEquals("nn.SoftMax", inner.className());
        assertSame(inner.getTensor("gradInput"), sm.getTensor("gradInput"), "gradInput is a shared back-reference");
        double[] x = ((T7Tensor) load(sub, "net_softmax_input.txt")).toDoubleArray();
        double[] y = ((T7Tensor) load(sub, "net_softmax_output.txt")).toDoubleArray();
        double z = 0;
        for (double v : x) {
            z += Math.exp(v);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(Math.exp(x[i]) / z, y[i], 1e-15);
        }
        assertEquals(0.25859632625604911, y[0], 0.0);

        T7Tensor lin = (T7Tensor) load(sub, "net_logsoftmax_input.txt");
        Tensor lx = lin.toTensor().view(3, 4);
        Tensor ly = ((T7Tensor) load(sub, "net_logsoftmax_output.txt")).toTensor().view(3, 4);
        for (int r = 0; r < 3; r++) {
            double s = 0;
            for (int c = 0; c < 4; c++) {
                s += Math.exp(lx.get(r, c));
            }
            for (int c = 0; c < 4; c++) {
                assertEquals(lx.get(r, c) - Math.log(s), ly.get(r, c), 1e-15);
            }
        }
    }

    @Test
    void opencvCaddTableStructure() throws IOException {
        T7Object seq = (T7Object) load("opencv-dnn-torch", "net_cadd_table_net.txt");
        List<Object> mods = seq.getTable("modules").list();
        T7Object ct = (T7Object) mods.get(0);
        assertEquals("nn.ConcatTable", ct.className());
        assertEquals("nn.CAddTable", ((T7Object) mods.get(1)).className());
        assertEquals(List.of("nn.Identity", "nn.Identity"),
                ct.getTable("modules").list().stream().map(m -> ((T7Object) m).className()).toList());
        assertNull(seq.optTensor("weight"));
    }

    /** {@code x·Wᵀ + b} for a batch x (B x in), computed plainly. */
    static Tensor affine(Tensor x, Tensor w, Tensor b) {
        int batch = x.size(0);
        int in = x.size(1);
        int out = w.size(0);
        Tensor y = Tensor.zeros(batch, out);
        for (int i = 0; i < batch; i++) {
            for (int o = 0; o < out; o++) {
                double s = 0;
                for (int k = 0; k < in; k++) {
                    s += x.get(i, k) * w.get(o, k);
                }
                y.put(s + b.get(o), i, o);
            }
        }
        return y;
    }
}
