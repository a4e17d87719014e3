package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;

/**
 * nngraph's {@code nn.gModule} loads as a {@link Graph}: gModules built here the way nngraph
 * lays them out (dummy input and output nodes, a split for several inputs); a real nngraph file
 * is checked in nn-examples' {@code T7WildNetsTest}.
 */
class GraphT7CodecTest {

    /** An nngraph.Node whose data has the given module, inputs and extra data fields. */
    private static T7Object node(T7Object module, List<T7Object> parents, Object... extra) {
        T7Table data = new T7Table();
        if (module != null) {
            data.put("module", module);
        }
        T7Table mapindex = new T7Table();
        for (T7Object p : parents) {
            mapindex.append(p.getTable("data"));
        }
        data.put("mapindex", mapindex);
        data.put("annotations", new T7Table());
        for (int i = 0; i < extra.length; i += 2) {
            data.put(extra[i], extra[i + 1]);
        }
        T7Object n = T7Object.withFields("nngraph.Node");
        n.fields().put("data", data);
        return n;
    }

    private static T7Object gModule(int nInputs, T7Object innode, T7Object outnode, T7Object... forward) {
        T7Object g = T7Object.withFields("nn.gModule");
        g.fields().put("nInputs", (double) nInputs).put("innode", innode).put("outnode", outnode)
                .put("forwardnodes", T7Table.listOf((Object[]) forward));
        return g;
    }

    @Test
    void oneInputChainLoadsAndRuns() throws Exception {
        TorchRandom.manualSeed(1);
        Linear lin = new Linear(3, 2);
        T7Object in = node(null, List.of());
        T7Object x = node((T7Object) T7Bridge.toT7(new Identity()), List.of(in));
        T7Object h = node((T7Object) T7Bridge.toT7(lin), List.of(x));
        h.getTable("data").getTable("annotations").put("name", "hidden");
        T7Object y = node((T7Object) T7Bridge.toT7(new Tanh()), List.of(h));
        T7Object out = node(null, List.of(y));
        Graph g = assertInstanceOf(Graph.class, T7Bridge.toJava(gModule(1, in, out, in, x, h, y, out)));
        assertEquals(List.of("nn.gModule", "nn.Identity", "nn.Linear", "nn.Tanh"),
                g.listModules().stream().map(Module::torchTypeName).toList());
        assertTrue(g.toString().contains("hidden = nn.Linear(3 -> 2) <- (node2)"), g.toString());

        Tensor input = Tensor.uniform(-1, 1, 4, 3);
        Tensor expected = new Tanh().forward(lin.forward(input)).clone();
        assertEquals(0.0, ((Tensor) g.forward(input)).maxAbsDiff(expected));
    }

    @Test
    void severalInputsAreSplitAsNngraphDoes() throws Exception {
        // a = Identity()(); b = Identity()(); gModule({a, b}, {CSubTable()({a, b}), b})
        T7Object in = node(null, List.of());
        T7Object split = node(null, List.of(in), "nSplitOutputs", 2.0);
        T7Object s2 = node(null, List.of(split), "selectindex", 2.0);
        T7Object s1 = node(null, List.of(split), "selectindex", 1.0);
        T7Object b = node((T7Object) T7Bridge.toT7(new Identity()), List.of(s2));
        T7Object a = node((T7Object) T7Bridge.toT7(new Identity()), List.of(s1));
        T7Object d = node((T7Object) T7Bridge.toT7(new CSubTable()), List.of(a, b));
        T7Object out = node(null, List.of(d, b));
        Graph g = assertInstanceOf(Graph.class, T7Bridge.toJava(gModule(2, in, out, in, split, s2, b, s1, a, d, out)));

        Tensor x1 = Tensor.of(5, 7);
        Tensor x2 = Tensor.of(1, 2);
        Table y = (Table) g.forward(Table.of(x1, x2));
        assertEquals(0.0, y.tensor(0).maxAbsDiff(Tensor.of(4, 5)));
        assertEquals(0.0, y.tensor(1).maxAbsDiff(x2));
        Table gi = (Table) g.backward(Table.of(x1, x2), Table.of(Tensor.of(1, 1), Tensor.of(10, 10)));
        assertEquals(0.0, gi.tensor(0).maxAbsDiff(Tensor.of(1, 1)));
        assertEquals(0.0, gi.tensor(1).maxAbsDiff(Tensor.of(9, 9)), "-1 from the difference, +10 from the output");
    }

    @Test
    void aModulesSplitOutputsBecomeSelectTables() throws Exception {
        // x = Identity()(); t1, t2 = ConcatTable(Identity, Tanh)(x):split(2); gModule({x}, {CSubTable()({t1, t2})})
        T7Object in = node(null, List.of());
        T7Object x = node((T7Object) T7Bridge.toT7(new Identity()), List.of(in));
        T7Object pair = node((T7Object) T7Bridge.toT7(new ConcatTable<Tensor>().add(new Identity()).add(new Tanh())),
                List.of(x));
        T7Object split = node(null, List.of(pair), "nSplitOutputs", 2.0);
        T7Object t1 = node(null, List.of(split), "selectindex", 1.0);
        T7Object t2 = node(null, List.of(split), "selectindex", 2.0);
        T7Object d = node((T7Object) T7Bridge.toT7(new CSubTable()), List.of(t1, t2));
        T7Object out = node(null, List.of(d));
        Graph g = assertInstanceOf(Graph.class, T7Bridge.toJava(gModule(1, in, out, in, x, pair, split, t1, t2, d, out)));
        assertEquals(2, g.findModules(SelectTable.class).size());

        Tensor input = Tensor.of(-1, 0.5, 2);
        Tensor y = (Tensor) g.forward(input);
        Tensor expected = input.clone().add(-1, new Tanh().forward(input));
        assertEquals(0.0, y.maxAbsDiff(expected));
        Tensor gi = (Tensor) g.backward(input, Tensor.of(1, 1, 1));
        for (int i = 0; i < 3; i++) {
            double th = Math.tanh(input.data()[i]);
            assertEquals(1 - (1 - th * th), gi.data()[i], 1e-15, "d(x - tanh x)/dx");
        }
    }

    @Test
    void unsupportedModulesInsideAreNamedWithTheirPlace() {
        T7Object in = node(null, List.of());
        T7Object conv = node(T7Object.withFields("nn.SpatialConvolutionMap"), List.of(in));
        T7Object out = node(null, List.of(conv));
        T7ModuleException e = assertThrows(T7ModuleException.class,
                () -> T7Bridge.toJava(gModule(1, in, out, in, conv, out)));
        assertEquals("forwardnodes[2].data.module: nn.SpatialConvolutionMap is not supported", e.getMessage());
    }
}
