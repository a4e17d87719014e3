package io.github.nn4j.examples.data;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.optim.Dataset;

/**
 * Interleaved spirals in the plane, the toy problem of Stanford's CS231n notes ("Putting it
 * together: minimal neural network case study"), which a linear classifier cannot separate.
 *
 * <p>For class {@code k = 0 … K−1} and {@code N} points per class, with
 * {@code linspace(a, b, N)} as NumPy's ({@code a + i·(b − a)/(N − 1)}, the last point exactly
 * {@code b}):
 * <pre>
 *   r = linspace(0, 1, N)
 *   t = linspace(4k, 4(k + 1), N) + 0.2 · randn(N)
 *   x = (r · sin t, r · cos t),  label k
 * </pre>
 *
 * <p>The normal draws come from the given {@link TorchRandom}, one per point, class by class,
 * point by point, so a seed fixes the data. Samples are stored class by class.
 *
 * <table class="striped">
 *   <caption>The data set</caption>
 *   <tr><th>features</th><th>labels</th></tr>
 *   <tr><td>{@code [K·N, 2]}</td><td>{@code K·N} labels in {@code [0, K)}</td></tr>
 * </table>
 */
public final class SpiralData {

    /** The standard deviation of the angular noise. */
    public static final double NOISE = 0.2;

    private SpiralData() {
    }

    /**
     * CS231n's three spirals.
     *
     * @param pointsPerClass {@code N}, positive
     * @param seed the seed of a fresh {@link TorchRandom}
     * @return the data set, {@code [3N, 2]}
     */
    public static Dataset generate(int pointsPerClass, long seed) {
        return generate(pointsPerClass, 3, new TorchRandom(seed));
    }

    /**
     * {@code classes} interleaved spirals.
     *
     * @param pointsPerClass {@code N}, positive
     * @param classes {@code K}, positive
     * @param rng the generator of the angular noise
     * @return the data set, {@code [K·N, 2]}
     */
    public static Dataset generate(int pointsPerClass, int classes, TorchRandom rng) {
        if (pointsPerClass < 1 || classes < 1) {
            throw new IllegalArgumentException("need at least one class and one point per class, got " + classes
                    + " classes of " + pointsPerClass + " points");
        }
        int n = pointsPerClass;
        double[] x = new double[classes * n * 2];
        int[] labels = new int[classes * n];
        for (int k = 0; k < classes; k++) {
            for (int i = 0; i < n; i++) {
                double r = linspace(0, 1, n, i);
                double t = linspace(4.0 * k, 4.0 * (k + 1), n, i) + rng.normal(0, 1) * NOISE;
                int row = k * n + i;
                x[2 * row] = r * Math.sin(t);
                x[2 * row + 1] = r * Math.cos(t);
                labels[row] = k;
            }
        }
        return new Dataset(Tensor.fromArray(x, classes * n, 2), labels, classes);
    }

    /**
     * Element {@code i} of NumPy's {@code linspace(start, stop, num)}.
     *
     * @param start the first value
     * @param stop the last value
     * @param num the number of values
     * @param i the index
     * @return {@code start + i·(stop − start)/(num − 1)}, exactly {@code stop} at the end
     */
    static double linspace(double start, double stop, int num, int i) {
        if (num == 1) {
            return start;
        }
        if (i == num - 1) {
            return stop;
        }
        return i * ((stop - start) / (num - 1)) + start;
    }
}
