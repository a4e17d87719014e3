package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.SharedFixtures;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * Saving a {@link Graph} as nngraph's {@code nn.gModule}: the saved file loads back (through the
 * bridge) as a graph computing the same forward and backward, and it has the structure the real
 * Lua-written {@code gmodule_with_linear_identity.t7} has, node for node.
 */
class GraphT7SaveTest {

    @TempDir
    Path dir;

    /** x -> Linear -> Tanh -> Linear. */
    private static Graph chain() {
        return Graph.builder().input("x")
                .node("h", new Linear(3, 4), "x")
                .node("t", new Tanh(), "h")
                .node("y", new Linear(4, 2), "t")
                .output("y").build();
    }

    /** x feeds two Linears; a feeds Tanh and Sigmoid, summed: gradients add up at both forks. */
    private static Graph fork() {
        return Graph.builder().input("x")
                .node("a", new Linear(3, 4), "x")
                .node("b", new Linear(3, 4), "x")
                .node("t1", new Tanh(), "a")
                .node("t2", new Sigmoid(), "a")
                .node("s", new CAddTable(), "t1", "t2", "b")
                .output("s").build();
    }

    /** Two inputs, two outputs; p is an output and feeds q as well. */
    private static Graph twoInTwoOut() {
        return Graph.builder().inputs("x", "y")
                .node("p", new Linear(3, 2), "x")
                .node("q", new CMulTable(), "p", "y")
                .node("r", new Tanh(), "q")
                .outputs("r", "p").build();
    }

    private static Data input(Graph g) {
        return g.inputNodes().size() == 1 ? Tensor.uniform(-1, 1, 5, 3)
                : Table.of(Tensor.uniform(-1, 1, 5, 3), Tensor.uniform(-1, 1, 5, 2));
    }

    private static Data like(Data d) {
        if (d instanceof Tensor t) {
            Tensor r = t.clone();
            double[] a = r.data();
            for (int i = 0; i < r.numel(); i++) {
                a[i] = TorchRandom.global().uniform(-1, 1);
            }
            return r;
        }
        Table out = new Table();
        for (Data e : (Table) d) {
            out.add(like(e));
        }
        return out;
    }

    private static void assertSameData(Data expected, Data actual, String what) {
        if (expected instanceof Tensor e) {
            Tensor a = assertInstanceOf(Tensor.class, actual, what);
            assertTrue(Arrays.equals(e.sizes(), a.sizes()), what + ": sizes");
            assertEquals(0.0, e.maxAbsDiff(a), what);
            return;
        }
        Table e = (Table) expected;
        Table a = assertInstanceOf(Table.class, actual, what);
        assertEquals(e.size(), a.size(), what + ": table size");
        for (int i = 0; i < e.size(); i++) {
            assertSameData(e.get(i), a.get(i), what + "[" + i + "]");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"chain binary", "chain ascii", "fork binary", "fork ascii",
            "twoInTwoOut binary", "twoInTwoOut ascii"})
    void savedGraphLoadsBackWithTheSameForwardAndBackward(String which) throws Exception {
        TorchRandom.manualSeed(7);
        String[] w = which.split(" ");
        Graph g = switch (w[0]) {
            case "chain" -> chain();
            case "fork" -> fork();
            default -> twoInTwoOut();
        };
        Path file = dir.resolve(w[0] + ".t7");
        T7Bridge.save(file, g, w[1].equals("ascii"));
        Graph back = assertInstanceOf(Graph.class, T7Bridge.loadModule(file));

        Data x = input(g);
        Data out = g.forward(x);
        Data gradOut = like(out);
        g.zeroGradParameters();
        back.zeroGradParameters();
        assertSameData(out, back.forward(x), which + ": output");
        assertSameData(g.backward(x, gradOut), back.backward(x, gradOut), which + ": gradInput");
        // parameters and their gradients, node by node (the names travel as annotations.name)
        int compared = 0;
        for (Graph.Node node : g.nodesTopologicallySorted()) {
            if (node.isInput()) {
                continue;
            }
            Module<?, ?> m = g.module(node);
            Module<?, ?> m2 = back.module(back.node(node.name()));
            assertEquals(m.torchTypeName(), m2.torchTypeName(), node.name());
            List<Parameter> p = m.parameters();
            List<Parameter> p2 = m2.parameters();
            assertEquals(p.size(), p2.size(), node.name());
            for (int i = 0; i < p.size(); i++) {
                assertNotSame(p.get(i).value(), p2.get(i).value());
                assertEquals(0.0, p.get(i).value().maxAbsDiff(p2.get(i).value()), node.name() + " value " + i);
                assertEquals(0.0, p.get(i).grad().maxAbsDiff(p2.get(i).grad()), node.name() + " grad " + i);
                assertTrue(maxAbs(p.get(i).grad()) > 0, node.name() + ": a gradient was accumulated");
                compared++;
            }
        }
        assertTrue(compared >= 2, "parameters compared: " + compared);
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        double[] a = t.data();
        for (int i = 0; i < t.numel(); i++) {
            m = Math.max(m, Math.abs(a[i]));
        }
        return m;
    }

    @Test
    void nodesAndDataAreSharedAsNngraphSharesThem() throws Exception {
        Path file = dir.resolve("two.t7");
        T7Bridge.save(file, twoInTwoOut(), false);
        T7Object g = (T7Object) Torch7.load(file);
        T7Table forward = g.getTable("forwardnodes");
        T7Table fgNodes = g.getObject("fg").getTable("nodes");
        T7Table bgNodes = g.getObject("bg").getTable("nodes");
        // forwardnodes are the fg's node objects, backwardnodes the bg's; each bg node shares its
        // data table with exactly one fg node
        Map<Object, Object> fgByData = new IdentityHashMap<>();
        for (Object n : forward.list()) {
            assertTrue(fgNodes.containsKey(n), "a forward node is an fg node");
            T7Table data = ((T7Object) n).getTable("data");
            assertEquals(fgNodes.get(n), data.get("forwardNodeId"), "forwardNodeId is the fg id");
            fgByData.put(data, n);
        }
        for (Object n : g.getTable("backwardnodes").list()) {
            assertTrue(bgNodes.containsKey(n), "a backward node is a bg node");
            Object twin = fgByData.get(((T7Object) n).getTable("data"));
            assertTrue(twin != null && twin != n, "the data is shared with a distinct fg node");
        }
        assertSame(fgByData.get(g.getObject("innode").getTable("data")), g.getObject("innode"));
        assertTrue(bgNodes.containsKey(g.getObject("outnode")), "outnode is the bg's");
        // with several outputs the gModule's output is the outnode's input table
        assertSame(g.getObject("outnode").getTable("data").get("input"), g.get("output"));
        assertEquals(2.0, g.get("nInputs"));
    }

    @Test
    void aNodeReadingTheSameNodeTwiceReadsItAgainThroughAnIdentity() throws Exception {
        // x * x and the same node as two outputs: nngraph refuses "the same input twice"
        Graph g = Graph.builder().input("x")
                .node("h", new Linear(3, 2), "x")
                .node("sq", new CMulTable(), "h", "h")
                .outputs("sq", "h", "h").build();
        Path file = dir.resolve("square.t7");
        T7Bridge.save(file, g, false);
        T7Object saved = (T7Object) Torch7.load(file);
        for (Object n : saved.getTable("forwardnodes").list()) {
            T7Table mapindex = ((T7Object) n).getTable("data").getTable("mapindex");
            assertEquals(mapindex.arrayLength() * 2, mapindex.size(), "every input once, with its reverse index");
        }
        Graph back = assertInstanceOf(Graph.class, T7Bridge.loadModule(file));
        assertEquals(1 + 1 + 2 + 1 + 1, back.listModules().size(), "gModule, Identity for x, two more Identities, Linear, CMulTable");

        TorchRandom.manualSeed(5);
        Tensor x = Tensor.uniform(-1, 1, 5, 3);
        Data out = g.forward(x);
        Data gradOut = like(out);
        g.zeroGradParameters();
        back.zeroGradParameters();
        assertSameData(out, back.forward(x), "output");
        assertSameData(g.backward(x, gradOut), back.backward(x, gradOut), "gradInput");
        Linear lin = (Linear) g.module(g.node("h"));
        Linear lin2 = (Linear) back.module(back.node("h"));
        assertEquals(0.0, lin.parameters().get(0).grad().maxAbsDiff(lin2.parameters().get(0).grad()));
        assertTrue(maxAbs(lin2.parameters().get(0).grad()) > 0);
    }

    // ------------------------------------------------------------------ against the real file

    /**
     * Fields the saved file may have that the 2015 fixture lacks, and why: {@code _type} and
     * {@code train} are the common module fields newer nn writes on every module (the fixture
     * predates them; nngraph itself never reads them); {@code annotations.name} is nngraph's
     * user annotation ({@code node:annotate{name=...}}) carrying the Java node's name, used only
     * for drawing and for names when loading back.
     */
    private static final Set<String> TOLERATED_MODULE_FIELDS = Set.of("_type", "train");
    private static final Set<String> TOLERATED_ANNOTATIONS = Set.of("name");

    @Test
    void theSavedFileHasTheStructureOfTheRealNngraphFile() throws Exception {
        Path fixture = SharedFixtures.requireDir("fixtures/t7-wild")
                .resolve("python-torchfile/gmodule_with_linear_identity.t7");
        // a=nn.Identity()(); b=nn.Identity()(); c=nn.Linear(1,2)(a); nn.gModule({a,b},{nn.CAddTable(){b,c}})
        Graph g = Graph.builder().inputs("a", "b")
                .node("c", new Linear(1, 2), "a")
                .node("d", new CAddTable(), "b", "c")
                .output("d").build();
        for (boolean ascii : new boolean[] {false, true}) {
            Path file = dir.resolve("same-as-fixture" + ascii + ".t7");
            T7Bridge.save(file, g, ascii);
            List<String> expected = new Canonical().dump(Torch7.load(fixture));
            List<String> actual = new Canonical().dump(Torch7.load(file));
            assertEquals(String.join("\n", expected), String.join("\n", actual));
            assertTrue(expected.size() > 300, "the walk reached the whole file: " + expected.size());
        }
    }

    @Test
    void theRealNngraphFileLoadedAndSavedAgainRunsTheSame() throws Exception {
        Path fixture = SharedFixtures.requireDir("fixtures/t7-wild")
                .resolve("python-torchfile/gmodule_with_linear_identity.t7");
        Graph lua = assertInstanceOf(Graph.class, T7Bridge.loadModule(fixture));
        Path file = dir.resolve("resaved.t7");
        T7Bridge.save(file, lua, false);
        Graph back = assertInstanceOf(Graph.class, T7Bridge.loadModule(file));
        TorchRandom.manualSeed(3);
        Table x = Table.of(Tensor.uniform(-1, 1, 4, 1), Tensor.uniform(-1, 1, 4, 2));
        Tensor gradOut = Tensor.uniform(-1, 1, 4, 2);
        lua.zeroGradParameters();
        back.zeroGradParameters();
        assertSameData(lua.forward(x), back.forward(x), "output");
        assertSameData(lua.backward(x, gradOut), back.backward(x, gradOut), "gradInput");
        List<Parameter> p = lua.parameters();
        List<Parameter> p2 = back.parameters();
        assertEquals(2, p.size());
        for (int i = 0; i < p.size(); i++) {
            assertEquals(0.0, p.get(i).value().maxAbsDiff(p2.get(i).value()), "parameter " + i);
            assertEquals(0.0, p.get(i).grad().maxAbsDiff(p2.get(i).grad()), "gradient " + i);
        }
    }

    /**
     * A canonical listing of an object graph: every table and object once, at the first path a
     * walk in sorted key order reaches it, later occurrences as references to that path; string
     * keys sorted, then the array part, then object keys (nngraph's reverse indexes) by their
     * value. Strings (debug labels) and tensor contents are left out, tensor sizes kept.
     */
    private static final class Canonical {
        private final Map<Object, String> seen = new IdentityHashMap<>();
        private final List<String> lines = new ArrayList<>();

        List<String> dump(Object root) {
            walk(root, "g", "");
            return lines;
        }

        private void walk(Object o, String path, String owner) {
            if (o instanceof T7Table || o instanceof T7Object || o instanceof T7Tensor) {
                String first = seen.get(o);
                if (first != null) {
                    lines.add(path + " = @" + first);
                    return;
                }
                seen.put(o, path);
            }
            if (o instanceof T7Object obj) {
                lines.add(path + " : " + obj.className());
                walkTable(obj.fields(), path, obj.className());
            } else if (o instanceof T7Table t) {
                lines.add(path + " : table");
                walkTable(t, path, path.endsWith(".annotations") ? "annotations" : "");
            } else if (o instanceof T7Tensor t) {
                lines.add(path + " : " + t.className() + Arrays.toString(t.sizes()));
            } else if (o instanceof String) {
                lines.add(path + " : string");
            } else {
                lines.add(path + " = " + o);
            }
        }

        private void walkTable(T7Table t, String path, String owner) {
            List<String> keys = new ArrayList<>(t.stringKeys());
            keys.sort(Comparator.naturalOrder());
            for (String k : keys) {
                if (owner.startsWith("nn.") && TOLERATED_MODULE_FIELDS.contains(k)
                        || owner.equals("annotations") && TOLERATED_ANNOTATIONS.contains(k)) {
                    continue;
                }
                walk(t.get(k), path + "." + k, owner);
            }
            int n = t.arrayLength();
            for (int i = 1; i <= n; i++) {
                walk(t.get((double) i), path + "[" + i + "]", owner);
            }
            List<Map.Entry<Object, Object>> reverse = new ArrayList<>();
            for (Map.Entry<Object, Object> e : t.asMap().entrySet()) {
                Object k = e.getKey();
                if (!(k instanceof String) && !(k instanceof Double d && d >= 1 && d <= n && d == Math.rint(d))) {
                    reverse.add(e);
                }
            }
            reverse.sort(Comparator.comparingDouble(e -> (Double) e.getValue()));
            for (Map.Entry<Object, Object> e : reverse) {
                String key = seen.getOrDefault(e.getKey(), "?" + e.getKey());
                lines.add(path + "[@" + key + "] = " + e.getValue());
            }
        }
    }
}
