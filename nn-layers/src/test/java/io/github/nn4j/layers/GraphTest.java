package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.Affine;

class GraphTest {

    @BeforeEach
    void seed() {
        TorchRandom.manualSeed(7);
    }

    // ------------------------------------------------------------------ values against closed forms

    @Test
    void aFirstLinearWithoutGradInputSkipsItAndAnyOtherPlaceIsAClearError() {
        TorchRandom.manualSeed(9);
        Linear first = new Linear(3, 4);
        Linear second = new Linear(4, 2);
        Graph g = Graph.builder().input("x").node("fc1", first, "x").node("relu", new ReLU(), "fc1")
                .node("fc2", second, "relu").output("fc2").build();
        Graph reference = g.copy();
        first.noGradInput();
        Tensor x = Tensor.uniform(-1, 1, 5, 3);
        Tensor gy = Tensor.uniform(-1, 1, 5, 2);
        g.forward(x);
        reference.forward(x);
        assertNull(g.backward(x, gy), "the graph's gradInput is its first module's: none");
        reference.backward(x, gy);
        for (int p = 0; p < 4; p++) {
            assertArrayEquals(reference.parameters().get(p).grad().data(), g.parameters().get(p).grad().data());
        }
        assertNull(g.updateGradInput(x, gy));

        second.noGradInput();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.backward(x, gy));
        assertEquals("nn.gModule(x -> fc2): node 'fc2' computes no gradInput (noGradInput(), or gradInput = nil"
                + " in a .t7 file), but node 'relu' needs it to go backward; only a module fed by the graph's only"
                + " input, and alone in using it, may skip it (enableGradInput() turns it back on)", e.getMessage());
        Graph fork = Graph.builder().input("x").node("a", new Linear(3, 2).noGradInput(), "x")
                .node("b", new Linear(3, 2), "x").node("sum", new CAddTable(), "a", "b").output("sum").build();
        fork.forward(x);
        assertThrows(IllegalStateException.class, () -> fork.backward(x, gy), "x also feeds b: its gradient is needed");
    }

    @Test
    void gradientsAddUpWhereANodeFeedsSeveral() {
        // f = x² · (x + 1): x feeds Square, AddConstant and nothing else; df/dx = 2x(x+1) + x²
        Graph g = Graph.builder()
                .input("x")
                .node("sq", new Square(), "x")
                .node("x1", new AddConstant(1), "x")
                .node("f", new Product(), "sq", "x1")
                .output("f")
                .build();
        double[] xs = {-1.5, 0.25, 2.0};
        Tensor x = Tensor.of(xs);
        Tensor f = (Tensor) g.forward(x);
        Tensor df = (Tensor) g.backward(x, Tensor.of(1, 1, 1));
        for (int i = 0; i < xs.length; i++) {
            double v = xs[i];
            assertEquals(v * v * (v + 1), f.get(i), 1e-12);
            assertEquals(2 * v * (v + 1) + v * v, df.get(i), 1e-12);
        }
    }

    @Test
    void aNodeReadingTheSameNodeTwiceGetsBothGradients() {
        Graph g = Graph.builder().input("x").node("xx", new Product(), "x", "x").output("xx").build();
        Tensor x = Tensor.of(3.0, -2.0);
        assertEquals(9.0, ((Tensor) g.forward(x)).get(0));
        Tensor d = (Tensor) g.backward(x, Tensor.of(1.0, 0.5));
        assertEquals(6.0, d.get(0));   // 2x
        assertEquals(-2.0, d.get(1));  // 2x · 0.5
    }

    @Test
    void nodeValuesAndGradientsAreExposedForDrawing() {
        Graph g = Graph.builder()
                .inputs("x", "y")
                .node("p", new Product(), "x", "y")
                .node("e", new Exp(), "p")
                .output("e")
                .build();
        Tensor x = Tensor.of(2.0);
        Tensor y = Tensor.of(-0.5);
        g.forward(Table.of(x, y));
        g.backward(Table.of(x, y), Tensor.of(1.0));
        Graph.Node p = g.node("p");
        assertEquals(-1.0, ((Tensor) g.value(p)).get(0));
        assertEquals(Math.exp(-1.0), ((Tensor) g.gradient(p)).get(0), 1e-15);
        assertEquals(-0.5 * Math.exp(-1.0), ((Tensor) g.edgeGradient(p, 0)).get(0), 1e-15);
        assertEquals(2.0 * Math.exp(-1.0), ((Tensor) g.edgeGradient(p, 1)).get(0), 1e-15);
        assertSame(x, g.value(g.node("x")));
        assertEquals(List.of("x", "y"), g.inputNodes().stream().map(Graph.Node::name).toList());
        assertEquals(List.of("e"), g.outputNodes().stream().map(Graph.Node::name).toList());
        assertTrue(g.module(g.node("e")) instanceof Exp);
        assertEquals(null, g.module(g.node("x")));
    }

    @Test
    void updateGradInputThenAccGradParametersEqualsBackward() {
        Graph a = GraphContractTest.forkAndJoin();
        Graph b = a.copy();
        Tensor x = Tensor.uniform(-2, 2, 3, 4);
        Tensor go = Tensor.uniform(-1, 1, 3, 4);
        a.zeroGradParameters();
        b.zeroGradParameters();
        a.forward(x);
        Tensor ga = ((Tensor) a.backward(x, go, 0.5)).clone();
        b.forward(x);
        Tensor gb = ((Tensor) b.updateGradInput(x, go)).clone();
        b.accGradParameters(x, go, 0.5);
        assertEquals(0.0, ga.maxAbsDiff(gb));
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        for (int k = 0; k < pa.size(); k++) {
            assertEquals(0.0, pa.get(k).grad().maxAbsDiff(pb.get(k).grad()), "parameter " + k);
        }
    }

    // ------------------------------------------------------------------ order, buffers, copies

    @Test
    void nodesAreInTopologicalOrderWithDeclarationOrderBreakingTies() {
        Affine first = new Affine(2, Affine.Fault.NONE);
        Affine second = new Affine(2, Affine.Fault.NONE);
        Graph g = Graph.builder()
                .node("out", new Product(), "h1", "h2")   // declared before what it reads
                .node("h2", second, "h1")
                .node("h1", first, "x")
                .input("x")
                .output("out")
                .build();
        assertEquals(List.of("x", "h1", "h2", "out"),
                g.nodesTopologicallySorted().stream().map(Graph.Node::name).toList());
        List<Parameter> ps = g.parameters();
        assertSame(first.parameters().get(0).value(), ps.get(0).value());
        assertSame(second.parameters().get(0).value(), ps.get(2).value());
        assertEquals(List.of(first, second, g.module(g.node("out"))), g.children());
    }

    @Test
    void steadyStateBackwardReusesTheSummationBuffers() {
        Graph g = GraphContractTest.forkAndJoin();
        Tensor x = Tensor.uniform(-2, 2, 3, 4);
        Tensor go = Tensor.uniform(-1, 1, 3, 4);
        g.forward(x);
        Data first = g.backward(x, go);
        double[] sum = ((Tensor) g.gradient(g.node("x"))).data();
        assertSame(first, g.gradInput());
        g.forward(x);
        Data second = g.backward(x, go);
        assertSame(first, second, "gradInput buffer reused");
        assertSame(sum, ((Tensor) g.gradient(g.node("x"))).data(), "summation buffer reused");
    }

    @Test
    void steadyStateForwardAndBackwardAllocateNothing() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "no allocation counter on this JVM");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;
        Graph g = Graph.builder()
                .inputs("x", "y")
                .node("a", new Affine(4, Affine.Fault.NONE), "x")
                .node("s", new Square(), "a")
                .node("p", new Product(), "s", "y")
                .node("q", new Product(), "p", "x")       // x feeds two nodes: a summed gradient
                .outputs("q", "s")                        // s is an output and feeds p: summed too
                .build();
        Table in = Table.of(Tensor.uniform(-2, 2, 3, 4), Tensor.uniform(-2, 2, 3, 4));
        Table go = Table.of(Tensor.uniform(-1, 1, 3, 4), Tensor.uniform(-1, 1, 3, 4));
        for (int i = 0; i < 20_000; i++) {   // let the JIT compile the passes
            g.forward(in);
            g.backward(in, go);
        }
        long tid = Thread.currentThread().getId();
        long before = counter.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1000; i++) {
            g.forward(in);
            g.backward(in, go);
        }
        long bytes = counter.getThreadAllocatedBytes(tid) - before;
        // nothing per call: a few hundred bytes at most for the measurement itself
        assertTrue(bytes < 1000 * 8, "allocated " + bytes + " bytes in 1000 steps");
    }

    @Test
    void aGraphNestedInAGraphIsCopiedDeeply() {
        Graph inner = GraphContractTest.forkAndJoin();
        Graph outer = Graph.builder().input("x").node("inner", inner, "x").node("e", new Exp(), "inner")
                .output("e").build();
        Graph copy = outer.copy();
        Graph innerCopy = (Graph) copy.module(copy.node("inner"));
        assertNotSame(inner, innerCopy);
        for (int k = 0; k < inner.parameters().size(); k++) {
            assertTrue(!inner.parameters().get(k).value().sharesStorageWith(innerCopy.parameters().get(k).value()));
        }
        // the copy's nodes use the copy's modules
        assertSame(innerCopy.children().get(0), innerCopy.module(innerCopy.node("a")));
        Tensor x = Tensor.uniform(-2, 2, 2, 4);
        Tensor expected = ((Tensor) outer.forward(x)).clone();
        inner.parameters().get(0).value().fill(0);
        assertEquals(0.0, expected.maxAbsDiff((Tensor) copy.forward(x)));
        GradientChecker.check(copy, x).assertPassed(1e-6);
    }

    @Test
    void modulesCannotBeAddedAfterBuilding() {
        Graph g = GraphContractTest.forkAndJoin();
        assertThrows(UnsupportedOperationException.class, () -> g.add(new Exp()));
    }

    // ------------------------------------------------------------------ build-time errors

    private static String buildError(Graph.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void aCycleIsReportedWithItsNodes() {
        String m = buildError(Graph.builder().input("x")
                .node("a", new Product(), "x", "c")
                .node("b", new Exp(), "a")
                .node("c", new Exp(), "b")
                .output("c"));
        assertTrue(m.contains("cycle") && m.contains("c -> a -> b -> c"), m);
    }

    @Test
    void anUnusedInputIsReported() {
        String m = buildError(Graph.builder().inputs("x", "y").node("e", new Exp(), "x").output("e"));
        assertTrue(m.contains("input 'y' is not used"), m);
    }

    @Test
    void anOutputNotDependingOnTheInputsIsReported() {
        String m = buildError(Graph.builder().input("x")
                .node("w", new Exp())
                .node("f", new Product(), "x", "w")
                .output("f"));
        assertTrue(m.contains("output 'f' does not depend on the inputs") && m.contains("'w'"), m);
    }

    @Test
    void aNodeNoOutputUsesIsReported() {
        String m = buildError(Graph.builder().input("x").node("e", new Exp(), "x").node("dead", new Exp(), "x")
                .output("e"));
        assertTrue(m.contains("node 'dead' is not used by any output"), m);
    }

    @Test
    void unknownDuplicateAndSharedNamesAreReported() {
        assertTrue(buildError(Graph.builder().input("x").node("e", new Exp(), "y").output("e"))
                .contains("node 'e' reads 'y', which is not declared"));
        assertTrue(buildError(Graph.builder().input("x").node("e", new Exp(), "x").output("z"))
                .contains("output 'z' is not declared"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Graph.builder().input("x").node("x", new Exp(), "x")).getMessage()
                .contains("node 'x' is declared twice"));
        Exp shared = new Exp();
        assertTrue(buildError(Graph.builder().input("x").node("a", shared, "x").node("b", shared, "a").output("b"))
                .contains("nodes 'a' and 'b' use the same module instance"));
        assertTrue(buildError(Graph.builder().input("x")).contains("at least one input and one output"));
    }

    // ------------------------------------------------------------------ run-time errors

    @Test
    void aWrongTableInputNamesTheInputs() {
        Graph g = Graph.builder().inputs("x", "y").node("p", new Product(), "x", "y").output("p").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.forward(Tensor.zeros(2)));
        assertEquals("nn.gModule(x, y -> p): expected a table of 2 inputs {x, y}, got [2]", e.getMessage());
    }

    @Test
    void aModuleRejectingItsInputIsReportedWithTheNodeName() {
        Graph g = GraphContractTest.forkAndJoin();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.forward(Tensor.zeros(2, 5)));
        assertTrue(e.getMessage().startsWith("nn.gModule(x -> out): node 'a': nn.Affine(4): expected input"),
                e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    @Test
    void aWrongGradOutputTableIsReported() {
        Graph g = Graph.builder().input("x").node("e", new Exp(), "x").outputs("e", "x").build();
        Tensor x = Tensor.zeros(2);
        g.forward(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.backward(x, x));
        assertTrue(e.getMessage().contains("expected gradOutput as a table of 2 entries {e, x}, got [2]"),
                e.getMessage());
    }

    @Test
    void theGraphIsAModuleOfModules() {
        Module<Data, Data> g = GraphContractTest.forkAndJoin();
        assertEquals("nn.gModule", g.torchTypeName());
        assertEquals(6, g.listModules().size()); // the graph and its five modules
        assertEquals(2, g.findModules(Affine.class).size());
    }
}
