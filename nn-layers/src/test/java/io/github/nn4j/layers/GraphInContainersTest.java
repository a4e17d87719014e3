package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;

/** A graph used as a module inside the other containers, and containers used as graph nodes. */
class GraphInContainersTest {

    private static Graph neuron() {
        return Graph.builder()
                .inputs("x", "w")
                .node("wx", new CMulTable(), "w", "x")
                .node("z", new CAddTable(), "wx", "x")
                .node("f", new Sigmoid(), "z")
                .output("f")
                .build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGraphInsideASequentialIsTrainedAndCopiedDeeply() {
        TorchRandom.manualSeed(3);
        Graph g = Graph.builder()
                .input("x")
                .node("h", new Linear(4, 3), "x")
                .node("t", new Tanh(), "h")
                .node("skip", new Linear(4, 3), "x")
                .node("sum", new CAddTable(), "t", "skip")
                .output("sum")
                .build();
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(g).add(new Linear(3, 2));
        assertEquals(6, net.parameters().size());
        Tensor x = Tensor.uniform(-2, 2, 5, 4);
        GradientChecker.check(net, x).assertPassed(1e-6);

        Sequential<Tensor, Tensor> copy = (Sequential<Tensor, Tensor>) net.copy();
        Graph gc = (Graph) copy.get(0);
        assertNotSame(g, gc);
        assertSame(gc.children().get(0), gc.module(gc.node("h")), "the copy's nodes run the copy's modules");
        List<Parameter> mine = net.parameters();
        List<Parameter> theirs = copy.parameters();
        for (int k = 0; k < mine.size(); k++) {
            assertFalse(mine.get(k).value().sharesStorageWith(theirs.get(k).value()));
        }
        Tensor expected = net.forward(x).clone();
        mine.get(0).value().fill(0);
        assertEquals(0.0, expected.maxAbsDiff(copy.forward(x)));
    }

    @Test
    void containersAndGraphsAsNodes() {
        TorchRandom.manualSeed(4);
        Sequential<Tensor, Tensor> mlp = new Sequential<Tensor, Tensor>().add(new Linear(3, 3)).add(new ReLU());
        Graph g = Graph.builder()
                .inputs("x", "w")
                .node("mlp", mlp, "x")
                .node("neuron", neuron(), "mlp", "w")
                .output("neuron")
                .build();
        Table in = Table.of(Tensor.uniform(-2, 2, 2, 3), Tensor.uniform(-2, 2, 2, 3));
        GradientChecker.check(g, in).assertPassed(1e-6);
    }

    @Test
    void aNodeWithATableOutputFeedingTwoNodesGetsItsTableGradientsSummed() {
        TorchRandom.manualSeed(6);
        Graph g = Graph.builder()
                .input("x")
                .node("both", new ConcatTable<Tensor>().add(new Linear(3, 2)).add(new Tanh()), "x")
                .node("first", new SelectTable(0), "both")
                .node("second", new SelectTable(1), "both")
                .node("sq", new Square(), "second")
                .node("f", new JoinTable(0), "first", "sq")
                .output("f")
                .build();
        Tensor x = Tensor.uniform(-2, 2, 3);
        GradientChecker.check(g, x).assertPassed(1e-6);
        // the summed table gradient: each SelectTable fills its own entry and zeros in the other
        g.forward(x);
        g.backward(x, Tensor.uniform(-1, 1, 5));
        Table sum = (Table) g.gradient(g.node("both"));
        assertEquals(2, sum.size());
        Table fromFirst = (Table) g.edgeGradient(g.node("first"), 0);
        Table fromSecond = (Table) g.edgeGradient(g.node("second"), 0);
        assertEquals(0.0, sum.tensor(0).maxAbsDiff(fromFirst.tensor(0).clone().add(fromSecond.tensor(0))));
        assertEquals(0.0, sum.tensor(1).maxAbsDiff(fromFirst.tensor(1).clone().add(fromSecond.tensor(1))));
        assertEquals(0.0, fromSecond.tensor(0).maxAbsDiff(fromSecond.tensor(0).zerosLike()), "SelectTable zero-fills");
    }

    @Test
    void sharedWeightsBetweenTwoNodesThroughShare() {
        TorchRandom.manualSeed(5);
        Linear a = new Linear(3, 3);
        Linear b = new Linear(3, 3);
        b.share(a, "weight", "bias", "gradWeight", "gradBias");
        Graph g = Graph.builder()
                .input("x")
                .node("a", a, "x")
                .node("t", new Tanh(), "a")
                .node("b", b, "t")
                .output("b")
                .build();
        Tensor x = Tensor.uniform(-1, 1, 2, 3);
        Tensor go = Tensor.uniform(-1, 1, 2, 3);
        g.zeroGradParameters();
        g.forward(x);
        g.backward(x, go);
        // the shared gradient holds both uses: compare with the two Linear gradients computed apart
        Linear a2 = new Linear(3, 3);
        a2.weight().copy(a.weight());
        a2.bias().copy(a.bias());
        Linear b2 = (Linear) a2.copy();
        Tanh t2 = new Tanh();
        a2.zeroGradParameters();
        b2.zeroGradParameters();
        Tensor h = a2.forward(x);
        Tensor s = t2.forward(h);
        b2.forward(s);
        Tensor gs = b2.backward(s, go);
        a2.backward(x, t2.backward(h, gs));
        Tensor expected = a2.parameters().get(0).grad().clone().add(b2.parameters().get(0).grad());
        assertEquals(0.0, a.parameters().get(0).grad().maxAbsDiff(expected), 1e-14);
    }
}
