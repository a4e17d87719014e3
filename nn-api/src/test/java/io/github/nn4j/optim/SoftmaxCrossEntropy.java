package io.github.nn4j.optim;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;

/**
 * A test-only cross-entropy on raw scores (log-softmax then mean negative log-likelihood),
 * taking 0-based class targets as a {@code [B]} tensor.
 */
final class SoftmaxCrossEntropy extends Criterion<Tensor, Tensor> {

    SoftmaxCrossEntropy() {
        super(Tensor.empty());
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        int b = input.size(0);
        int c = input.size(1);
        double[] x = input.data();
        double loss = 0;
        for (int i = 0; i < b; i++) {
            double logSum = logSumExp(x, i * c, c);
            loss -= x[i * c + (int) target.data()[i]] - logSum;
        }
        return loss / b;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        int b = input.size(0);
        int c = input.size(1);
        if (!gradInput.sameSizeAs(input)) {
            gradInput.resizeAs(input);
        }
        double[] x = input.data();
        double[] g = gradInput.data();
        for (int i = 0; i < b; i++) {
            double logSum = logSumExp(x, i * c, c);
            for (int j = 0; j < c; j++) {
                g[i * c + j] = Math.exp(x[i * c + j] - logSum) / b;
            }
            g[i * c + (int) target.data()[i]] -= 1.0 / b;
        }
        return gradInput;
    }

    private static double logSumExp(double[] x, int off, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            m = Math.max(m, x[off + j]);
        }
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.exp(x[off + j] - m);
        }
        return m + Math.log(s);
    }
}
