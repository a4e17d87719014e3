package io.github.nn4j.layers;

import io.github.nn4j.ops.SoftMaxOps;
import io.github.nn4j.torch7.T7Codec;

/**
 * Log-softmax over the planes at every position (Torch's {@code nn.SpatialLogSoftMax},
 * {@code SpatialLogSoftMax.lua}, which runs THNN's {@code LogSoftMax.c} as {@code nn.LogSoftMax} does):
 * {@code y_c = x_c − (m + log Σ_j e^(x_j − m))}, {@code m = max_j x_j}, over the planes {@code c}
 * of each sample, separately at every {@code (h, w)}.
 *
 * <p>Backward from the cached output: {@code gradInput = g − e^y · Σ_c g_c}, per position.
 *
 * <table class="striped">
 *   <caption>Shapes (output, gradOutput and gradInput are shaped like the input)</caption>
 *   <tr><th>input</th><th>normalised over</th></tr>
 *   <tr><td>{@code [C, H, W]} (one sample)</td><td>dimension 0, at every position</td></tr>
 *   <tr><td>{@code [N, C, H, W]} (batch)</td><td>dimension 1, for every sample and position</td></tr>
 *   <tr><td>{@code [n]}, {@code [N, n]}</td><td>the vector, each row (as {@code nn.LogSoftMax}, since
 *       Torch's THNN kernel accepts them too)</td></tr>
 * </table>
 * Other dimensionalities are rejected, as in THNN. The kernels are the shared
 * {@link SoftMaxOps}. Prints {@code nn.SpatialLogSoftMax} (Torch defines no {@code __tostring__}).
 */
public class SpatialLogSoftMax extends SpatialSoftMaxBase {

    /** A spatial log-softmax layer. */
    public SpatialLogSoftMax() {
    }

    @Override
    void forwardKernel(double[] x, double[] y, int outer, int dim, int inner) {
        SoftMaxOps.logSoftMax(x, y, outer, dim, inner);
    }

    @Override
    void backwardKernel(double[] g, double[] y, double[] gi, int outer, int dim, int inner) {
        SoftMaxOps.logSoftMaxBackward(g, y, gi, outer, dim, inner);
    }

    /** {@code nn.SpatialLogSoftMax}: no fields of its own. */
    static final T7Codec<SpatialLogSoftMax> T7 = LuaFields.stateless("nn.SpatialLogSoftMax", SpatialLogSoftMax.class, SpatialLogSoftMax::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialLogSoftMax training() {
        super.training();
        return this;
    }

    @Override
    public SpatialLogSoftMax evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialLogSoftMax reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialLogSoftMax reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
