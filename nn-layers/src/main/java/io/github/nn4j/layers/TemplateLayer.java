package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * The common part of the template layers {@link Euclidean}, {@link WeightedEuclidean} and
 * {@link Cosine}: {@code outputSize} templates of {@code inputSize} elements, their size check,
 * the accepted inputs ({@code [inputSize]} or {@code [B, inputSize]}) and the output
 * ({@code [outputSize]} or {@code [B, outputSize]}); and, for the two Euclidean layers, the
 * backward's {@code g / (y + eps)}. The arithmetic loops stay in each class.
 */
abstract class TemplateLayer extends Module<Tensor, Tensor> {

    final int inputSize;
    final int outputSize;

    /**
     * @param name the Torch type name, for the error message
     * @param inputSize positive
     * @param outputSize positive
     * @throws IllegalArgumentException if a size is not positive
     */
    TemplateLayer(String name, int inputSize, int outputSize) {
        super(Tensor.empty(), Tensor.empty());
        if (inputSize <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException(name + "(" + inputSize + ", " + outputSize
                    + "): sizes must be positive");
        }
        this.inputSize = inputSize;
        this.outputSize = outputSize;
    }

    /** The batch size of a valid input (1 for a vector); otherwise the shape error. */
    final int batchSize(Tensor input) {
        if (input.dim() == 1 && input.size(0) == inputSize) {
            return 1;
        }
        if (input.dim() == 2 && input.size(1) == inputSize && input.size(0) > 0) {
            return input.size(0);
        }
        throw shapeError("[N, " + inputSize + "] or [" + inputSize + "]", input);
    }

    /** Checks the input and sizes {@code output} to match it; returns the batch size. */
    final int resizeOutput(Tensor input) {
        int batch = batchSize(input);
        if (input.dim() == 1) {
            Buffers.resize1(output, outputSize);
        } else {
            Buffers.resize2(output, batch, outputSize);
        }
        return batch;
    }

    /**
     * The Euclidean layers' backward step {@code div_p = g_p / (y_p + eps)} (Torch's guard
     * against a zero distance), after checking gradOutput against the output.
     *
     * @return the batch size
     */
    final int divideByDistance(Tensor input, Tensor gradOutput, Tensor div, double eps) {
        int batch = batchSize(input);
        if (gradOutput.numel() != output.numel() || output.numel() != batch * outputSize) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size " + output.shapeString());
        }
        Buffers.resize1(div, batch * outputSize);
        double[] g = gradOutput.data();
        double[] y = output.data();
        double[] d = div.data();
        for (int p = 0; p < batch * outputSize; p++) {
            d[p] = g[p] / (y[p] + eps);
        }
        return batch;
    }

    /**
     * The Euclidean distances of one sample: {@code y[yOff + j] = sqrt(Σᵢ r[rOff + i·m + j]²)} for
     * the differences {@code r} ({@code inputSize × m}, one column per template).
     */
    static void distances(double[] r, int rOff, double[] y, int yOff, int inputSize, int m) {
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < inputSize; i++) {
                double v = r[rOff + i * m + j];
                s += v * v;
            }
            y[yOff + j] = Math.sqrt(s);
        }
    }
}
