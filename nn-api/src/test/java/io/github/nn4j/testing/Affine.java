package io.github.nn4j.testing;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;

/**
 * A small test module, {@code y = w ⊙ x + b} per sample (element-wise weight and bias of size
 * n), with switchable faults to prove that the gradient checker and the contract catch them.
 */
public final class Affine extends Module<Tensor, Tensor> {

    /** The faults a test can switch on. */
    public enum Fault {
        /** Correct. */
        NONE,
        /** gradInput off by a factor 1.01. */
        GRAD_INPUT_FACTOR,
        /** gradWeight overwritten instead of accumulated. */
        OVERWRITES,
        /** scale ignored in accGradParameters. */
        IGNORES_SCALE
    }

    final Tensor weight;
    final Tensor bias;
    final Tensor gradWeight;
    final Tensor gradBias;
    private final int n;
    private final Fault fault;

    /**
     * A module for samples of n elements.
     *
     * @param n the sample size
     * @param fault the fault to inject
     */
    public Affine(int n, Fault fault) {
        super(Tensor.empty(), Tensor.empty());
        this.n = n;
        this.fault = fault;
        weight = Tensor.uniform(-1, 1, n);
        bias = Tensor.uniform(-1, 1, n);
        gradWeight = Tensor.zeros(n);
        gradBias = Tensor.zeros(n);
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (input.numel() == 0 || input.numel() % n != 0 || input.size(-1) != n || input.dim() > 2) {
            throw shapeError("[N, " + n + "] or [" + n + "]", input);
        }
        output.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        double[] w = weight.data();
        double[] b = bias.data();
        for (int i = 0; i < input.numel(); i++) {
            y[i] = w[i % n] * x[i] + b[i % n];
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        gradInput.resizeAs(input);
        double f = fault == Fault.GRAD_INPUT_FACTOR ? 1.01 : 1.0;
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double[] w = weight.data();
        for (int i = 0; i < input.numel(); i++) {
            gi[i] = f * w[i % n] * g[i];
        }
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        double s = fault == Fault.IGNORES_SCALE ? 1.0 : scale;
        if (fault == Fault.OVERWRITES) {
            gradWeight.zero();
            gradBias.zero();
        }
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gw = gradWeight.data();
        double[] gb = gradBias.data();
        for (int i = 0; i < input.numel(); i++) {
            gw[i % n] += s * g[i] * x[i];
            gb[i % n] += s * g[i];
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    @Override
    public Affine reset(double stdv) {
        double bound = stdv * Math.sqrt(3);
        weight.uniform(io.github.nn4j.TorchRandom.global(), -bound, bound);
        bias.uniform(io.github.nn4j.TorchRandom.global(), -bound, bound);
        return this;
    }

    @Override
    public String toString() {
        return "nn.Affine(" + n + ")";
    }
}
