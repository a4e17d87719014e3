package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * The common part of {@link HardShrink} and {@link SoftShrink}: the band half width {@code λ ≥ 0}
 * (Torch field {@code lambda}), its check, and the backward both share, {@code gradInput =
 * gradOutput} where {@code |x| > λ} (strictly), else 0. Each subclass keeps its own forward loop.
 */
abstract class Shrink extends Module<Tensor, Tensor> {

    final double lambda;

    /**
     * @param name the Torch type name, for the error message
     * @param lambda the half width {@code λ ≥ 0} of the zeroed band
     * @throws IllegalArgumentException if {@code lambda} is negative or NaN
     */
    Shrink(String name, double lambda) {
        super(Tensor.empty(), Tensor.empty());
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException(name + ": lambda must be >= 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    /**
     * The half width of the zeroed band.
     *
     * @return lambda
     */
    public double lambda() {
        return lambda;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input);
        int n = input.numel();
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double l = lambda;
        for (int i = 0; i < n; i++) {
            gi[i] = x[i] > l || x[i] < -l ? g[i] : 0.0;
        }
        return gradInput;
    }
}
