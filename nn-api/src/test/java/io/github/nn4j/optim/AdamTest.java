package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;

/**
 * {@link Adam} against TORCH_NN.md §5: the worked example run in Lua Torch on f(x) = x², and
 * adam.lua's recurrence written out independently here.
 */
class AdamTest {

    /** adam.lua for one scalar on f(x) = x² from x₀ = 1, written independently of {@link Adam}. */
    private static double[] reference(double lr, double lrd, double b1, double b2, double eps, double wd, int steps) {
        double x = 1;
        double m = 0;
        double v = 0;
        double[] xs = new double[steps];
        for (int t = 0; t < steps; t++) {
            double g = 2 * x + wd * x;
            double clr = lr / (1 + t * lrd);
            int t1 = t + 1;
            m = b1 * m + (1 - b1) * g;
            v = b2 * v + (1 - b2) * g * g;
            double stepSize = clr * Math.sqrt(1 - Math.pow(b2, t1)) / (1 - Math.pow(b1, t1));
            x = x - stepSize * m / (Math.sqrt(v) + eps);
            xs[t] = x;
        }
        return xs;
    }

    private static double[] quadratic(Adam.Builder builder, int steps) {
        Parameter p = new Parameter("x", Tensor.of(1.0), Tensor.zeros(1));
        Adam adam = builder.build(List.of(p));
        double[] xs = new double[steps];
        for (int s = 0; s < steps; s++) {
            p.grad().put(2 * p.value().get(0), 0);
            adam.step();
            xs[s] = p.value().get(0);
        }
        assertEquals(steps, adam.evalCounter());
        return xs;
    }

    @Test
    void matchesTorchOnTheQuadratic() {
        double[] xs = quadratic(Adam.builder().learningRate(0.1), 3);
        double[] ref = reference(0.1, 0, 0.9, 0.999, 1e-8, 0, 3);
        double[] torch = {0.9, 0.8004, 0.7016};
        for (int i = 0; i < 3; i++) {
            assertEquals(ref[i], xs[i], 1e-15, "step " + i + " against the formula");
            assertEquals(torch[i], xs[i], 5e-5, "step " + i + " against Lua Torch's printout");
        }
    }

    @Test
    void firstStepMovesByTheLearningRate() {
        // m₁ = (1−β₁)g, v₁ = (1−β₂)g², so the first step is lr·g/(|g| + ε/√(1−β₂)·…) ≈ lr·sign(g)
        double[] xs = quadratic(Adam.builder().learningRate(0.01).epsilon(0), 1);
        assertEquals(0.99, xs[0], 1e-15);
    }

    @Test
    void weightDecayAndLearningRateDecayFollowAdamLua() {
        Adam.Builder b = Adam.builder().learningRate(0.05).learningRateDecay(0.3).beta1(0.8).beta2(0.99)
                .epsilon(1e-6).weightDecay(0.2);
        double[] xs = quadratic(b, 5);
        double[] ref = reference(0.05, 0.3, 0.8, 0.99, 1e-6, 0.2, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(ref[i], xs[i], 1e-15, "step " + i);
        }
        Adam adam = Adam.builder().learningRate(0.1).learningRateDecay(1).build(List.of());
        adam.step();
        assertEquals(0.05, adam.currentLearningRate(), 1e-17);
        // the decay is written into the gradient tensor, as Torch does
        Parameter p = new Parameter("w", Tensor.of(2.0), Tensor.of(1.0));
        Adam.builder().weightDecay(0.5).build(List.of(p)).step();
        assertEquals(2.0, p.grad().get(0), 0.0);
    }

    @Test
    void rejectsBadHyperParameters() {
        assertThrows(IllegalArgumentException.class, () -> Adam.builder().beta1(1));
        assertThrows(IllegalArgumentException.class, () -> Adam.builder().beta2(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Adam.builder().epsilon(Double.POSITIVE_INFINITY));
    }

    @Test
    void stepAllocatesNothing() {
        Parameter w = new Parameter("w", Tensor.uniform(-1, 1, 100, 10), Tensor.uniform(-1, 1, 100, 10));
        Parameter b = new Parameter("b", Tensor.uniform(-1, 1, 100), Tensor.uniform(-1, 1, 100));
        Adam adam = Adam.builder().weightDecay(1e-4).build(List.of(w, b));
        long bytes = Allocation.bytesAllocatedBy(adam::step, 2000);
        assertTrue(bytes < Allocation.NOISE, "bytes for 2000 steps: " + bytes);
    }
}
