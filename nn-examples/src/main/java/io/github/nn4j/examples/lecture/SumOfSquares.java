package io.github.nn4j.examples.lecture;

import java.io.PrintWriter;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.layers.CAddTable;
import io.github.nn4j.layers.Graph;
import io.github.nn4j.layers.Square;

/**
 * Example 1: {@code z = x² + y²} at {@code (5, 3)}; the gradient is {@code (2x, 2y) = (10, 6)}.
 *
 * <pre>
 *   x ── x² ──┐
 *             + ── z
 *   y ── x² ──┘
 * </pre>
 */
public final class SumOfSquares extends LectureExample {

    private final double x = 5;
    private final double y = 3;
    private final Graph graph;
    private final double z;
    private final double dzdx;
    private final double dzdy;

    /** Builds the graph and runs forward and backward at (5, 3). */
    public SumOfSquares() {
        graph = Graph.builder()
                .inputs("x", "y")
                .node("x²", new Square(), "x")
                .node("y²", new Square(), "y")
                .node("z", new CAddTable(), "x²", "y²")
                .output("z")
                .build();
        Table input = Table.of(scalar(x), scalar(y));
        z = value(graph.forward(input));
        Table grad = (Table) graph.backward(input, scalar(1.0));
        dzdx = value(grad, 0);
        dzdy = value(grad, 1);
    }

    @Override
    public String title() {
        return "z = x² + y² at (x, y) = (5, 3)";
    }

    /**
     * The forward value.
     *
     * @return z = 34
     */
    public double z() {
        return z;
    }

    /**
     * dz/dx.
     *
     * @return 2x = 10
     */
    public double dzdx() {
        return dzdx;
    }

    /**
     * dz/dy.
     *
     * @return 2y = 6
     */
    public double dzdy() {
        return dzdy;
    }

    @Override
    public void print(PrintWriter out) {
        printModule(out, graph);
        heading(out, "forward");
        row(out, "z = x² + y²", z, "34");
        heading(out, "backward (the gradient of z)");
        row(out, "dz/dx = 2x", dzdx, "10");
        row(out, "dz/dy = 2y", dzdy, "6");
    }

    @Override
    public Module<?, ?> picture() {
        return graph;
    }
}
