package io.github.nn4j.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

/**
 * The two gradient helpers of the CS231n assignments ({@code gradient_check.py}) for any scalar
 * function of a tensor, such as a regularised loss {@code L(W)}: {@link #of} is
 * {@code eval_numerical_gradient} (central differences over every element) and {@link #checkSparse}
 * is {@code grad_check_sparse} (a few random coordinates against an analytic gradient, with the
 * relative error {@code |n − a| / (|n| + |a|)} of each). {@link GradientChecker} does the same
 * for modules and criteria.
 *
 * <p>The function may read {@code x} freely; each element is moved by {@code ±h} and put back, so
 * {@code x} is unchanged afterwards. Nothing is printed: the report's {@code toString()} is the
 * table CS231n prints.
 */
public final class NumericalGradient {

    /** CS231n's default step, {@code h = 1e-5}. */
    public static final double DEFAULT_STEP = 1e-5;

    private NumericalGradient() {
    }

    /**
     * The numerical gradient of {@code f} at {@code x} with step {@link #DEFAULT_STEP}.
     *
     * @param f the scalar function
     * @param x the point, moved and restored element by element
     * @return a new tensor of {@code x}'s size
     */
    public static Tensor of(ToDoubleFunction<Tensor> f, Tensor x) {
        return of(f, x, DEFAULT_STEP);
    }

    /**
     * The numerical gradient of {@code f} at {@code x}: {@code (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h}
     * for every element {@code i}.
     *
     * @param f the scalar function
     * @param x the point, moved and restored element by element
     * @param h the step, positive
     * @return a new tensor of {@code x}'s size
     */
    public static Tensor of(ToDoubleFunction<Tensor> f, Tensor x, double h) {
        checkStep(h);
        Tensor grad = x.zerosLike();
        double[] g = grad.data();
        for (int i = 0; i < x.numel(); i++) {
            g[i] = centralDifference(f, x, i, h);
        }
        return grad;
    }

    /**
     * Checks {@code count} random coordinates of an analytic gradient against central differences
     * (CS231n's {@code grad_check_sparse}).
     *
     * @param f the scalar function
     * @param x the point, moved and restored element by element
     * @param analytic the analytic gradient of {@code f} at {@code x}, same size as {@code x}
     * @param count how many coordinates to draw (with replacement, as CS231n)
     * @param h the step, positive
     * @param seed the seed of the coordinate draws
     * @return one entry per drawn coordinate
     * @throws IllegalArgumentException if the sizes of {@code x} and {@code analytic} differ
     */
    public static SparseGradientReport checkSparse(ToDoubleFunction<Tensor> f, Tensor x, Tensor analytic,
                                                   int count, double h, long seed) {
        checkStep(h);
        if (!x.sameSizeAs(analytic)) {
            throw new IllegalArgumentException("checkSparse: analytic gradient of size " + analytic.shapeString()
                    + " for x of size " + x.shapeString());
        }
        if (count < 0 || (count > 0 && x.numel() == 0)) {
            throw new IllegalArgumentException("checkSparse: cannot draw " + count + " coordinates of "
                    + x.shapeString());
        }
        TorchRandom rng = new TorchRandom(seed);
        List<SparseGradientReport.Entry> entries = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            int i = rng.nextInt(x.numel());
            double n = centralDifference(f, x, i, h);
            double a = analytic.data()[i];
            entries.add(new SparseGradientReport.Entry(Arrays.toString(GradientChecker.unflatten(i, x.sizes())), n, a,
                    relativeError(n, a)));
        }
        return new SparseGradientReport(entries);
    }

    /**
     * CS231n's relative error {@code |n − a| / (|n| + |a|)}, 0 when both are 0.
     *
     * @param numeric the numerical value
     * @param analytic the analytic value
     * @return the relative error
     */
    static double relativeError(double numeric, double analytic) {
        double d = Math.abs(numeric) + Math.abs(analytic);
        return d == 0 ? 0 : Math.abs(numeric - analytic) / d;
    }

    private static double centralDifference(ToDoubleFunction<Tensor> f, Tensor x, int i, double h) {
        double[] d = x.data();
        double old = d[i];
        d[i] = old + h;
        double plus = f.applyAsDouble(x);
        d[i] = old - h;
        double minus = f.applyAsDouble(x);
        d[i] = old;
        return (plus - minus) / (2 * h);
    }


    private static void checkStep(double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("step h must be positive and finite, got " + h);
        }
    }
}
