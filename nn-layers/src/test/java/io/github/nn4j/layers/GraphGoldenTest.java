package io.github.nn4j.layers;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.torch7.T7Object;

/**
 * Graphs against real Lua Torch: the golden {@code residual} and {@code mlp} cases, which Torch
 * built with containers ({@code Sequential}, {@code ConcatTable}, {@code CAddTable}), rebuilt as
 * {@link Graph}s from the saved modules' weights. Same output, gradInput and parameter gradients
 * (in Torch's parameter order) to 1e-12: the graph's topological order is Torch's depth-first
 * order here, and the fork at the residual's input sums the two gradients as
 * {@code ConcatTable} does.
 */
class GraphGoldenTest {

    private static List<T7Object> modules(T7Object container) {
        List<T7Object> out = new ArrayList<>();
        for (Object o : container.getTable("modules").list()) {
            out.add((T7Object) o);
        }
        return out;
    }

    private static io.github.nn4j.Module<?, ?> build(T7Object t) {
        return TorchGoldenGatesAndContainersTest.build(t);
    }

    @Test
    void residualAsAGraph() {
        // nn.Sequential():add(nn.ConcatTable():add(nn.Sequential():add(nn.Linear(5, 6)):add(nn.ReLU())
        //     :add(nn.Linear(6, 5))):add(nn.Identity())):add(nn.CAddTable())
        TorchGolden.Case c = TorchGolden.load("residual");
        T7Object concat = modules(c.model()).get(0);
        List<T7Object> branch = modules(modules(concat).get(0));
        Graph g = Graph.builder()
                .input("x")
                .node("l1", build(branch.get(0)), "x")
                .node("relu", build(branch.get(1)), "l1")
                .node("l2", build(branch.get(2)), "relu")
                .node("id", build(modules(concat).get(1)), "x")
                .node("sum", build(modules(c.model()).get(1)), "l2", "id")
                .output("sum")
                .build();
        TorchGolden.check(g, c);
    }

    @Test
    void residualWithoutTheIdentityNode() {
        // the skip connection straight from the input: x feeds l1 and the sum
        TorchGolden.Case c = TorchGolden.load("residual");
        List<T7Object> branch = modules(modules(modules(c.model()).get(0)).get(0));
        Graph g = Graph.builder()
                .input("x")
                .node("l1", build(branch.get(0)), "x")
                .node("relu", build(branch.get(1)), "l1")
                .node("l2", build(branch.get(2)), "relu")
                .node("sum", new CAddTable(), "l2", "x")
                .output("sum")
                .build();
        TorchGolden.check(g, c);
    }

    @Test
    void mlpAsAChain() {
        // nn.Sequential():add(nn.Linear(4, 6)):add(nn.ReLU()):add(nn.Linear(6, 2))
        TorchGolden.Case c = TorchGolden.load("mlp");
        List<T7Object> m = modules(c.model());
        Graph g = Graph.builder()
                .input("x")
                .node("h", build(m.get(0)), "x")
                .node("r", build(m.get(1)), "h")
                .node("y", build(m.get(2)), "r")
                .output("y")
                .build();
        TorchGolden.check(g, c);
    }
}
