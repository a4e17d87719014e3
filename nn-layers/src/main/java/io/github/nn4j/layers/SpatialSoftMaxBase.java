package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * The common part of {@link SpatialSoftMax} and {@link SpatialLogSoftMax}: the accepted shapes
 * ({@link SoftMaxLayout}), the output/gradInput buffers and the backward from the cached output;
 * each subclass names its {@link io.github.nn4j.ops.SoftMaxOps} kernel pair (one call per
 * forward or backward, never per element).
 */
abstract class SpatialSoftMaxBase extends Module<Tensor, Tensor> {

    private static final String EXPECTED = "[C, H, W] or [N, C, H, W] (or [n], [N, n])";

    private final int[] layout = new int[3];

    SpatialSoftMaxBase() {
        super(Tensor.empty(), Tensor.empty());
    }

    /** The forward kernel on the {@code [outer][dim][inner]} layout. */
    abstract void forwardKernel(double[] x, double[] y, int outer, int dim, int inner);

    /** The backward kernel from the cached output {@code y}. */
    abstract void backwardKernel(double[] g, double[] y, double[] gi, int outer, int dim, int inner);

    @Override
    public Tensor updateOutput(Tensor input) {
        if (!SoftMaxLayout.layout(input, layout)) {
            throw shapeError(EXPECTED, input);
        }
        output.resizeAs(input);
        forwardKernel(input.data(), output.data(), layout[0], layout[1], layout[2]);
        return output;
    }

    /** Uses {@code output}, which must still hold the forward of {@code input}. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, output, gradOutput);
        if (!SoftMaxLayout.layout(output, layout)) {
            throw shapeError(EXPECTED, input);
        }
        gradInput.resizeAs(output);
        backwardKernel(gradOutput.data(), output.data(), gradInput.data(), layout[0], layout[1], layout[2]);
        return gradInput;
    }
}
