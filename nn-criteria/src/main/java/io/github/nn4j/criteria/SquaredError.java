package io.github.nn4j.criteria;

/**
 * The squared-error loss and its gradient over flat arrays, shared by {@link MSECriterion},
 * {@link WeightedMSECriterion} and {@link ClassSimplexCriterion} (which differ only in the
 * target they compare with): {@code L = Σ_k (x_k − u_k)²}, divided by {@code n} when averaging;
 * {@code gi_k = 2 (x_k − u_k)}, divided by {@code n} when averaging (THNN {@code MSECriterion.c}).
 */
final class SquaredError {

    private SquaredError() {
    }

    /**
     * The loss.
     *
     * @param x the input, first {@code n} elements
     * @param u the target, first {@code n} elements
     * @param n the element count
     * @param sizeAverage whether to divide by {@code n}
     * @return the loss
     */
    static double loss(double[] x, double[] u, int n, boolean sizeAverage) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double z = x[k] - u[k];
            sum += z * z;
        }
        return sizeAverage ? sum / n : sum;
    }

    /**
     * The gradient with respect to {@code x}, written into {@code gi}.
     *
     * @param x the input, first {@code n} elements
     * @param u the target, first {@code n} elements
     * @param gi the gradient, first {@code n} elements overwritten
     * @param n the element count
     * @param sizeAverage whether to divide by {@code n}
     */
    static void gradient(double[] x, double[] u, double[] gi, int n, boolean sizeAverage) {
        double norm = sizeAverage ? 2.0 / n : 2.0;
        for (int k = 0; k < n; k++) {
            gi[k] = norm * (x[k] - u[k]);
        }
    }
}
