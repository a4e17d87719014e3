package io.github.nn4j.examples.lecture;

import java.io.PrintWriter;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.layers.CAddTable;
import io.github.nn4j.layers.CMulTable;
import io.github.nn4j.layers.Graph;

/**
 * Example 2, the lecture's first circuit: {@code f = (x + y)·z} at {@code x = −2, y = 5, z = −4}.
 * Forward: {@code q = x + y = 3}, {@code f = q·z = −12}. Backward by the chain rule:
 * {@code ∂f/∂z = q = 3}, {@code ∂f/∂q = z = −4}, and the add gate passes {@code ∂f/∂q} to both of
 * its inputs: {@code ∂f/∂x = ∂f/∂y = −4}.
 */
public final class AddMultiply extends LectureExample {

    private final Graph graph;
    private final double q;
    private final double f;
    private final double dfdx;
    private final double dfdy;
    private final double dfdz;

    /** Builds the circuit and runs it at x = −2, y = 5, z = −4. */
    public AddMultiply() {
        graph = Graph.builder()
                .inputs("x", "y", "z")
                .node("q", new CAddTable(), "x", "y")   // q = x + y
                .node("f", new CMulTable(), "q", "z")   // f = q * z
                .output("f")
                .build();
        Table input = Table.of(scalar(-2), scalar(5), scalar(-4));
        f = value(graph.forward(input));
        q = value(graph.value(graph.node("q")));
        Table grad = (Table) graph.backward(input, scalar(1.0));
        dfdx = value(grad, 0);
        dfdy = value(grad, 1);
        dfdz = value(grad, 2);
    }

    @Override
    public String title() {
        return "f = (x + y) * z at x = -2, y = 5, z = -4";
    }

    /**
     * The add gate's output.
     *
     * @return q = x + y = 3
     */
    public double q() {
        return q;
    }

    /**
     * The output.
     *
     * @return f = −12
     */
    public double f() {
        return f;
    }

    /**
     * ∂f/∂x.
     *
     * @return z = −4
     */
    public double dfdx() {
        return dfdx;
    }

    /**
     * ∂f/∂y.
     *
     * @return z = −4
     */
    public double dfdy() {
        return dfdy;
    }

    /**
     * ∂f/∂z.
     *
     * @return q = 3
     */
    public double dfdz() {
        return dfdz;
    }

    @Override
    public void print(PrintWriter out) {
        printModule(out, graph);
        heading(out, "forward");
        row(out, "q = x + y", q, "3");
        row(out, "f = q * z", f, "-12");
        heading(out, "backward");
        row(out, "df/dz = q", dfdz, "3");
        row(out, "df/dq = z", value(graph.gradient(graph.node("q"))), "-4");
        row(out, "df/dx = df/dq * dq/dx = z * 1", dfdx, "-4");
        row(out, "df/dy = df/dq * dq/dy = z * 1", dfdy, "-4");
    }

    @Override
    public Module<?, ?> picture() {
        return graph;
    }
}
