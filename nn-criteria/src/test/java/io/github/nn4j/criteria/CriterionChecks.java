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
    static void assertGradient(Criterion<?, ?> criterion, Tensor input, Tensor target) {
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
}
