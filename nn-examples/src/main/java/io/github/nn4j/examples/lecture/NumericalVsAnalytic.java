package io.github.nn4j.examples.lecture;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.layers.Graph;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.Sigmoid;

/**
 * Example 6: the numerical gradient against the analytic one on a small network, the lecture's
 * "gradient check": numerical gradients are approximate, slow (two forward passes per
 * parameter) and easy to write; analytic ones are exact, fast (one backward pass) and
 * error-prone; so compute analytically and check numerically.
 *
 * <p>The network is {@code Linear(4 -> 5) → Sigmoid → Linear(5 -> 3)} on a batch of 8, with
 * the loss {@code L = ½·Σ(y − t)²} (whose gradient {@code y − t} starts the backward pass). For
 * every parameter θᵢ the numerical gradient is {@code (L(θᵢ + h) − L(θᵢ − h)) / 2h},
 * {@code h = 1e-5}; the relative error of an element is {@code |a − n| / max(|a|, |n|)}. The
 * lecture's rule of thumb: below 1e-7 all is well, above 1e-2 the gradient is probably wrong.
 */
public final class NumericalVsAnalytic extends LectureExample {

    /** The finite-difference step. */
    public static final double STEP = 1e-5;

    private final Graph network;
    private final Tensor input;
    private final Tensor target;
    private final Tensor dy = Tensor.empty();
    private final int parameterCount;
    private final double maxRelativeError;
    private final double maxAbsoluteError;
    private final double numericalMillis;
    private final double analyticMillis;

    /** Builds the network (seeded), and computes and times both gradients. */
    public NumericalVsAnalytic() {
        TorchRandom rng = new TorchRandom(2024);
        network = Graph.builder()
                .input("x")
                .node("h", new Linear(4, 5), "x")
                .node("s", new Sigmoid(), "h")
                .node("y", new Linear(5, 3), "s")
                .output("y")
                .build();
        List<Parameter> params = network.parameters();
        for (Parameter p : params) {
            p.value().uniform(rng, -1, 1);
        }
        input = Tensor.zeros(8, 4).uniform(rng, -2, 2);
        target = Tensor.zeros(8, 3).uniform(rng, -1, 1);
        parameterCount = (int) network.parameterCount();

        // warm up both (the JIT compiles the loops), then time them
        for (int r = 0; r < 3000; r++) {
            analyticGradient();
        }
        numericalGradient(params);
        numericalGradient(params);
        int reps = 3000;
        long t0 = System.nanoTime();
        for (int r = 0; r < reps; r++) {
            analyticGradient();                                    // one forward, one backward
        }
        analyticMillis = (System.nanoTime() - t0) / 1e6 / reps;
        Tensor[] analytic = new Tensor[params.size()];
        for (int k = 0; k < params.size(); k++) {
            analytic[k] = params.get(k).grad().clone();
        }
        int numericReps = 10;
        long t1 = System.nanoTime();
        Tensor[] numeric = null;
        for (int r = 0; r < numericReps; r++) {
            numeric = numericalGradient(params);                   // two forward passes per parameter
        }
        numericalMillis = (System.nanoTime() - t1) / 1e6 / numericReps;

        double maxRel = 0;
        double maxAbs = 0;
        for (int k = 0; k < params.size(); k++) {
            double[] a = analytic[k].data();
            double[] n = numeric[k].data();
            for (int i = 0; i < analytic[k].numel(); i++) {
                double abs = Math.abs(a[i] - n[i]);
                double mag = Math.max(Math.abs(a[i]), Math.abs(n[i]));
                maxAbs = Math.max(maxAbs, abs);
                maxRel = Math.max(maxRel, mag == 0 ? 0 : abs / mag);
            }
        }
        maxRelativeError = maxRel;
        maxAbsoluteError = maxAbs;
    }

    private double loss() {
        Tensor y = (Tensor) network.forward(input);
        double l = 0;
        double[] yd = y.data();
        double[] td = target.data();
        for (int i = 0; i < y.numel(); i++) {
            double d = yd[i] - td[i];
            l += 0.5 * d * d;
        }
        return l;
    }

    private void analyticGradient() {
        network.zeroGradParameters();
        Tensor y = (Tensor) network.forward(input);
        dy.copyFrom(y).add(-1.0, target);          // dL/dy = y - t
        network.backward(input, dy);
    }

    private Tensor[] numericalGradient(List<Parameter> params) {
        Tensor[] grads = new Tensor[params.size()];
        for (int k = 0; k < params.size(); k++) {
            Tensor v = params.get(k).value();
            grads[k] = v.zerosLike();
            double[] d = v.data();
            double[] g = grads[k].data();
            for (int i = 0; i < v.numel(); i++) {
                double orig = d[i];
                d[i] = orig + STEP;
                double plus = loss();
                d[i] = orig - STEP;
                double minus = loss();
                d[i] = orig;
                g[i] = (plus - minus) / (2 * STEP);
            }
        }
        return grads;
    }

    @Override
    public String title() {
        return "numerical vs analytic gradient on Linear(4 -> 5) -> Sigmoid -> Linear(5 -> 3), batch of 8";
    }

    /**
     * The largest relative error between the two gradients over every parameter.
     *
     * @return max |a − n| / max(|a|, |n|)
     */
    public double maxRelativeError() {
        return maxRelativeError;
    }

    /**
     * The largest absolute error.
     *
     * @return max |a − n|
     */
    public double maxAbsoluteError() {
        return maxAbsoluteError;
    }

    /**
     * The number of parameters checked.
     *
     * @return 4·5 + 5 + 5·3 + 3 = 43
     */
    public int parameterCount() {
        return parameterCount;
    }

    /**
     * The time of one numerical gradient (2 forward passes per parameter).
     *
     * @return milliseconds
     */
    public double numericalMillis() {
        return numericalMillis;
    }

    /**
     * The time of one analytic gradient (one forward and one backward pass).
     *
     * @return milliseconds
     */
    public double analyticMillis() {
        return analyticMillis;
    }

    @Override
    public void print(PrintWriter out) {
        printModule(out, network);
        out.printf(Locale.ROOT, "    loss L = 1/2 * sum((y - t)^2) = %.8f, %d parameters, h = %.0e%n", loss(),
                parameterCount, STEP);
        out.printf(Locale.ROOT, "    max relative error |a - n| / max(|a|, |n|): %.3e   (lecture: < 1e-7 is good)%n",
                maxRelativeError);
        out.printf(Locale.ROOT, "    max absolute error:                         %.3e%n", maxAbsoluteError);
        out.printf(Locale.ROOT, "    numerical gradient: %9.4f ms  (%d forward passes)%n", numericalMillis,
                2 * parameterCount);
        out.printf(Locale.ROOT, "    analytic gradient:  %9.4f ms  (1 forward + 1 backward pass): %.0fx faster%n",
                analyticMillis, numericalMillis / analyticMillis);
        analyticGradient();
    }

    @Override
    public Module<?, ?> picture() {
        analyticGradient();
        return network;
    }
}
