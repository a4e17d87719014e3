package io.github.nn4j.examples.lecture;

import java.io.PrintWriter;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientCheckReport;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.layers.CMulTable;
import io.github.nn4j.layers.Graph;

/**
 * Example 5: a gate of one's own, {@link MultiplyGate} (forward keeps x and y, backward returns
 * {@code [y·dz, x·dz]}), run on the lecture's numbers {@code x = 3, y = −4} and then verified the
 * way every module should be: with {@link GradientChecker} on random tensors, one sample and a
 * batch, against central differences.
 */
public final class WriteYourOwnGate extends LectureExample {

    private final MultiplyGate gate = new MultiplyGate();
    private final double z;
    private final double dx;
    private final double dy;
    private final GradientCheckReport oneSample;
    private final GradientCheckReport batch;
    private final double differenceToCMulTable;
    private final Graph picture;

    /** Runs the gate and the gradient checks (the global generator is not touched). */
    public WriteYourOwnGate() {
        Table in = Table.of(scalar(3), scalar(-4));
        z = value(gate.forward(in));
        Table g = gate.backward(in, scalar(2.0));
        dx = value(g, 0);
        dy = value(g, 1);

        io.github.nn4j.TorchRandom rng = new io.github.nn4j.TorchRandom(42);
        Table sample = Table.of(Tensor.zeros(5).uniform(rng, -2, 2), Tensor.zeros(5).uniform(rng, -2, 2));
        Table batchIn = Table.of(Tensor.zeros(3, 4).uniform(rng, -2, 2), Tensor.zeros(3, 4).uniform(rng, -2, 2));
        oneSample = GradientChecker.check(new MultiplyGate(), sample);
        batch = GradientChecker.check(new MultiplyGate(), batchIn);

        Tensor mine = new MultiplyGate().forward(batchIn).clone();
        Tensor torch = new CMulTable().forward(batchIn);
        differenceToCMulTable = mine.maxAbsDiff(torch);

        picture = Graph.builder().inputs("x", "y").node("z", new MultiplyGate(), "x", "y").output("z").build();
        picture.forward(in);
        picture.backward(in, scalar(2.0));
    }

    @Override
    public String title() {
        return "a MultiplyGate of one's own, checked with GradientChecker";
    }

    /**
     * The gate's output at x = 3, y = −4.
     *
     * @return −12
     */
    public double z() {
        return z;
    }

    /**
     * dx for dz = 2.
     *
     * @return y·dz = −8
     */
    public double dx() {
        return dx;
    }

    /**
     * dy for dz = 2.
     *
     * @return x·dz = 6
     */
    public double dy() {
        return dy;
    }

    /**
     * The gradient check on one sample of 5 elements.
     *
     * @return the report
     */
    public GradientCheckReport oneSampleCheck() {
        return oneSample;
    }

    /**
     * The gradient check on a 3 × 4 batch.
     *
     * @return the report
     */
    public GradientCheckReport batchCheck() {
        return batch;
    }

    /**
     * The largest difference between this gate and nn4j's {@code CMulTable} on the batch.
     *
     * @return 0 when they agree
     */
    public double differenceToCMulTable() {
        return differenceToCMulTable;
    }

    @Override
    public void print(PrintWriter out) {
        out.println("    forward(x, y): z = x * y, keeping x and y;  backward(dz): return [y * dz, x * dz]");
        heading(out, "at x = 3, y = -4, dz = 2");
        row(out, "z = x * y", z, "-12");
        row(out, "dx = y * dz", dx, "-8");
        row(out, "dy = x * dz", dy, "6");
        out.println("  GradientChecker (central differences, h = 1e-6):");
        out.printf(java.util.Locale.ROOT, "    one sample [5]:  max abs error %.2e, max rel error %.2e -> %s%n",
                oneSample.maxAbsError(), oneSample.maxRelError(), oneSample.passed(1e-6) ? "passed" : "FAILED");
        out.printf(java.util.Locale.ROOT, "    batch [3, 4]:    max abs error %.2e, max rel error %.2e -> %s%n",
                batch.maxAbsError(), batch.maxRelError(), batch.passed(1e-6) ? "passed" : "FAILED");
        out.printf(java.util.Locale.ROOT, "    same output as nn.CMulTable: max difference %.1e%n", differenceToCMulTable);
    }

    @Override
    public Module<?, ?> picture() {
        return picture;
    }
}
