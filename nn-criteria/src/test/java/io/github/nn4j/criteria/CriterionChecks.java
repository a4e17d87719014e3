package io.github.nn4j.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;

/** Shared helpers of the criterion tests. */
final class CriterionChecks {

    /** Central differences with h = 1e-6 agree with smooth analytic gradients far below this. */
    static final double GRADIENT_TOLERANCE = 1e-7;

    private CriterionChecks() {
    }

    /** Runs the public gradient checker and fails with its report. */
    static void assertGradient(Criterion<?, ?> criterion, io.github.nn4j.Data input, io.github.nn4j.Data target) {
        GradientChecker.check(criterion, input, target).assertPassed(GRADIENT_TOLERANCE);
    }

    /** A tensor of random 0-based labels in [0, c). */
    static Tensor labels(TorchRandom rng, int n, int c) {
        Tensor t = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.put(rng.nextInt(c), i);
        }
        return t;
    }

    /** The labels of a tensor as ints. */
    static int[] ints(Tensor labels) {
        int[] y = new int[labels.numel()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (int) labels.data()[i];
        }
        return y;
    }

    /** Asserts an IllegalArgumentException whose message contains every fragment. */
    static IllegalArgumentException assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks \"" + f + "\": " + e.getMessage());
        }
        return e;
    }

    /** Asserts element-wise equality within an absolute tolerance, with sizes. */
    static void assertTensor(Tensor expected, Tensor actual, double tol) {
        assertTrue(expected.sameSizeAs(actual), () -> "size " + actual.shapeString() + ", expected "
                + expected.shapeString());
        for (int i = 0; i < expected.numel(); i++) {
            assertEquals(expected.data()[i], actual.data()[i], tol, "element " + i);
        }
    }

    /** A second backward on the same data returns the same buffer, storage included. */
    @SuppressWarnings("unchecked")
    static void assertReusesGradInput(Criterion<?, ?> criterion, io.github.nn4j.Data input, io.github.nn4j.Data target) {
        Criterion<io.github.nn4j.Data, io.github.nn4j.Data> c =
                (Criterion<io.github.nn4j.Data, io.github.nn4j.Data>) criterion;
        c.forward(input, target);
        io.github.nn4j.Data g = c.backward(input, target);
        java.util.List<double[]> storage = new java.util.ArrayList<>();
        leaves(g, storage);
        assertTrue(g == c.backward(input, target), criterion + ": gradInput buffer reused");
        java.util.List<double[]> again = new java.util.ArrayList<>();
        leaves(g, again);
        for (int i = 0; i < storage.size(); i++) {
            assertTrue(storage.get(i) == again.get(i), criterion + ": gradInput storage reused");
        }
    }

    private static void leaves(io.github.nn4j.Data d, java.util.List<double[]> out) {
        if (d instanceof Tensor t) {
            out.add(t.data());
        } else {
            for (io.github.nn4j.Data e : (io.github.nn4j.Table) d) {
                leaves(e, out);
            }
        }
    }

    /** A tensor of ±1, alternating from +1. */
    static Tensor signs(int... size) {
        Tensor t = Tensor.zeros(size);
        for (int i = 0; i < t.numel(); i++) {
            t.data()[i] = i % 2 == 0 ? 1 : -1;
        }
        return t;
    }
}
