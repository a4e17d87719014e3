package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.layers.Graph;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.testing.SharedFixtures;

/**
 * Models written by other people's Lua Torch ({@code fixtures/t7-wild}, read in place; skipped
 * when absent): OpenCV's dnn test nets (ascii) load and reproduce the outputs Torch stored beside
 * them; cpp-torch's float {@code nn.Linear} reproduces its {@code y.t7}; python-torchfile's
 * nngraph {@code nn.gModule} loads as a {@link Graph} with the weights its README prints.
 */
class T7WildNetsTest {

    private static Path opencv() {
        return SharedFixtures.requireDir("fixtures/t7-wild/opencv-dnn-torch");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"net_linear_2d", "net_reshape_single_sample", "net_concat", "net_softmax",
        "net_logsoftmax"})
    @SuppressWarnings("unchecked")
    void openCvNetReproducesItsStoredOutput(String name, @TempDir Path dir) throws IOException {
        Path d = opencv();
        Module<Data, Data> net = (Module<Data, Data>) T7Bridge.loadModule(d.resolve(name + "_net.txt"));
        Tensor x = (Tensor) T7Bridge.load(d.resolve(name + "_input.txt"));
        Tensor expected = (Tensor) T7Bridge.load(d.resolve(name + "_output.txt"));
        Golden.assertClose(expected, net.forward(x), name);

        // and through the command line, in both encodings
        for (String enc : List.of("--ascii", "--evaluate")) {
            Path out = dir.resolve(name + enc + ".t7");
            Torch7CommandTest.Result r = Torch7CommandTest.cli("torch7", "forward", enc,
                    d.resolve(name + "_net.txt").toString(), d.resolve(name + "_input.txt").toString(),
                    out.toString());
            Torch7CommandTest.assertOk(r);
            Golden.assertClose(expected, (Data) T7Bridge.load(out), name + " via nn4j torch7 forward " + enc);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void openCvResidualNetDoublesItsInput() throws IOException {
        Module<Data, Data> net = (Module<Data, Data>) T7Bridge.loadModule(opencv().resolve("net_cadd_table_net.txt"));
        assertEquals(List.of("nn.Sequential", "nn.ConcatTable", "nn.Identity", "nn.Identity", "nn.CAddTable"),
                net.listModules().stream().map(Module::torchTypeName).toList());
        TorchRandom.manualSeed(5);
        Tensor x = Tensor.uniform(-1, 1, 1, 5, 4, 5);
        Tensor y = (Tensor) net.forward(x);
        Tensor twice = x.clone().mul(2);
        assertEquals(0.0, y.maxAbsDiff(twice));
    }

    @Test
    @SuppressWarnings("unchecked")
    void cppTorchFloatLinearReproducesItsOutput() throws IOException {
        Path d = SharedFixtures.requireDir("fixtures/t7-wild/cpp-torch-basic");
        Module<Tensor, Tensor> net = (Module<Tensor, Tensor>) T7Bridge.loadModule(d.resolve("net.t7"));
        Linear lin = assertInstanceOf(Linear.class, net);
        assertEquals("nn.Linear(3 -> 2)", lin.toString());
        Tensor y = net.forward((Tensor) T7Bridge.load(d.resolve("x.t7")));
        assertEquals(0.0, y.maxAbsDiff((Tensor) T7Bridge.load(d.resolve("y.t7"))));
        assertEquals(0.0, y.maxAbsDiff(Tensor.of(12, 13)));
    }

    @Test
    void nngraphModuleLoadsAsAGraph() throws IOException {
        Path f = SharedFixtures.requireDir("fixtures/t7-wild/python-torchfile").resolve("gmodule_with_linear_identity.t7");
        // a = nn.Identity()(); b = nn.Identity()(); c = nn.Linear(1, 2)(a); nn.gModule({a, b}, {nn.CAddTable()({b, c})})
        Graph g = assertInstanceOf(Graph.class, T7Bridge.loadModule(f));
        assertEquals(List.of("nn.gModule", "nn.Identity", "nn.Identity", "nn.Linear", "nn.CAddTable"),
                g.listModules().stream().map(Module::torchTypeName).toList());
        assertTrue(g.toString().startsWith("nn.gModule(input1, input2 -> node8)\n"), g.toString());
        assertTrue(g.toString().contains("node7 = nn.Linear(1 -> 2) <- (node6)"), g.toString());
        Linear lin = g.findModules(Linear.class).get(0);
        assertEquals(0.0, lin.weight().maxAbsDiff(Tensor.fromArray(new double[] {-0.024837296921759844,
            0.17503953725099564}, 2, 1)));
        assertEquals(0.0, lin.bias().maxAbsDiff(Tensor.of(0.05159847717732191, -0.2536714617162943)));

        Tensor a = Tensor.of(0.5);
        Tensor b = Tensor.of(1, 2);
        Tensor y = (Tensor) g.forward(Table.of(a, b));
        double[] w = lin.weight().data();
        double[] bias = lin.bias().data();
        Tensor expected = Tensor.of(1 + w[0] * 0.5 + bias[0], 2 + w[1] * 0.5 + bias[1]);
        assertEquals(0.0, y.maxAbsDiff(expected));
        Table gi = (Table) g.backward(Table.of(a, b), Tensor.of(3, -1));
        assertEquals(0.0, gi.tensor(0).maxAbsDiff(Tensor.of(3 * w[0] - w[1])), "dL/da = W^T g");
        assertEquals(0.0, gi.tensor(1).maxAbsDiff(Tensor.of(3, -1)), "dL/db = g");
    }

    @Test
    void openCvNetsSaveWithTorchsFields(@TempDir Path dir) throws IOException {
        for (String name : List.of("net_linear_2d", "net_reshape_single_sample", "net_concat", "net_softmax",
                "net_logsoftmax", "net_cadd_table")) {
            Path f = opencv().resolve(name + "_net.txt");
            Path out = dir.resolve(name + ".t7");
            T7Bridge.save(out, T7Bridge.loadModule(f), true);
            T7BridgeGoldenTest.assertWritesTorchsFields(f, out);
            assertTrue(T7Bridge.loadModule(out).toString().equals(T7Bridge.loadModule(f).toString()), name);
        }
    }
}
