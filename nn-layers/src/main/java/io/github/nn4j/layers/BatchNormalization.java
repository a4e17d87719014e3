package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ElementType;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;

/**
 * Batch normalisation over the feature dimension of a mini-batch (Torch's
 * {@code nn.BatchNormalization}, {@code BatchNormalization.lua} and THNN
 * {@code generic/BatchNormalization.c}), after Ioffe and Szegedy (2015):
 * <pre>
 *   y = (x − mean_f) · invstd_f · w_f + b_f,     invstd_f = 1 / √(var_f + eps)
 * </pre>
 * for every element of feature {@code f} (dimension 1 of the input; Lua's dimension 2).
 * <ul>
 *   <li><b>Training</b> ({@link #training()}, the default): {@code mean_f} and the biased
 *       {@code var_f = Σ (x − mean_f)² / n} are the statistics of the batch ({@code n} elements
 *       per feature), kept in {@link #saveMean()} and {@link #saveStd()} (which holds
 *       {@code invstd}, as Torch's {@code save_std}); the running statistics move by
 *       {@code running_mean ← momentum·mean + (1 − momentum)·running_mean} and
 *       {@code running_var ← momentum·Σ (x − mean)² / (n − 1) + (1 − momentum)·running_var}
 *       (the <em>unbiased</em> batch variance). Backward is the derivative of the batch
 *       function: {@code gradInput = (g − Σg/n − (x − mean)·invstd²·Σ(x − mean)g / n)·invstd·w}.</li>
 *   <li><b>Evaluation</b> ({@link #evaluate()}): {@code mean_f = running_mean_f},
 *       {@code var_f = running_var_f}, nothing is updated, and
 *       {@code gradInput = g·invstd·w}.</li>
 * </ul>
 * In both modes {@code gradWeight_f += scale·invstd_f·Σ (x − mean_f)·g} and
 * {@code gradBias_f += scale·Σ g}. Without {@code affine} there is no weight or bias
 * ({@code w = 1}, {@code b = 0}) and no parameters.
 *
 * <table class="striped">
 *   <caption>Shapes ({@code C = nOutput})</caption>
 *   <tr><th>tensor</th><th>batch</th><th>one sample (evaluation only)</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>{@code [N, C]}</td><td>{@code [C]}</td></tr>
 *   <tr><td>weight, bias, gradWeight, gradBias (affine only)</td><td colspan="2">{@code [C]}</td></tr>
 *   <tr><td>running_mean, running_var, save_mean, save_std</td><td colspan="2">{@code [C]}</td></tr>
 * </table>
 * {@link SpatialBatchNormalization} is the same module over {@code [N, C, H, W]}: the statistics
 * of feature {@code f} then run over the batch and all positions.
 *
 * <p><b>Initialisation</b> ({@link #reset()}, as Torch's {@code reset}): weight from
 * {@code U(0, 1)} drawn from {@link TorchRandom#global()}, bias zero, {@code running_mean} zero,
 * {@code running_var} one. {@code reset(stdv)} does the same (Torch's {@code reset} takes no
 * argument).
 *
 * <p>Prints {@code nn.BatchNormalization (2D) (C)}, as Torch's {@code __tostring__}.
 *
 * <p><b>Differences from Torch:</b> a one-sample input {@code [C]} in evaluation mode gives an
 * output {@code [C]} (Torch reshapes the caller's input to {@code [1, C]} in place and returns
 * {@code [1, C]}). {@link #backward} runs one pass over the data for gradInput and the parameter
 * gradients, as Torch's {@code BN:backward} does; {@link #updateGradInput} and
 * {@link #accGradParameters} called separately each make their own pass (also as Torch). As in
 * THNN, a training batch with a single element per feature ({@code n = 1}) gives
 * {@code running_var = NaN} (its unbiased variance is 0/0), and {@code eps = 0} with a constant
 * feature gives {@code invstd = 0}. The {@code .t7} file is written with class version 2, as
 * Torch writes it; a version-1 file holding {@code running_std} is converted as Torch's
 * {@code read} does, {@code running_var = running_std⁻² − eps} (TH's {@code pow(-2)} is
 * {@code 1/(x·x)}), in the file's precision: in float for a {@code FloatTensor} (or
 * {@code CudaTensor}) file, as TH computes it on that tensor.
 */
public class BatchNormalization extends Module<Tensor, Tensor> {

    private final int nOutput;
    private final int nDim;
    private final double eps;
    private final double momentum;
    /** The weight {@code [C]}, or {@code null} without affine. */
    protected final Tensor weight;
    /** The bias {@code [C]}, or {@code null} without affine. */
    protected final Tensor bias;
    /** The gradient of the weight, or {@code null} without affine. */
    protected final Tensor gradWeight;
    /** The gradient of the bias, or {@code null} without affine. */
    protected final Tensor gradBias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    /** The batch means of the last training forward (Torch's {@code save_mean}). */
    private Tensor saveMean = Tensor.empty();
    /** The batch {@code 1/√(var + eps)} of the last training forward (Torch's {@code save_std}). */
    private Tensor saveStd = Tensor.empty();
    /** Per-feature sums of gradOutput and of {@code (x − mean)·gradOutput} for the backward. */
    private final double[] sumGrad;
    private final double[] dotGrad;
    /** Per-feature mean and invstd used by the last backward (batch or running statistics). */
    private final double[] meanBuf;
    private final double[] invstdBuf;
    /**
     * fbcunn's rule for the running statistics ({@code fbnn.SpatialBatchNormalization}): the
     * running inverse standard deviation is the average, not the running variance.
     */
    private boolean fbnnRunningStd;

    /**
     * {@code BatchNormalization(nOutput, 1e-5, 0.1, true)}.
     *
     * @param nOutput the number of features, positive
     */
    public BatchNormalization(int nOutput) {
        this(nOutput, 1e-5, 0.1, true);
    }

    /**
     * {@code BatchNormalization(nOutput, eps, 0.1, true)}.
     *
     * @param nOutput the number of features, positive
     * @param eps added to the variance, finite and not negative
     */
    public BatchNormalization(int nOutput, double eps) {
        this(nOutput, eps, 0.1, true);
    }

    /**
     * {@code BatchNormalization(nOutput, eps, momentum, true)}.
     *
     * @param nOutput the number of features, positive
     * @param eps added to the variance, finite and not negative
     * @param momentum the weight of the batch statistics in the running ones, in {@code [0, 1]}
     */
    public BatchNormalization(int nOutput, double eps, double momentum) {
        this(nOutput, eps, momentum, true);
    }

    /**
     * A batch normalisation of 2-D input {@code [N, nOutput]}.
     *
     * @param nOutput the number of features, positive
     * @param eps added to the variance, finite and not negative
     * @param momentum the weight of the batch statistics in the running ones, in {@code [0, 1]}
     * @param affine whether to learn a weight and a bias
     */
    public BatchNormalization(int nOutput, double eps, double momentum, boolean affine) {
        this(2, nOutput, eps, momentum, affine);
    }

    /** For {@link SpatialBatchNormalization}: the expected input dimensionality ({@code nDim}). */
    BatchNormalization(int nDim, int nOutput, double eps, double momentum, boolean affine) {
        super(Tensor.empty(), Tensor.empty());
        this.nDim = nDim;
        String name = "nn." + getClass().getSimpleName();
        if (nOutput <= 0) {
            throw new IllegalArgumentException(name + ": nOutput must be positive, got " + nOutput);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(name + "(" + nOutput + "): eps must be finite and >= 0, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name + "(" + nOutput + "): momentum must be in [0, 1], got "
                    + momentum);
        }
        this.nOutput = nOutput;
        this.eps = eps;
        this.momentum = momentum;
        runningMean = Tensor.zeros(nOutput);
        runningVar = Tensor.filled(1.0, nOutput);
        if (affine) {
            weight = Tensor.zeros(nOutput);
            bias = Tensor.zeros(nOutput);
            gradWeight = Tensor.zeros(nOutput);
            gradBias = Tensor.zeros(nOutput);
        } else {
            weight = null;
            bias = null;
            gradWeight = null;
            gradBias = null;
        }
        sumGrad = new double[nOutput];
        dotGrad = new double[nOutput];
        meanBuf = new double[nOutput];
        invstdBuf = new double[nOutput];
        reset();
    }

    // ------------------------------------------------------------------ accessors

    /**
     * The number of features {@code C}.
     *
     * @return {@code nOutput}
     */
    public int nOutput() {
        return nOutput;
    }

    /**
     * The value added to the variance.
     *
     * @return {@code eps}
     */
    public double eps() {
        return eps;
    }

    /**
     * The weight of the batch statistics in the running ones.
     *
     * @return {@code momentum}
     */
    public double momentum() {
        return momentum;
    }

    /**
     * Whether the module learns a weight and a bias.
     *
     * @return {@code affine}
     */
    public boolean isAffine() {
        return weight != null;
    }

    /**
     * The weight {@code [C]} (the module's own tensor).
     *
     * @return the weight, or {@code null} without affine
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The bias {@code [C]} (the module's own tensor).
     *
     * @return the bias, or {@code null} without affine
     */
    public Tensor bias() {
        return bias;
    }

    /**
     * The running mean {@code [C]} (Torch's {@code running_mean}; the module's own tensor, which
     * a training forward updates).
     *
     * @return the running mean
     */
    public Tensor runningMean() {
        return runningMean;
    }

    /**
     * The running (unbiased) variance {@code [C]} (Torch's {@code running_var}; the module's own
     * tensor, which a training forward updates).
     *
     * @return the running variance
     */
    public Tensor runningVar() {
        return runningVar;
    }

    /**
     * Switches the running statistics to fbcunn's rule ({@code fbnn.SpatialBatchNormalization}):
     * a training forward averages the inverse standard deviation,
     * {@code running_std ← (1 − momentum)·running_std + momentum / √(var + eps)} (biased batch
     * variance), instead of the unbiased variance. The module keeps {@link #runningVar()} as the
     * variance that running standard deviation stands for, {@code running_std⁻² − eps}, so that
     * evaluation ({@code (x − mean)·running_std·w + b} in fbcunn, no eps) and saving as
     * {@code nn.SpatialBatchNormalization} are unchanged; {@link #runningStd()} gives fbcunn's value.
     * Outputs and gradients are nn's in both modes (fbcunn's formulas are the same).
     *
     * @return this
     */
    public BatchNormalization useFbnnRunningStd() {
        fbnnRunningStd = true;
        return this;
    }

    /**
     * Whether the running statistics follow fbcunn's rule ({@link #useFbnnRunningStd()}).
     *
     * @return true after {@code useFbnnRunningStd()}
     */
    public boolean usesFbnnRunningStd() {
        return fbnnRunningStd;
    }

    /**
     * The running inverse standard deviation {@code 1 / √(running_var + eps)} (fbcunn's
     * {@code running_std}), computed into a new tensor.
     *
     * @return a new {@code [C]} tensor
     */
    public Tensor runningStd() {
        Tensor t = Tensor.zeros(nOutput);
        double[] v = runningVar.data();
        double[] r = t.data();
        for (int f = 0; f < nOutput; f++) {
            r[f] = 1 / Math.sqrt(v[f] + eps);
        }
        return t;
    }

    /**
     * The batch means of the last training forward (Torch's {@code save_mean}); empty before it.
     *
     * @return the module's own buffer
     */
    public Tensor saveMean() {
        return saveMean;
    }

    /**
     * The batch {@code 1/√(var + eps)} of the last training forward (Torch's {@code save_std},
     * an inverse standard deviation despite its name); empty before it.
     *
     * @return the module's own buffer
     */
    public Tensor saveStd() {
        return saveStd;
    }

    // ------------------------------------------------------------------ initialisation

    /**
     * Weight from {@code U(0, 1)}, bias zero, running mean zero, running variance one.
     *
     * @return this
     */
    @Override
    public BatchNormalization reset() {
        if (weight != null) {
            weight.uniform(TorchRandom.global(), 0, 1);
            bias.zero();
        }
        runningMean.zero();
        runningVar.fill(1.0);
        return this;
    }

    /** As {@link #reset()}: Torch's {@code reset} has no {@code stdv}. */
    @Override
    public BatchNormalization reset(double stdv) {
        return reset();
    }

    // ------------------------------------------------------------------ forward

    @Override
    public Tensor updateOutput(Tensor input) {
        int inner = checkInput(input);
        int c = nOutput;
        int batch = input.numel() / (c * inner);
        output.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        double[] mean = meanBuf;
        double[] invstd = invstdBuf;
        if (train) {
            Buffers.resize1(saveMean, c);
            Buffers.resize1(saveStd, c);
            long n = (long) batch * inner;
            double[] sum = sumGrad;
            java.util.Arrays.fill(sum, 0, c, 0.0);
            for (int b = 0, off = 0; b < batch; b++) {
                for (int f = 0; f < c; f++, off += inner) {
                    double s = sum[f];
                    for (int i = off, end = off + inner; i < end; i++) {
                        s += x[i];
                    }
                    sum[f] = s;
                }
            }
            for (int f = 0; f < c; f++) {
                mean[f] = sum[f] / n;
                sum[f] = 0;
            }
            for (int b = 0, off = 0; b < batch; b++) {
                for (int f = 0; f < c; f++, off += inner) {
                    double m = mean[f];
                    double s = sum[f];
                    for (int i = off, end = off + inner; i < end; i++) {
                        double d = x[i] - m;
                        s += d * d;
                    }
                    sum[f] = s;
                }
            }
            double[] sm = saveMean.data();
            double[] ss = saveStd.data();
            double[] rm = runningMean.data();
            double[] rv = runningVar.data();
            for (int f = 0; f < c; f++) {
                double s = sum[f];
                invstd[f] = s == 0 && eps == 0.0 ? 0 : 1 / Math.sqrt(s / n + eps);
                sm[f] = mean[f];
                ss[f] = invstd[f];
                rm[f] = momentum * mean[f] + (1 - momentum) * rm[f];
                if (fbnnRunningStd) {
                    // fbcunn: running_std <- (1 - m)·running_std + m·invstd, kept as the variance it means
                    double rs = (1 - momentum) / Math.sqrt(rv[f] + eps) + momentum * invstd[f];
                    rv[f] = 1 / (rs * rs) - eps;
                } else {
                    double unbiased = s / (n - 1);
                    rv[f] = momentum * unbiased + (1 - momentum) * rv[f];
                }
            }
        } else {
            runningStatistics();
        }
        double[] w = weight == null ? null : weight.data();
        double[] bb = bias == null ? null : bias.data();
        for (int b = 0, off = 0; b < batch; b++) {
            for (int f = 0; f < c; f++, off += inner) {
                double m = mean[f];
                double is = invstd[f];
                double wf = w == null ? 1 : w[f];
                double bf = bb == null ? 0 : bb[f];
                for (int i = off, end = off + inner; i < end; i++) {
                    y[i] = ((x[i] - m) * is) * wf + bf;
                }
            }
        }
        return output;
    }

    /** Fills {@code meanBuf}/{@code invstdBuf} from the running statistics. */
    private void runningStatistics() {
        double[] rm = runningMean.data();
        double[] rv = runningVar.data();
        for (int f = 0; f < nOutput; f++) {
            meanBuf[f] = rm[f];
            invstdBuf[f] = 1 / Math.sqrt(rv[f] + eps);
        }
    }

    // ------------------------------------------------------------------ backward

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        pass(input, gradOutput, true, false, 1.0);
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        if (weight != null) {
            pass(input, gradOutput, false, true, scale);
        }
    }

    /** gradInput and the parameter gradients in one pass over the data (Torch's {@code BN:backward}). */
    @Override
    public Tensor backward(Tensor input, Tensor gradOutput, double scale) {
        pass(input, gradOutput, true, weight != null, scale);
        return gradInput;
    }

    /**
     * THNN's {@code BatchNormalization_backward}: the per-feature sums of {@code g} and
     * {@code (x − mean)·g}, then gradInput and/or the parameter gradients.
     */
    private void pass(Tensor input, Tensor gradOutput, boolean wantGradInput, boolean wantParams, double scale) {
        int inner = checkInput(input);
        if (!gradOutput.sameSizeAs(input)) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the input size " + input.shapeString());
        }
        int c = nOutput;
        if (train) {
            if (saveMean.numel() != c) {
                throw new IllegalStateException(this + ": backward in training mode needs a forward first");
            }
            System.arraycopy(saveMean.data(), 0, meanBuf, 0, c);
            System.arraycopy(saveStd.data(), 0, invstdBuf, 0, c);
        } else {
            runningStatistics();
        }
        int batch = input.numel() / (c * inner);
        long n = (long) batch * inner;
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] mean = meanBuf;
        double[] invstd = invstdBuf;
        double[] sum = sumGrad;
        double[] dot = dotGrad;
        java.util.Arrays.fill(sum, 0, c, 0.0);
        java.util.Arrays.fill(dot, 0, c, 0.0);
        for (int b = 0, off = 0; b < batch; b++) {
            for (int f = 0; f < c; f++, off += inner) {
                double m = mean[f];
                double s = sum[f];
                double d = dot[f];
                for (int i = off, end = off + inner; i < end; i++) {
                    double gi = g[i];
                    s += gi;
                    d += (x[i] - m) * gi;
                }
                sum[f] = s;
                dot[f] = d;
            }
        }
        double[] w = weight == null ? null : weight.data();
        if (wantGradInput) {
            gradInput.resizeAs(input);
            double[] gi = gradInput.data();
            for (int b = 0, off = 0; b < batch; b++) {
                for (int f = 0; f < c; f++, off += inner) {
                    double m = mean[f];
                    double is = invstd[f];
                    double wf = w == null ? 1 : w[f];
                    int end = off + inner;
                    if (train) {
                        double k = dot[f] * is * is / n;
                        double gradMean = sum[f] / n;
                        for (int i = off; i < end; i++) {
                            double proj = (x[i] - m) * k;
                            gi[i] = (g[i] - gradMean - proj) * is * wf;
                        }
                    } else {
                        for (int i = off; i < end; i++) {
                            gi[i] = g[i] * is * wf;
                        }
                    }
                }
            }
        }
        if (wantParams && w != null) {
            double[] gw = gradWeight.data();
            double[] gb = gradBias.data();
            for (int f = 0; f < c; f++) {
                gw[f] += scale * dot[f] * invstd[f];
                gb[f] += scale * sum[f];
            }
        }
    }

    // ------------------------------------------------------------------ the rest

    /**
     * Checks the input and returns the number of elements per (sample, feature).
     *
     * @return 1 for {@code [N, C]}, {@code H·W} for {@code [N, C, H, W]}
     */
    private int checkInput(Tensor input) {
        int d = input.dim();
        boolean single = !train && d == nDim - 1;
        int featDim = single ? 0 : 1;
        if ((d != nDim && !single) || input.size(featDim) != nOutput || input.numel() == 0) {
            throw shapeError(expectedShape(), input);
        }
        int inner = 1;
        for (int k = featDim + 1; k < d; k++) {
            inner *= input.size(k);
        }
        return inner;
    }

    private String expectedShape() {
        String rest = nDim == 4 ? ", H, W" : "";
        String batch = "[N, " + nOutput + rest + "]";
        return train ? batch + " (training mode: mini-batches only)"
                : batch + " or [" + nOutput + rest + "]";
    }

    @Override
    public List<Parameter> parameters() {
        if (weight == null) {
            return List.of();
        }
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    @Override
    public BatchNormalization clearState() {
        super.clearState();
        saveMean = Tensor.empty();
        saveStd = Tensor.empty();
        return this;
    }

    /** {@code nn.BatchNormalization (2D) (6)}, as Torch's {@code __tostring__}. */
    @Override
    public String toString() {
        return torchTypeName() + " (" + nDim + "D) (" + nOutput + ")";
    }

    // ------------------------------------------------------------------ .t7

    /**
     * {@code nn.BatchNormalization}: {@code running_mean}, {@code running_var} (a version-1 file
     * with {@code running_std} is converted as Torch's {@code read} does:
     * {@code running_var = running_std⁻² − eps}), {@code eps}, {@code momentum}, {@code affine},
     * {@code weight}, {@code bias}, {@code gradWeight}, {@code gradBias} (affine only),
     * {@code save_mean}, {@code save_std} (after a training forward).
     */
    static final T7Codec<BatchNormalization> T7 = LuaFields.codec("nn.BatchNormalization",
            BatchNormalization.class, 2,
            (o, in) -> read(o, in, (c, eps, momentum, affine) -> new BatchNormalization(c, eps, momentum, affine)),
            BatchNormalization::write);

    /** Builds the Java module of a file's class. */
    @FunctionalInterface
    interface Maker<M extends BatchNormalization> {
        M make(int nOutput, double eps, double momentum, boolean affine);
    }

    static <M extends BatchNormalization> M read(T7Object o, T7Bridge.Reading in, Maker<M> maker)
            throws T7ModuleException {
        Tensor w = in.optTensor(o, "weight");
        Tensor rm = in.optTensor(o, "running_mean");
        int c = rm != null && rm.numel() > 0 ? rm.numel() : w != null ? w.numel() : 0;
        if (c == 0) {
            throw in.error(o.className() + ": neither running_mean nor weight gives the number of features");
        }
        double eps = o.getNumber("eps", 1e-5);
        M made = maker.make(c, eps, o.getNumber("momentum", 0.1), w != null);
        BatchNormalization m = LuaFields.readParameters(made, o, in);
        if (rm != null && rm.numel() > 0) {
            copyStatistic(m, rm, m.runningMean, "running_mean", o, in);
        }
        Tensor rv = in.optTensor(o, "running_var");
        Tensor rs = in.optTensor(o, "running_std");
        if (o.version() < 2 && rs != null) {
            // Torch's BN:read for files before version 2: running_var = running_std^-2 - eps
            if (rs.numel() > 0) {
                copyStatistic(m, rs, m.runningVar, "running_std", o, in);
                double[] v = m.runningVar.data();
                if (o.get("running_std") instanceof T7Tensor raw && raw.elementType() == T7ElementType.FLOAT) {
                    // TH computes on the file's FloatTensor: pow(-2) is its special case
                    // 1.0 / (x * x) with the product in float and the quotient rounded to float,
                    // then add(-eps) adds (float) -eps in float (torch-golden-3's
                    // cudnn_sbn_legacy_running_std matches this, not a rounded pow)
                    float minusEps = (float) -eps;
                    for (int f = 0; f < c; f++) {
                        float x = (float) v[f];
                        float p = (float) (1.0 / (double) (x * x));
                        v[f] = (float) ((double) p + (double) minusEps);
                    }
                } else {
                    for (int f = 0; f < c; f++) {
                        v[f] = 1.0 / (v[f] * v[f]) - eps;
                    }
                }
            }
        } else if (rv != null && rv.numel() > 0) {
            copyStatistic(m, rv, m.runningVar, "running_var", o, in);
        }
        Tensor sm = in.optTensor(o, "save_mean");
        Tensor ss = in.optTensor(o, "save_std");
        if (sm != null && ss != null && sm.numel() == c && ss.numel() == c) {
            m.saveMean = Tensor.zeros(c).copy(sm);
            m.saveStd = Tensor.zeros(c).copy(ss);
        }
        return made;
    }

    private static void copyStatistic(BatchNormalization m, Tensor v, Tensor into, String field, T7Object o,
            T7Bridge.Reading in) throws T7ModuleException {
        if (v.numel() != m.nOutput) {
            throw in.error(o.className() + ": " + field + " has size " + v.shapeString() + ", expected ["
                    + m.nOutput + "]");
        }
        into.copy(v);
    }

    static void write(BatchNormalization m, T7Table f, T7Bridge.Writing out) {
        f.put("running_mean", out.tensor(m.runningMean));
        f.put("running_var", out.tensor(m.runningVar));
        f.put("eps", m.eps);
        f.put("momentum", m.momentum);
        f.put("affine", m.isAffine());
        LuaFields.writeParameters(m, f, out);
        if (m.saveMean.numel() == m.nOutput) {
            f.put("save_mean", out.tensor(m.saveMean));
            f.put("save_std", out.tensor(m.saveStd));
        }
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public BatchNormalization training() {
        super.training();
        return this;
    }

    @Override
    public BatchNormalization evaluate() {
        super.evaluate();
        return this;
    }
}
