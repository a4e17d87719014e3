package io.github.nn4j.layers;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;

/**
 * Batch normalisation of feature planes (Torch's {@code nn.SpatialBatchNormalization},
 * {@code SpatialBatchNormalization.lua}, a subclass of {@code nn.BatchNormalization} with
 * {@code nDim = 4}, and THNN {@code generic/BatchNormalization.c}): exactly
 * {@link BatchNormalization}, where the statistics of plane {@code f} (dimension 1; Lua's 2) run
 * over the batch and every position, {@code n = N·H·W} elements:
 * <pre>
 *   y[b, f, h, w] = (x[b, f, h, w] − mean_f) · invstd_f · w_f + b_f
 * </pre>
 * with the batch statistics in training mode (the running ones updated with momentum and the
 * unbiased variance) and the running statistics in evaluation mode; see
 * {@link BatchNormalization} for the formulas, the backward and the initialisation.
 *
 * <table class="striped">
 *   <caption>Shapes ({@code C = nOutput})</caption>
 *   <tr><th>tensor</th><th>batch</th><th>one sample (evaluation only)</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>{@code [N, C, H, W]}</td>
 *       <td>{@code [C, H, W]}</td></tr>
 *   <tr><td>weight, bias, gradWeight, gradBias (affine only)</td><td colspan="2">{@code [C]}</td></tr>
 *   <tr><td>running_mean, running_var, save_mean, save_std</td><td colspan="2">{@code [C]}</td></tr>
 * </table>
 *
 * <p>Prints {@code nn.SpatialBatchNormalization (4D) (C)}, as Torch. The {@code .t7} fields are
 * {@link BatchNormalization}'s. <b>Differences from Torch:</b> those of {@link BatchNormalization}
 * (a {@code [C, H, W]} input in evaluation mode gives a {@code [C, H, W]} output; Torch reshapes
 * the caller's input to {@code [1, C, H, W]} and returns that shape).
 */
public class SpatialBatchNormalization extends BatchNormalization {

    /**
     * {@code SpatialBatchNormalization(nOutput, 1e-5, 0.1, true)}.
     *
     * @param nOutput the number of planes, positive
     */
    public SpatialBatchNormalization(int nOutput) {
        this(nOutput, 1e-5, 0.1, true);
    }

    /**
     * {@code SpatialBatchNormalization(nOutput, eps, 0.1, true)}.
     *
     * @param nOutput the number of planes, positive
     * @param eps added to the variance, finite and not negative
     */
    public SpatialBatchNormalization(int nOutput, double eps) {
        this(nOutput, eps, 0.1, true);
    }

    /**
     * {@code SpatialBatchNormalization(nOutput, eps, momentum, true)}.
     *
     * @param nOutput the number of planes, positive
     * @param eps added to the variance, finite and not negative
     * @param momentum the weight of the batch statistics in the running ones, in {@code [0, 1]}
     */
    public SpatialBatchNormalization(int nOutput, double eps, double momentum) {
        this(nOutput, eps, momentum, true);
    }

    /**
     * A batch normalisation of {@code [N, nOutput, H, W]} input.
     *
     * @param nOutput the number of planes, positive
     * @param eps added to the variance, finite and not negative
     * @param momentum the weight of the batch statistics in the running ones, in {@code [0, 1]}
     * @param affine whether to learn a weight and a bias
     */
    public SpatialBatchNormalization(int nOutput, double eps, double momentum, boolean affine) {
        super(4, nOutput, eps, momentum, affine);
    }

    @Override
    public SpatialBatchNormalization reset() {
        super.reset();
        return this;
    }

    @Override
    public SpatialBatchNormalization reset(double stdv) {
        return reset();
    }

    @Override
    public SpatialBatchNormalization clearState() {
        super.clearState();
        return this;
    }

    /**
     * Reads fbcunn's {@code fbnn.SpatialBatchNormalization} (facebook/fbcunn
     * {@code fbcunn/SpatialBatchNormalization.lua}, class version 1): {@code running_mean},
     * {@code running_std} (an average of inverse standard deviations), {@code eps},
     * {@code momentum}, {@code affine} (without it {@code weight}/{@code bias} are empty tensors),
     * {@code weight}, {@code bias} and their gradients. Loads as this module with
     * {@link #useFbnnRunningStd()} and {@code running_var = running_std⁻² − eps}; fbcunn's buffers
     * ({@code std}, {@code centered}, {@code normalized}) are ignored.
     */
    static SpatialBatchNormalization readFbnn(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        Tensor rm = in.tensor(o, "running_mean");
        Tensor rs = in.tensor(o, "running_std");
        int c = rm.numel();
        if (c == 0 || rs.numel() != c) {
            throw in.error(o.className() + ": running_mean of size " + rm.shapeString() + " and running_std of size "
                    + rs.shapeString() + " must be [C] with C > 0");
        }
        Tensor w = in.optTensor(o, "weight");
        boolean affine = !Boolean.FALSE.equals(o.get("affine")) && w != null && w.numel() > 0;
        double eps = o.getNumber("eps", 1e-5);
        SpatialBatchNormalization m = new SpatialBatchNormalization(c, eps, o.getNumber("momentum", 0.1), affine);
        if (affine) {
            LuaFields.readParameters(m, o, in);
        }
        m.runningMean().copy(rm);
        double[] v = m.runningVar().data();
        double[] r = rs.data();
        for (int f = 0; f < c; f++) {
            v[f] = 1 / (r[f] * r[f]) - eps;
        }
        m.useFbnnRunningStd();
        return m;
    }

    /** {@code nn.SpatialBatchNormalization}: the fields of {@link BatchNormalization#T7}. */
    static final T7Codec<SpatialBatchNormalization> T7 = LuaFields.codec("nn.SpatialBatchNormalization",
            SpatialBatchNormalization.class, 2,
            (o, in) -> read(o, in, SpatialBatchNormalization::new),
            BatchNormalization::write);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SpatialBatchNormalization training() {
        super.training();
        return this;
    }

    @Override
    public SpatialBatchNormalization evaluate() {
        super.evaluate();
        return this;
    }
}
