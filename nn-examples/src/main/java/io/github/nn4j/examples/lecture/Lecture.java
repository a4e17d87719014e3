package io.github.nn4j.examples.lecture;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The worked examples of the backpropagation lecture (Stanford CS231n style), runnable: each
 * builds its computational graph from nn4j modules, runs forward and backward, and prints its
 * values and gradients next to the lecture's numbers ({@code nn4j lecture [N] [--draw DIR]}).
 *
 * <ol>
 *   <li>{@link SumOfSquares}: {@code z = x² + y²} at (5, 3), gradient (10, 6);</li>
 *   <li>{@link AddMultiply}: {@code f = (x + y)·z} at −2, 5, −4;</li>
 *   <li>{@link SigmoidNeuron}: {@code f = σ(w0·x0 + w1·x1 + w2)} as a circuit and as Linear + Sigmoid;</li>
 *   <li>{@link GatePatterns}: add distributes, max routes, mul switches;</li>
 *   <li>{@link WriteYourOwnGate}: a {@link MultiplyGate} of one's own, gradient-checked;</li>
 *   <li>{@link NumericalVsAnalytic}: numerical against analytic gradients, error and time.</li>
 * </ol>
 * Example numbers are 1-based, as in the command line.
 */
public final class Lecture {

    private static final List<Supplier<LectureExample>> EXAMPLES = List.of(
            SumOfSquares::new, AddMultiply::new, SigmoidNeuron::new, GatePatterns::new, WriteYourOwnGate::new,
            NumericalVsAnalytic::new);

    private Lecture() {
    }

    /**
     * The number of examples.
     *
     * @return 6
     */
    public static int count() {
        return EXAMPLES.size();
    }

    /**
     * Builds and runs one example.
     *
     * @param n the example, 1-based
     * @return the example, after its forward and backward passes
     * @throws IllegalArgumentException if there is no example {@code n}
     */
    public static LectureExample example(int n) {
        if (n < 1 || n > EXAMPLES.size()) {
            throw new IllegalArgumentException("no lecture example " + n + "; the examples are 1 to " + EXAMPLES.size());
        }
        return EXAMPLES.get(n - 1).get();
    }

    /**
     * Runs one example and prints it.
     *
     * @param n the example, 1-based
     * @param out where to print
     */
    public static void run(int n, PrintWriter out) {
        LectureExample e = example(n);
        out.println("Example " + n + ": " + e.title());
        e.print(out);
        out.println();
        out.flush();
    }

    /**
     * Runs and prints every example, in order.
     *
     * @param out where to print
     */
    public static void runAll(PrintWriter out) {
        for (int n = 1; n <= EXAMPLES.size(); n++) {
            run(n, out);
        }
    }

    /**
     * Draws examples as {@code lecture-exampleN.png} and {@code lecture-exampleN.dot} in a
     * directory (created if needed).
     *
     * @param n the example, 1-based, or 0 for all
     * @param dir the directory
     * @return the files written
     * @throws IOException if writing fails
     */
    public static List<Path> draw(int n, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (int k = 1; k <= EXAMPLES.size(); k++) {
            if (n != 0 && k != n) {
                continue;
            }
            GraphDrawing d = GraphDrawing.of(example(k).picture());
            Path png = dir.resolve("lecture-example" + k + ".png");
            Path dot = dir.resolve("lecture-example" + k + ".dot");
            d.writePng(png);
            d.writeDot(dot);
            written.add(png);
            written.add(dot);
        }
        return written;
    }
}
