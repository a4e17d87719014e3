package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.testing.Affine;
import io.github.nn4j.testing.ModuleContractTest;

/**
 * The module contract on a graph of two inputs (a table) and two outputs (a table), where one
 * output also feeds another node and an input is an output too.
 */
class GraphTableContractTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return Graph.builder()
                .inputs("x", "y")
                .node("h", new Affine(3, Affine.Fault.NONE), "x")
                .node("e", new Exp(), "h")
                .node("p", new Product(), "h", "y")
                .node("q", new Product(), "e", "p")
                .outputs("h", "q", "y")
                .build();
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(3), uniform(3));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 3), uniform(batchSize, 3));
    }

    @Override
    protected String expectedToString() {
        return """
                nn.gModule(x, y -> h, q, y)
                  (1) x = input
                  (2) y = input
                  (3) h = nn.Affine(3) <- (x)
                  (4) e = nn.Exp <- (h)
                  (5) p = nn.Product <- (h, y)
                  (6) q = nn.Product <- (e, p)""";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3));
    }
}
