package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.testing.Affine;
import io.github.nn4j.testing.ModuleContractTest;

/**
 * The module contract on a graph of one input with parameters, a fork (x feeds two nodes, so its
 * gradient is a sum) and a node of two inputs.
 */
@ContractFor(Graph.class)
class GraphContractTest extends ModuleContractTest {

    static Graph forkAndJoin() {
        return Graph.builder()
                .input("x")
                .node("a", new Affine(4, Affine.Fault.NONE), "x")
                .node("s", new Square(), "a")
                .node("b", new Affine(4, Affine.Fault.NONE), "x")
                .node("p", new Product(), "s", "b")
                .node("out", new AddConstant(0.5), "p")
                .output("out")
                .build();
    }

    @Override
    protected Module<?, ?> createModule() {
        return forkAndJoin();
    }

    @Override
    protected Data sampleInput() {
        return uniform(4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return """
                nn.gModule(x -> out)
                  (1) x = input
                  (2) a = nn.Affine(4) <- (x)
                  (3) s = nn.Square <- (a)
                  (4) b = nn.Affine(4) <- (x)
                  (5) p = nn.Product <- (s, b)
                  (6) out = nn.AddConstant <- (p)""";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 5);
    }
}
