package io.github.nn4j.optim;

import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;

/**
 * A test-only linear classifier written directly against the Module API (no concrete layers
 * exist in nn-api): scores {@code S = X·Wᵀ + 1·bᵀ}, batch input {@code [B, D]} only. It records
 * the training flag seen by each forward, so tests can check the modes a trainer sets.
 */
final class SoftmaxRegression extends Module<Tensor, Tensor> {

    final Tensor weight;
    final Tensor bias;
    final Tensor gradWeight;
    final Tensor gradBias;
    final List<Boolean> modes = new ArrayList<>();
    boolean recordModes = true;
    private final List<Parameter> parameters;
    private final int[] outputSize = new int[2];
    private final int[] gradInputSize = new int[2];

    SoftmaxRegression(int inputs, int classes, TorchRandom rng) {
        super(Tensor.empty(), Tensor.empty());
        weight = Tensor.zeros(classes, inputs).uniform(rng, -0.1, 0.1);
        bias = Tensor.zeros(classes).uniform(rng, -0.1, 0.1);
        gradWeight = Tensor.zeros(classes, inputs);
        gradBias = Tensor.zeros(classes);
        parameters = List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        if (recordModes) {
            modes.add(isTraining());
        }
        int b = input.size(0);
        int c = weight.size(0);
        if (output.dim() != 2 || output.size(0) != b || output.size(1) != c) {
            outputSize[0] = b;
            outputSize[1] = c;
            output.resize(outputSize);
        }
        Gemm.gemm(false, true, 1, input.matrix(), weight.matrix(), 0, output.matrix());
        double[] o = output.data();
        double[] bb = bias.data();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
                o[i * c + j] += bb[j];
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (!gradInput.sameSizeAs(input)) {
            gradInputSize[0] = input.size(0);
            gradInputSize[1] = input.size(1);
            gradInput.resize(gradInputSize);
        }
        Gemm.gemm(false, false, 1, gradOutput.matrix(), weight.matrix(), 0, gradInput.matrix());
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        Gemm.gemm(true, false, scale, gradOutput.matrix(), input.matrix(), 1, gradWeight.matrix());
        int b = gradOutput.size(0);
        int c = gradOutput.size(1);
        double[] g = gradOutput.data();
        double[] gb = gradBias.data();
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < c; j++) {
                gb[j] += scale * g[i * c + j];
            }
        }
    }

    /** Zeroes without the list iterator of the default (which only the JIT removes). */
    @Override
    public void zeroGradParameters() {
        gradWeight.zero();
        gradBias.zero();
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
