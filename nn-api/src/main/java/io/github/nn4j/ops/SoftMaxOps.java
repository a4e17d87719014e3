package io.github.nn4j.ops;

/**
 * The softmax and log-softmax kernels, numerically stable (the maximum is subtracted before
 * exponentiating), shared by the {@code SoftMax} and {@code LogSoftMax} layers and by
 * {@code CrossEntropyCriterion} so that they live once (THNN {@code SoftMax.c},
 * {@code LogSoftMax.c}).
 *
 * <p>Arrays are laid out as {@code [outer][dim][inner]}, row-major: element {@code (o, d, i)} is
 * at {@code (o·dim + d)·inner + i}, and each method normalises over {@code d} for every
 * {@code (o, i)}. A batch of rows {@code B × C} is {@code outer = B, dim = C, inner = 1}; Torch's
 * 3-D input {@code C × H × W} is {@code outer = 1, dim = C, inner = H·W}.
 *
 * <ul>
 *   <li>log-softmax: {@code y_d = x_d − (m + log Σ_j e^(x_j − m))}, {@code m = max_j x_j};
 *       gradient {@code gi_d = g_d − e^(y_d) Σ_j g_j};</li>
 *   <li>softmax: {@code y_d = e^(x_d − m) / Σ_j e^(x_j − m)}; gradient
 *       {@code gi_d = y_d (g_d − Σ_j g_j y_j)}.</li>
 * </ul>
 * Each method writes only its output array, which may be the same array as an input.
 */
public final class SoftMaxOps {

    private SoftMaxOps() {
    }

    /**
     * Log-softmax over {@code dim}.
     *
     * @param x the input
     * @param y the output (may be {@code x})
     * @param outer the number of outer blocks
     * @param dim the size of the normalised dimension
     * @param inner the number of inner positions
     */
    public static void logSoftMax(double[] x, double[] y, int outer, int dim, int inner) {
        for (int o = 0; o < outer; o++) {
            int base = o * dim * inner;
            for (int i = 0; i < inner; i++) {
                int start = base + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int d = 0, k = start; d < dim; d++, k += inner) {
                    max = Math.max(max, x[k]);
                }
                double sum = 0;
                for (int d = 0, k = start; d < dim; d++, k += inner) {
                    sum += Math.exp(x[k] - max);
                }
                double logSum = max + Math.log(sum);
                for (int d = 0, k = start; d < dim; d++, k += inner) {
                    y[k] = x[k] - logSum;
                }
            }
        }
    }

    /**
     * The gradient of log-softmax: {@code gi = g − e^y Σ g}.
     *
     * @param gradOutput dL/dy
     * @param y the log-softmax output
     * @param gradInput the result (may be {@code gradOutput})
     * @param outer the number of outer blocks
     * @param dim the size of the normalised dimension
     * @param inner the number of inner positions
     */
    public static void logSoftMaxBackward(double[] gradOutput, double[] y, double[] gradInput,
                                          int outer, int dim, int inner) {
        for (int o = 0; o < outer; o++) {
            int base = o * dim * inner;
            for (int i = 0; i < inner; i++) {
                int start = base + i;
                double sum = 0;
                for (int d = 0, k = start; d < dim; d++, k += inner) {
                    sum += gradOutput[k];
                }
                for (int d = 0, k = start; d < dim; d++, k += inner) {
                    gradInput[k] = gradOutput[k] - Math.exp(y[k]) * sum;
                }
            }
        }
    }

    /**
     * Softmax over {@code dim}.
     *
     * @param x the input
     * @param y the output (may be {@code x})
     * @param outer the number of outer blocks
     * @param dim the size of the normalised dimension
     * @param inner the number of inner positions
     */
    public static void softMax(double[] x, double[] y, int outer, int dim, int inner) {
        for (int o = 0; o < outer; o++) {
            int base = o * dim * inner;
            for (int i = 0; i < inner; i++) {
                int start = base + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int d = 0, k = start; d < dim; d++, k += inner) {
                    max = Math.max(max, x[k]);
                }
                double sum = 0;
                for (int d = 0, k = start; d < dim; d++, k += inner) {
                    double e = Math.exp(x[k] - max);
                    y[k] = e;
                    sum += e;
                }
                double inv = 1.0 / sum;
                for (int d = 0, k = start; d < dim; d++, k += inner) {
                    y[k] *= inv;
                }
            }
        }
    }

    /**
     * The gradient of softmax: {@code gi = y ⊙ (g − Σ g ⊙ y)}.
     *
     * @param gradOutput dL/dy
     * @param y the softmax output
     * @param gradInput the result (may be {@code gradOutput})
     * @param outer the number of outer blocks
     * @param dim the size of the normalised dimension
     * @param inner the number of inner positions
     */
    public static void softMaxBackward(double[] gradOutput, double[] y, double[] gradInput,
                                       int outer, int dim, int inner) {
        for (int o = 0; o < outer; o++) {
            int base = o * dim * inner;
            for (int i = 0; i < inner; i++) {
                int start = base + i;
                double dot = 0;
                for (int d = 0, k = start; d < dim; d++, k += inner) {
                    dot += gradOutput[k] * y[k];
                }
                for (int d = 0, k = start; d < dim; d++, k += inner) {
                    gradInput[k] = y[k] * (gradOutput[k] - dot);
                }
            }
        }
    }
}
