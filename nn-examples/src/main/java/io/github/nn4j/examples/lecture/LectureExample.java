package io.github.nn4j.examples.lecture;

import java.io.PrintWriter;
import java.util.Locale;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/**
 * One worked example of the lecture: it builds its graph from nn4j modules when constructed,
 * runs forward and backward, and prints what it computed next to the lecture's numbers.
 */
public abstract class LectureExample {

    /** For subclasses. */
    protected LectureExample() {
    }

    /**
     * The example's title, e.g. {@code "f = (x + y) * z"}.
     *
     * @return the title
     */
    public abstract String title();

    /**
     * Prints the example: its graph, the forward values and the gradients, each next to the
     * lecture's number.
     *
     * @param out where to print
     */
    public abstract void print(PrintWriter out);

    /**
     * The module to draw, after its forward and backward passes.
     *
     * @return the graph (or other module) of the example
     */
    public abstract Module<?, ?> picture();

    // ------------------------------------------------------------------ helpers for subclasses

    /**
     * A one-element tensor.
     *
     * @param v the value
     * @return {@code Tensor.of(v)}
     */
    protected static Tensor scalar(double v) {
        return Tensor.of(v);
    }

    /**
     * The only element of a one-element tensor (or of entry {@code i} of a table).
     *
     * @param d a tensor of one element
     * @return its value
     */
    protected static double value(Data d) {
        Tensor t = (Tensor) d;
        if (t.numel() != 1) {
            throw new IllegalArgumentException("expected one element, got size " + t.shapeString());
        }
        return t.data()[0];
    }

    /**
     * The only element of entry {@code i} of a table.
     *
     * @param d a table of one-element tensors
     * @param i the 0-based entry
     * @return its value
     */
    protected static double value(Data d, int i) {
        return value(((Table) d).get(i));
    }

    /**
     * Prints a heading line.
     *
     * @param out where to print
     * @param text the heading
     */
    protected static void heading(PrintWriter out, String text) {
        out.printf(Locale.ROOT, "  %-46s %14s   %s%n", text, "nn4j", "lecture");
    }

    /**
     * Prints one number next to the lecture's.
     *
     * @param out where to print
     * @param label what it is, e.g. {@code "df/dx"}
     * @param value the computed value
     * @param lecture the lecture's number as the lecture writes it
     */
    protected static void row(PrintWriter out, String label, double value, String lecture) {
        out.printf(Locale.ROOT, "    %-44s %14.8f   %s%n", label, value, lecture);
    }

    /**
     * Prints a module's description indented.
     *
     * @param out where to print
     * @param m the module
     */
    protected static void printModule(PrintWriter out, Module<?, ?> m) {
        m.toString().lines().forEach(l -> out.println("    " + l));
    }
}
