package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;

/**
 * {@link Sgd} against TORCH_NN.md §5: the worked examples run in Lua Torch on f(x) = x², and the
 * same recurrences written out independently here (scalar, straight from sgd.lua).
 */
class SgdTest {

    /** Minimises f(x) = x² from x₀ = 1 for three steps; returns x after each. */
    private static double[] quadratic(Sgd.Builder builder) {
        Parameter p = new Parameter("x", Tensor.of(1.0), Tensor.zeros(1));
        Sgd sgd = builder.build(List.of(p));
        double[] xs = new double[3];
        for (int s = 0; s < 3; s++) {
            double f = sgd.step(() -> {
                double x = p.value().get(0);
                p.grad().put(2 * x, 0);
                return x * x;
            });
            assertTrue(f >= 0);
            xs[s] = p.value().get(0);
        }
        assertEquals(3, sgd.evalCounter());
        return xs;
    }

    /** sgd.lua for one scalar, written independently of {@link Sgd}. */
    private static double[] reference(double lr, double lrd, double wd, double mom, double damp, boolean nesterov,
                                      int steps) {
        double x = 1;
        double v = 0;
        double[] xs = new double[steps];
        for (int n = 0; n < steps; n++) {
            double g = 2 * x;
            g = g + wd * x;
            if (mom != 0) {
                v = n == 0 ? g : mom * v + (1 - damp) * g;
                g = nesterov ? g + mom * v : v;
            }
            double clr = lr / (1 + n * lrd);
            x = x - clr * g;
            xs[n] = x;
        }
        return xs;
    }

    private static void assertSteps(double[] torchRounded, double[] formula, double[] actual) {
        for (int i = 0; i < actual.length; i++) {
            assertEquals(formula[i], actual[i], 1e-15, "step " + i + " against the formula");
            assertEquals(torchRounded[i], actual[i], 5e-5, "step " + i + " against Lua Torch's printout");
        }
    }

    @Test
    void momentumWithDefaultDampeningMatchesTorch() {
        Sgd.Builder b = Sgd.builder().learningRate(0.1).momentum(0.9);
        assertSteps(new double[] {0.8, 0.604, 0.4155}, reference(0.1, 0, 0, 0.9, 0.9, false, 3), quadratic(b));
        assertEquals(0.9, b.build(List.of()).dampening(), 0.0);
    }

    @Test
    void momentumWithoutDampeningMatchesTorch() {
        Sgd.Builder b = Sgd.builder().learningRate(0.1).momentum(0.9).dampening(0);
        assertSteps(new double[] {0.8, 0.46, 0.062}, reference(0.1, 0, 0, 0.9, 0, false, 3), quadratic(b));
    }

    @Test
    void nesterovMatchesTorch() {
        Sgd.Builder b = Sgd.builder().learningRate(0.1).momentum(0.9).dampening(0).nesterov(true);
        assertSteps(new double[] {0.62, 0.2224, -0.1084}, reference(0.1, 0, 0, 0.9, 0, true, 3), quadratic(b));
    }

    @Test
    void plainSgdIsGradientDescent() {
        double[] xs = quadratic(Sgd.builder().learningRate(0.1));
        assertSteps(new double[] {0.8, 0.64, 0.512}, reference(0.1, 0, 0, 0, 0, false, 3), xs);
    }

    @Test
    void weightDecayIsAddedToTheGradient() {
        double[] xs = quadratic(Sgd.builder().learningRate(0.1).weightDecay(0.5));
        // x ← x − 0.1·(2x + 0.5x) = 0.75·x
        assertSteps(new double[] {0.75, 0.5625, 0.421875}, reference(0.1, 0, 0.5, 0, 0, false, 3), xs);
        // Torch writes the decay into the gradient tensor
        Parameter p = new Parameter("w", Tensor.of(2.0), Tensor.of(1.0));
        Sgd.builder().learningRate(0.1).weightDecay(0.5).build(List.of(p)).step();
        assertEquals(2.0, p.grad().get(0), 0.0);
        assertEquals(1.8, p.value().get(0), 1e-15);
    }

    /** The one-pass update (momentum, from the second step) also leaves the decayed gradient behind. */
    @Test
    void weightDecayReachesTheGradientWithMomentumToo() {
        Parameter p = new Parameter("w", Tensor.of(2.0, -4.0), Tensor.zeros(2));
        Sgd sgd = Sgd.builder().learningRate(0.1).momentum(0.5).dampening(0.25).weightDecay(0.5).build(List.of(p));
        double[] x = {2.0, -4.0};
        double[] v = new double[2];
        for (int step = 0; step < 3; step++) {
            double[] g = {1.0 + step, -3.0 * step};
            p.grad().put(g[0], 0);
            p.grad().put(g[1], 1);
            sgd.step();
            for (int i = 0; i < 2; i++) {
                double decayed = g[i] + 0.5 * x[i];
                v[i] = step == 0 ? decayed : v[i] * 0.5 + 0.75 * decayed;
                x[i] += -0.1 * v[i];
                assertEquals(decayed, p.grad().get(i), 0.0, "gradient " + i + " after step " + step);
                assertEquals(x[i], p.value().get(i), 0.0, "value " + i + " after step " + step);
            }
        }
    }

    @Test
    void learningRateDecaysWithTheStepCount() {
        Sgd sgd = Sgd.builder().learningRate(0.1).learningRateDecay(0.5).build(List.of());
        assertEquals(0.1, sgd.currentLearningRate(), 0.0);
        double[] xs = quadratic(Sgd.builder().learningRate(0.1).learningRateDecay(0.5));
        // clr = 0.1, 0.1/1.5, 0.1/2
        assertSteps(new double[] {0.8, 0.8 * (1 - 0.2 / 1.5), 0.8 * (1 - 0.2 / 1.5) * 0.9},
                reference(0.1, 0.5, 0, 0, 0, false, 3), xs);
        Sgd.Builder all = Sgd.builder().learningRate(0.05).learningRateDecay(0.1).weightDecay(0.01).momentum(0.5)
                .dampening(0.1);
        double[] ref = reference(0.05, 0.1, 0.01, 0.5, 0.1, false, 3);
        double[] got = quadratic(all);
        for (int i = 0; i < 3; i++) {
            assertEquals(ref[i], got[i], 1e-15);
        }
    }

    @Test
    void nesterovRequiresMomentumAndZeroDampening() {
        IllegalArgumentException noMomentum = assertThrows(IllegalArgumentException.class,
                () -> Sgd.builder().nesterov(true).build(List.of()));
        assertTrue(noMomentum.getMessage().contains("Nesterov"), noMomentum.getMessage());
        IllegalArgumentException defaultDampening = assertThrows(IllegalArgumentException.class,
                () -> Sgd.builder().momentum(0.9).nesterov(true).build(List.of()));
        assertTrue(defaultDampening.getMessage().contains("dampening 0.9"), defaultDampening.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Sgd.builder().momentum(0.9).dampening(0.1).nesterov(true).build(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Sgd.builder().learningRate(-1));
        assertThrows(IllegalArgumentException.class, () -> Sgd.builder().momentum(Double.NaN));
    }

    @Test
    void updatesEveryParameterOfAList() {
        Parameter w = new Parameter("weight", Tensor.of(new double[][] {{1, 2}, {3, 4}}),
                Tensor.of(new double[][] {{1, 1}, {1, 1}}));
        Parameter b = new Parameter("bias", Tensor.of(5, 6), Tensor.of(-1, 2));
        Sgd.of(List.of(w, b), 0.5).step();
        assertEquals(0, w.value().maxAbsDiff(Tensor.of(new double[][] {{0.5, 1.5}, {2.5, 3.5}})), 0.0);
        assertEquals(0, b.value().maxAbsDiff(Tensor.of(5.5, 5)), 0.0);
    }

    @Test
    void sharedParametersAreUpdatedOnce() {
        Tensor w = Tensor.of(1.0, 2.0);
        Tensor gw = Tensor.of(1.0, 1.0);
        Parameter first = new Parameter("weight", w, gw);
        Parameter tied = new Parameter("weight", Tensor.empty().set(w), Tensor.empty().set(gw));
        Sgd sgd = Sgd.of(List.of(first, tied), 0.5);
        assertEquals(1, sgd.parameters().size());
        sgd.step();
        assertEquals(0, w.maxAbsDiff(Tensor.of(0.5, 1.5)), 0.0);

        Parameter valueOnly = new Parameter("weight", Tensor.empty().set(w), Tensor.zeros(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Adam.of(List.of(first, valueOnly), 0.1));
        assertTrue(e.getMessage().contains("shares its value") && e.getMessage().contains("gradWeight"),
                e.getMessage());
    }

    @Test
    void rejectsAParameterResizedAfterConstruction() {
        Parameter p = new Parameter("x", Tensor.of(1, 2), Tensor.zeros(2));
        Sgd sgd = Sgd.of(List.of(p), 0.1);
        p.value().resize(3);
        p.grad().resize(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, sgd::step);
        assertTrue(e.getMessage().contains("parameter x had 2 elements"), e.getMessage());
    }

    @Test
    void stepAllocatesNothing() {
        Parameter p = new Parameter("w", Tensor.uniform(-1, 1, 100, 10), Tensor.uniform(-1, 1, 100, 10));
        Sgd sgd = Sgd.builder().learningRate(1e-3).momentum(0.9).dampening(0).nesterov(true).weightDecay(1e-4)
                .build(List.of(p));
        long bytes = Allocation.bytesAllocatedBy(sgd::step, 2000);
        assertTrue(bytes < Allocation.NOISE, "bytes for 2000 steps: " + bytes);
    }
}
