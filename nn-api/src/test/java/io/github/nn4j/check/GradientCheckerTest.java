package io.github.nn4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Criterion;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.linalg.Precision;
import io.github.nn4j.testing.Affine;
import io.github.nn4j.testing.Affine.Fault;

class GradientCheckerTest {

    @BeforeEach
    void seed() {
        TorchRandom.manualSeed(7);
    }

    @Test
    void correctModulePassesWithTinyErrors() {
        GradientCheckReport r = GradientChecker.check(new Affine(4, Fault.NONE), Tensor.uniform(-2, 2, 3, 4));
        r.assertPassed(1e-8);
        assertTrue(r.maxAbsError() < 1e-8, r.toString());
        // gradInput, two parameters, then gradInput under scale and two accumulation checks
        assertEquals(6, r.entries().size(), r.toString());
    }

    @Test
    void catchesABackwardOffByAFactorAndNamesTensorAndIndex() {
        GradientCheckReport r = GradientChecker.check(new Affine(4, Fault.GRAD_INPUT_FACTOR),
                Tensor.uniform(-2, 2, 3, 4));
        assertFalse(r.passed(1e-6));
        AssertionError e = assertThrows(AssertionError.class, () -> r.assertPassed(1e-6));
        assertTrue(e.getMessage().contains("gradInput [3, 4]"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*worst at \\[\\d, \\d\\].*"), e.getMessage());
        GradientCheckReport.Entry w = r.worst();
        assertEquals(1.01, w.analytic() / w.numeric(), 1e-6, "the worst element shows the factor");
    }

    @Test
    void catchesAModuleThatOverwritesInsteadOfAccumulating() {
        GradientCheckReport r = GradientChecker.check(new Affine(4, Fault.OVERWRITES), Tensor.uniform(-2, 2, 3, 4));
        AssertionError e = assertThrows(AssertionError.class, () -> r.assertPassed(1e-6));
        assertTrue(e.getMessage().contains("accumulation of parameter 0 (weight)"), e.getMessage());
        assertTrue(e.getMessage().contains("accumulation of parameter 1 (bias)"), e.getMessage());
        assertTrue(e.getMessage().contains("worst at [") , e.getMessage());
    }

    @Test
    void catchesAModuleThatIgnoresScale() {
        GradientCheckReport r = GradientChecker.check(new Affine(4, Fault.IGNORES_SCALE), Tensor.uniform(-2, 2, 4));
        AssertionError e = assertThrows(AssertionError.class, () -> r.assertPassed(1e-6));
        assertTrue(e.getMessage().contains("accumulation of parameter 0 (weight) gradient"), e.getMessage());
        assertTrue(e.getMessage().contains("scale 0.37) [4]"), e.getMessage());
    }

    @Test
    void leavesTheCallersInputUnchanged() {
        Tensor x = Tensor.uniform(-2, 2, 2, 4);
        Tensor before = x.clone();
        GradientChecker.check(new Affine(4, Fault.NONE), x);
        assertEquals(0.0, x.maxAbsDiff(before));
    }

    /** A criterion L = sum(c * x^2) with a deliberately wrong variant. */
    private static final class Squares extends Criterion<Tensor, Tensor> {
        private final double wrongFactor;

        Squares(double wrongFactor) {
            super(Tensor.empty());
            this.wrongFactor = wrongFactor;
        }

        @Override
        public double updateOutput(Tensor input, Tensor target) {
            double s = 0;
            for (int i = 0; i < input.numel(); i++) {
                double d = input.data()[i] - target.data()[i];
                s += d * d;
            }
            return sizeAverage ? s / input.numel() : s;
        }

        @Override
        public Tensor updateGradInput(Tensor input, Tensor target) {
            gradInput.resizeAs(input);
            double k = (sizeAverage ? 2.0 / input.numel() : 2.0) * wrongFactor;
            for (int i = 0; i < input.numel(); i++) {
                gradInput.data()[i] = k * (input.data()[i] - target.data()[i]);
            }
            return gradInput;
        }
    }

    @Test
    void checksCriteria() {
        Tensor x = Tensor.uniform(-1, 1, 3, 5);
        Tensor t = Tensor.uniform(-1, 1, 3, 5);
        GradientChecker.check(new Squares(1.0), x, t).assertPassed(1e-8);
        GradientCheckReport bad = GradientChecker.check(new Squares(0.5), x, t);
        AssertionError e = assertThrows(AssertionError.class, () -> bad.assertPassed(1e-6));
        assertTrue(e.getMessage().contains("gradInput [3, 5]"), e.getMessage());
    }

    /** {@code y = x²} elementwise, recording the products' precision at every call. */
    private static final class PrecisionProbe extends Module<Tensor, Tensor> {
        final List<Precision> seen = new ArrayList<>();

        PrecisionProbe() {
            super(Tensor.empty(), Tensor.empty());
        }

        @Override
        public Tensor updateOutput(Tensor x) {
            seen.add(Gemm.precision());
            output = x.clone().cmul(x);
            return output;
        }

        @Override
        public Tensor updateGradInput(Tensor x, Tensor g) {
            seen.add(Gemm.precision());
            gradInput = x.clone().mul(2).cmul(g);
            return gradInput;
        }
    }

    @Test
    void checksRunInFloat64InAFloat32ProcessAndRestoreIt() {
        PrecisionProbe probe = new PrecisionProbe();
        Gemm.setPrecision(Precision.FLOAT32);
        try {
            GradientChecker.check(probe, Tensor.uniform(-2, 2, 3, 4)).assertPassed(1e-6);
            assertFalse(probe.seen.isEmpty());
            assertTrue(probe.seen.stream().allMatch(p -> p == Precision.FLOAT64), probe.seen::toString);
            assertEquals(Precision.FLOAT32, Gemm.precision(), "the caller's precision is restored");
        } finally {
            Gemm.setPrecision(Precision.FLOAT64);
        }
    }

    @Test
    void rejectsANonPositiveStep() {
        assertThrows(IllegalArgumentException.class, () -> new GradientChecker(0, 1));
    }
}
