package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;

/**
 * Instance normalisation (Ulyanov, Vedaldi and Lempitsky, "Instance Normalization: The Missing
 * Ingredient for Fast Stylization", 2016), the {@code nn.InstanceNormalization} of
 * jcjohnson/fast-neural-style ({@code fast_neural_style/InstanceNormalization.lua}, commit
 * {@code 813c8344}) and of junyanz/CycleGAN ({@code util/InstanceNormalization.lua}, commit
 * {@code 40b44985}): every plane of every sample is normalised with its own statistics,
 * <pre>
 *   y[n, c, h, w] = (x[n, c, h, w] − mean_nc) · invstd_nc · w_c + b_c,
 *   mean_nc = Σ_hw x / (H·W),   invstd_nc = 1 / √(Σ_hw (x − mean_nc)² / (H·W) + eps)
 * </pre>
 * whatever the mode (both Lua classes run a {@code SpatialBatchNormalization} of {@code N·C}
 * planes forced to training). Backward is that batch normalisation's:
 * {@code gradInput = (g − Σg/HW − (x − mean)·invstd²·Σ(x − mean)g / HW)·invstd·w}, and
 * {@code gradWeight_c += scale·Σ_n invstd_nc·Σ_hw (x − mean_nc)·g}, {@code gradBias_c += scale·Σ_n Σ_hw g}.
 *
 * <table class="striped">
 *   <caption>Shapes ({@code C = nOutput})</caption>
 *   <tr><th>tensor</th><th>batch</th><th>one sample</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>{@code [N, C, H, W]}</td><td>{@code [C, H, W]}</td></tr>
 *   <tr><td>weight, bias, gradWeight, gradBias (affine only)</td><td colspan="2">{@code [C]}</td></tr>
 * </table>
 *
 * <p><b>The two Lua classes of one name</b> compute the same numbers but store different fields.
 * fast-neural-style's: {@code eps}, {@code nOutput}, {@code prev_N}, {@code weight}, {@code bias},
 * {@code gradWeight}, {@code gradBias} (always affine). CycleGAN's adds {@code momentum},
 * {@code affine} (false: no weight or bias) and {@code running_mean}/{@code running_var}
 * (averages it keeps of its inner module's statistics and never uses), and calls the batch size
 * {@code prev_batch_size}. Both may hold the inner {@code bn} of a trained file. nn4j reads
 * either (the inner {@code bn} is ignored: it is rebuilt from {@code weight}/{@code bias} at every
 * forward in Lua too), keeps {@code running_mean}/{@code running_var} as read (CycleGAN's defaults
 * 0 and 1 otherwise) and writes the union of both field sets, with {@code prev_N} and
 * {@code prev_batch_size} −1 (as a new module), so that either Lua class runs the saved file
 * (fast-neural-style's only when affine).
 *
 * <p>The constructor draws the weight from {@code U(0, 1)} ({@link TorchRandom#global()}) and
 * zeroes the bias, as both Lua classes do; {@link #reset()} does it again. Prints
 * {@code nn.InstanceNormalization}. <b>Differences from the Lua classes:</b> a {@code [C, H, W]}
 * sample is accepted (a batch of one); the parameter gradients accumulate with {@code scale} in
 * {@link #accGradParameters} (Lua adds them with scale 1 inside {@code updateGradInput}).
 *
 * <p><b>torch-golden-3:</b> its {@code instnorm_*} and {@code fast_neural_style_in} cases are not
 * matched. Their {@code expected.t7} is an evaluation-mode normalisation with the inner module's
 * fresh running statistics ({@code y = x·w/√(1 + eps) + b}, {@code gradInput = g·w/√(1 + eps)}),
 * which neither Lua file computes (both force the inner module to training); this class is
 * checked against nn4j's {@link SpatialBatchNormalization} on the {@code [1, N·C, H, W]} view the
 * Lua code uses instead, and against PyTorch's {@code instance_norm}
 * ({@code InstanceNormalizationReferenceTest}); {@code TorchGolden3InstanceNormDefectTest} pins the
 * eight cases' formula until the set is corrected.
 */
public class InstanceNormalization extends Module<Tensor, Tensor> {

    /**
     * The fields of both Lua classes: {@code nOutput}, {@code eps}, {@code momentum},
     * {@code affine}, {@code weight}, {@code bias}, {@code gradWeight}, {@code gradBias},
     * {@code running_mean}, {@code running_var}, {@code prev_N}, {@code prev_batch_size}.
     */
    static final T7Codec<InstanceNormalization> T7 = LuaFields.codec("nn.InstanceNormalization",
            InstanceNormalization.class, (o, in) -> {
                int c = o.getInt("nOutput");
                Tensor w = in.optTensor(o, "weight");
                boolean affine = o.get("affine") == null ? w != null : LuaFields.truthy(o.get("affine"));
                InstanceNormalization m = new InstanceNormalization(c, o.getNumber("eps", 1e-5),
                        o.getNumber("momentum", 0.0), affine);
                LuaFields.readParameters(m, o, in);
                for (String key : new String[] {"running_mean", "running_var"}) {
                    Tensor t = in.optTensor(o, key);
                    Tensor into = key.equals("running_mean") ? m.runningMean : m.runningVar;
                    if (t != null && t.numel() == c) {
                        into.copy(t.view(c));
                    } else if (t != null && t.numel() > 0) {
                        throw in.error("nn.InstanceNormalization: " + key + " has size " + t.shapeString()
                                + ", expected [" + c + "]");
                    }
                }
                return m;
            }, (m, f, out) -> {
                f.put("nOutput", (double) m.nOutput);
                f.put("eps", m.eps);
                f.put("momentum", m.momentum);
                f.put("affine", m.weight != null);
                f.put("prev_N", -1.0);
                f.put("prev_batch_size", -1.0);
                f.put("running_mean", out.tensor(m.runningMean));
                f.put("running_var", out.tensor(m.runningVar));
                LuaFields.writeParameters(m, f, out);
            });

    private final int nOutput;
    private final double eps;
    private final double momentum;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor gradWeight;
    private final Tensor gradBias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    /** Per (sample, plane) statistics of the last forward, reused; then the backward's sums. */
    private double[] mean = new double[0];
    private double[] invstd = new double[0];
    private double[] sumGrad = new double[0];
    private double[] dotGrad = new double[0];

    /**
     * {@code nn.InstanceNormalization(nOutput)}: eps 1e-5, affine.
     *
     * @param nOutput the number of planes, positive
     */
    public InstanceNormalization(int nOutput) {
        this(nOutput, 1e-5);
    }

    /**
     * fast-neural-style's {@code nn.InstanceNormalization(nOutput, eps)}: affine.
     *
     * @param nOutput the number of planes, positive
     * @param eps added to the variance, finite and not negative
     */
    public InstanceNormalization(int nOutput, double eps) {
        this(nOutput, eps, 0.0, true);
    }

    /**
     * CycleGAN's {@code nn.InstanceNormalization(nOutput, eps, momentum, affine)}.
     *
     * @param nOutput the number of planes, positive
     * @param eps added to the variance, finite and not negative
     * @param momentum stored for CycleGAN's running averages (unused for the output), in {@code [0, 1]}
     * @param affine whether to learn a weight and a bias per plane
     */
    public InstanceNormalization(int nOutput, double eps, double momentum, boolean affine) {
        super(Tensor.empty(), Tensor.empty());
        if (nOutput <= 0) {
            throw new IllegalArgumentException("nn.InstanceNormalization: nOutput must be positive, got " + nOutput);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("nn.InstanceNormalization: eps must be finite and >= 0, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException("nn.InstanceNormalization: momentum must be in [0, 1], got " + momentum);
        }
        this.nOutput = nOutput;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? Tensor.zeros(nOutput) : null;
        this.bias = affine ? Tensor.zeros(nOutput) : null;
        this.gradWeight = affine ? Tensor.zeros(nOutput) : null;
        this.gradBias = affine ? Tensor.zeros(nOutput) : null;
        this.runningMean = Tensor.zeros(nOutput);
        this.runningVar = Tensor.filled(1.0, nOutput);
        reset();
    }

    /** @return the number of planes {@code C} */
    public int nOutput() {
        return nOutput;
    }

    /** @return the value added to the variance */
    public double eps() {
        return eps;
    }

    /** @return whether there is a weight and a bias */
    public boolean isAffine() {
        return weight != null;
    }

    /**
     * Weight from {@code U(0, 1)}, bias zero (affine only).
     *
     * @return this
     */
    @Override
    public InstanceNormalization reset() {
        if (weight != null) {
            weight.uniform(TorchRandom.global(), 0, 1);
            bias.zero();
        }
        return this;
    }

    /** As {@link #reset()}: the Lua classes have no {@code reset(stdv)}. */
    @Override
    public InstanceNormalization reset(double stdv) {
        return reset();
    }

    private int checkInput(Tensor input) {
        boolean ok = Spatial.isSpatial(input) && input.size(input.dim() - 3) == nOutput;
        if (!ok) {
            throw shapeError("[N, " + nOutput + ", H, W] or [" + nOutput + ", H, W]", input);
        }
        return Spatial.planes(input);
    }

    private void checkGradOutput(Tensor input, Tensor gradOutput) {
        if (!gradOutput.sameSizeAs(input)) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the input size " + input.shapeString());
        }
        if (mean.length < Spatial.planes(input)) {
            throw new IllegalStateException(this + ": backward needs a forward first");
        }
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int planes = checkInput(input);
        int inner = Spatial.height(input) * Spatial.width(input);
        if (mean.length < planes) {
            mean = new double[planes];
            invstd = new double[planes];
            sumGrad = new double[planes];
            dotGrad = new double[planes];
        }
        Spatial.resizeAs(output, input);
        double[] x = input.data();
        double[] y = output.data();
        double[] w = weight == null ? null : weight.data();
        double[] b = bias == null ? null : bias.data();
        for (int p = 0, off = 0; p < planes; p++, off += inner) {
            int end = off + inner;
            double s = 0;
            for (int i = off; i < end; i++) {
                s += x[i];
            }
            double m = s / inner;
            double v = 0;
            for (int i = off; i < end; i++) {
                double d = x[i] - m;
                v += d * d;
            }
            double is = v == 0 && eps == 0.0 ? 0 : 1 / Math.sqrt(v / inner + eps);
            mean[p] = m;
            invstd[p] = is;
            int c = p % nOutput;
            double wc = w == null ? 1 : w[c];
            double bc = b == null ? 0 : b[c];
            for (int i = off; i < end; i++) {
                y[i] = ((x[i] - m) * is) * wc + bc;
            }
        }
        return output;
    }

    /** The per-plane sums of {@code g} and {@code (x − mean)·g}. */
    private void sums(Tensor input, Tensor gradOutput, int planes, int inner) {
        double[] x = input.data();
        double[] g = gradOutput.data();
        for (int p = 0, off = 0; p < planes; p++, off += inner) {
            double m = mean[p];
            double s = 0;
            double d = 0;
            for (int i = off, end = off + inner; i < end; i++) {
                double gi = g[i];
                s += gi;
                d += (x[i] - m) * gi;
            }
            sumGrad[p] = s;
            dotGrad[p] = d;
        }
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int planes = checkInput(input);
        checkGradOutput(input, gradOutput);
        int inner = Spatial.height(input) * Spatial.width(input);
        sums(input, gradOutput, planes, inner);
        gradInputFromSums(input, gradOutput, planes, inner);
        return gradInput;
    }

    private void gradInputFromSums(Tensor input, Tensor gradOutput, int planes, int inner) {
        Spatial.resizeAs(gradInput, input);
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double[] w = weight == null ? null : weight.data();
        for (int p = 0, off = 0; p < planes; p++, off += inner) {
            double m = mean[p];
            double is = invstd[p];
            double wc = w == null ? 1 : w[p % nOutput];
            double k = dotGrad[p] * is * is / inner;
            double gradMean = sumGrad[p] / inner;
            for (int i = off, end = off + inner; i < end; i++) {
                double proj = (x[i] - m) * k;
                gi[i] = (g[i] - gradMean - proj) * is * wc;
            }
        }
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        if (weight == null) {
            return;
        }
        int planes = checkInput(input);
        checkGradOutput(input, gradOutput);
        int inner = Spatial.height(input) * Spatial.width(input);
        sums(input, gradOutput, planes, inner);
        accFromSums(planes, scale);
    }

    private void accFromSums(int planes, double scale) {
        double[] gw = gradWeight.data();
        double[] gb = gradBias.data();
        int batch = planes / nOutput;
        for (int c = 0; c < nOutput; c++) {
            double sw = 0;
            double sb = 0;
            for (int n = 0; n < batch; n++) {
                int p = n * nOutput + c;
                sw += dotGrad[p] * invstd[p];
                sb += sumGrad[p];
            }
            gw[c] += scale * sw;
            gb[c] += scale * sb;
        }
    }

    /** gradInput and the parameter gradients from one pass of sums. */
    @Override
    public Tensor backward(Tensor input, Tensor gradOutput, double scale) {
        int planes = checkInput(input);
        checkGradOutput(input, gradOutput);
        int inner = Spatial.height(input) * Spatial.width(input);
        sums(input, gradOutput, planes, inner);
        gradInputFromSums(input, gradOutput, planes, inner);
        if (weight != null) {
            accFromSums(planes, scale);
        }
        return gradInput;
    }

    @Override
    public List<Parameter> parameters() {
        if (weight == null) {
            return List.of();
        }
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    @Override
    public InstanceNormalization clearState() {
        super.clearState();
        return this;
    }

    @Override
    public String toString() {
        return "nn.InstanceNormalization";
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public InstanceNormalization training() {
        super.training();
        return this;
    }

    @Override
    public InstanceNormalization evaluate() {
        super.evaluate();
        return this;
    }
}
