package io.github.nn4j.layers;

import io.github.nn4j.ops.SoftMaxOps;
import io.github.nn4j.torch7.T7Codec;

/**
 * Softmax over the planes at every position (Torch's {@code nn.SpatialSoftMax},
 * {@code SpatialSoftMax.lua}, which runs THNN's {@code SoftMax.c} as {@code nn.SoftMax} does):
 * {@code y_c = e^(x_c − m) / Σ_j e^(x_j − m)}, {@code m = max_j x_j}, over the planes {@code c} of
 * each sample, separately at every {@code (h, w)}.
 *
 * <p>Backward from the cached output: {@code gradInput = y ⊙ (g − Σ_c g_c y_c)}, per position.
 *
 * <table class="striped">
 *   <caption>Shapes (output, gradOutput and gradInput are shaped like the input)</caption>
 *   <tr><th>input</th><th>normalised over</th></tr>
 *   <tr><td>{@code [C, H, W]} (one sample)</td><td>dimension 0, at every position</td></tr>
 *   <tr><td>{@code [N, C, H, W]} (batch)</td><td>dimension 1, for every sample and position</td></tr>
 *   <tr><td>{@code [n]}, {@code [N, n]}</td><td>the vector, each row (as {@code nn.SoftMax}, since
 *       Torch's THNN kernel accepts them too)</td></tr>
 * </table>
 * Other dimensionalities are rejected, as in THNN. The kernels are the shared
 * {@link SoftMaxOps}. Prints {@code nn.SpatialSoftMax} (Torch defines no {@code __tostring__}).
 */
public class SpatialSoftMax extends SpatialSoftMaxBase {

    /** A spatial softmax layer. */
    public SpatialSoftMax() {
    }

    @Override
    void forwardKernel(double[] x, double[] y, int outer, int dim, int inner) {
        SoftMaxOps.softMax(x, y, outer, dim, inner);
    }

    @Override
    void backwardKernel(double[] g, double[] y, double[] gi, int outer, int dim, int inner) {
        SoftMaxOps.softMaxBackward(g, y, gi, outer, dim, inner);
    }

    /** {@code nn.SpatialSoftMax}: no fields of its own. */
    static final T7Codec<SpatialSoftMax> T7 = LuaFields.stateless("nn.SpatialSoftMax", SpatialSoftMax.class, SpatialSoftMax::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialSoftMax training() {
        super.training();
        return this;
    }

    @Override
    public SpatialSoftMax evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SpatialSoftMax reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialSoftMax reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
