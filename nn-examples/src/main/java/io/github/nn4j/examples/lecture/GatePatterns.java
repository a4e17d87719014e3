package io.github.nn4j.examples.lecture;

import java.io.PrintWriter;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.layers.CAddTable;
import io.github.nn4j.layers.CMaxTable;
import io.github.nn4j.layers.CMulTable;
import io.github.nn4j.layers.Graph;
import io.github.nn4j.layers.MulConstant;

/**
 * Example 4, patterns in the backward flow: {@code f = 2·(x·y + max(z, w))} at
 * {@code x = 3, y = −4, z = 2, w = −1}.
 * <ul>
 *   <li>the <b>add</b> gate distributes its gradient equally to its inputs (2 and 2);</li>
 *   <li>the <b>max</b> gate routes it to the larger input ({@code z} gets 2, {@code w} gets 0);</li>
 *   <li>the <b>mul</b> gate switches its inputs: {@code ∂f/∂x = y·2 = −8}, {@code ∂f/∂y = x·2 = 6}.</li>
 * </ul>
 */
public final class GatePatterns extends LectureExample {

    private final Graph graph;
    private final double f;
    private final double[] grads = new double[4];

    /** Builds the circuit and runs it. */
    public GatePatterns() {
        graph = Graph.builder()
                .inputs("x", "y", "z", "w")
                .node("x*y", new CMulTable(), "x", "y")
                .node("max(z,w)", new CMaxTable(), "z", "w")
                .node("sum", new CAddTable(), "x*y", "max(z,w)")
                .node("f", new MulConstant(2), "sum")
                .output("f")
                .build();
        Table in = Table.of(scalar(3), scalar(-4), scalar(2), scalar(-1));
        f = value(graph.forward(in));
        Table g = (Table) graph.backward(in, scalar(1.0));
        for (int i = 0; i < 4; i++) {
            grads[i] = value(g, i);
        }
    }

    @Override
    public String title() {
        return "add distributes, max routes, mul switches: f = 2 * (x*y + max(z, w)) at x = 3, y = -4, z = 2, w = -1";
    }

    /**
     * The output.
     *
     * @return 2·(−12 + 2) = −20
     */
    public double f() {
        return f;
    }

    /**
     * The gradients.
     *
     * @return [∂f/∂x, ∂f/∂y, ∂f/∂z, ∂f/∂w] = [−8, 6, 2, 0]
     */
    public double[] gradients() {
        return grads.clone();
    }

    @Override
    public void print(PrintWriter out) {
        printModule(out, graph);
        heading(out, "forward");
        row(out, "x*y", value(graph.value(graph.node("x*y"))), "-12");
        row(out, "max(z, w)", value(graph.value(graph.node("max(z,w)"))), "2");
        row(out, "f", f, "-20");
        heading(out, "backward");
        row(out, "df/d(sum)   (*2 scales)", value(graph.gradient(graph.node("sum"))), "2");
        row(out, "df/d(x*y)   (add distributes)", value(graph.gradient(graph.node("x*y"))), "2");
        row(out, "df/d(max)   (add distributes)", value(graph.gradient(graph.node("max(z,w)"))), "2");
        row(out, "df/dx = y * 2   (mul switches)", grads[0], "-8");
        row(out, "df/dy = x * 2   (mul switches)", grads[1], "6");
        row(out, "df/dz   (max routes to the larger)", grads[2], "2");
        row(out, "df/dw   (max routes: none for the smaller)", grads[3], "0");
    }

    @Override
    public Module<?, ?> picture() {
        return graph;
    }
}
