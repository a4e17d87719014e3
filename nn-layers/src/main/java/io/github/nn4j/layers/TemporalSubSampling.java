package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;

/**
 * A learnable weighted sum over windows of frames, feature by feature (Torch's
 * {@code nn.TemporalSubSampling}, {@code TemporalSubSampling.lua},
 * {@code THNN/generic/TemporalSubSampling.c}).
 *
 * <p>With {@code nOutputFrame = (nInputFrame − kW) / dW + 1}:
 * {@code y[t, f] = w[f] · Σ_{0 ≤ k < kW} x[t·dW + k, f] + b[f]}. Backward:
 * {@code gradInput[t·dW + k, f] += w[f]·g[t, f]} for every {@code k} of the window;
 * {@code gradWeight[f] += scale·Σ_t g[t, f]·Σ_k x[t·dW + k, f]},
 * {@code gradBias[f] += scale·Σ_t g[t, f]} (sums over the batch too).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sequence</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [nInputFrame, inputFrameSize]}</td>
 *       <td>{@code [B, nInputFrame, inputFrameSize]}</td></tr>
 *   <tr><td>output</td><td>{@code [nOutputFrame, inputFrameSize]}</td>
 *       <td>{@code [B, nOutputFrame, inputFrameSize]}</td></tr>
 *   <tr><td>weight, bias and their gradients</td><td colspan="2">{@code [inputFrameSize]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b>: weight then bias from {@code U(±1/√kW)} ({@link TorchRandom#global()},
 * row-major, as Torch); {@code reset(stdv)}: {@code U(±stdv·√3)}. Prints
 * {@code nn.TemporalSubSampling} (no {@code __tostring__} in Torch).
 *
 * <p><b>Differences from Torch:</b> the batch form {@code [B, T, F]} is an nn4j extension, the
 * sequences of the batch handled one by one with the same formula: Torch's C code of this
 * version accepts only 2-D input (its error message mentions a batch mode it does not have, and
 * an older version's batch forward forgot the bias).
 */
public class TemporalSubSampling extends Module<Tensor, Tensor> {

    private final int inputFrameSize;
    private final int kW;
    private final int dW;
    private final Tensor weight;
    private final Tensor gradWeight;
    private final Tensor bias;
    private final Tensor gradBias;

    /**
     * Sub-sampling with stride 1.
     *
     * @param inputFrameSize the features per frame, positive
     * @param kW the window width in frames, positive
     */
    public TemporalSubSampling(int inputFrameSize, int kW) {
        this(inputFrameSize, kW, 1);
    }

    /**
     * Sub-sampling (Torch's {@code nn.TemporalSubSampling(inputFrameSize, kW, dW)}).
     *
     * @param inputFrameSize the features per frame, positive
     * @param kW the window width in frames, positive
     * @param dW the stride in frames, positive
     * @throws IllegalArgumentException if a size is not positive
     */
    public TemporalSubSampling(int inputFrameSize, int kW, int dW) {
        super(Tensor.empty(), Tensor.empty());
        if (inputFrameSize <= 0 || kW <= 0 || dW <= 0) {
            throw new IllegalArgumentException("nn.TemporalSubSampling(" + inputFrameSize + ", " + kW + ", " + dW
                    + "): frame size, kernel width kW and stride dW must be positive");
        }
        this.inputFrameSize = inputFrameSize;
        this.kW = kW;
        this.dW = dW;
        weight = Tensor.zeros(inputFrameSize);
        gradWeight = Tensor.zeros(inputFrameSize);
        bias = Tensor.zeros(inputFrameSize);
        gradBias = Tensor.zeros(inputFrameSize);
        reset();
    }

    /** @return the features per frame */
    public int inputFrameSize() {
        return inputFrameSize;
    }

    /** @return the window width in frames */
    public int kW() {
        return kW;
    }

    /** @return the stride in frames */
    public int dW() {
        return dW;
    }

    /** @return the weight {@code [inputFrameSize]} (the module's own tensor) */
    public Tensor weight() {
        return weight;
    }

    /** @return the bias {@code [inputFrameSize]} (the module's own tensor) */
    public Tensor bias() {
        return bias;
    }

    @Override
    public TemporalSubSampling reset() {
        return fill(1.0 / Math.sqrt(kW));
    }

    @Override
    public TemporalSubSampling reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private TemporalSubSampling fill(double bound) {
        TorchRandom rng = TorchRandom.global();
        weight.uniform(rng, -bound, bound);
        bias.uniform(rng, -bound, bound);
        return this;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int batch = batchSize(input);
        int nIn = input.size(input.dim() - 2);
        int nOut = (nIn - kW) / dW + 1;
        int n = inputFrameSize;
        if (input.dim() == 2) {
            Buffers.resize2(output, nOut, n);
        } else if (output.dim() != 3 || output.size(0) != batch || output.size(1) != nOut || output.size(2) != n) {
            output.resize(batch, nOut, n);
        }
        double[] x = input.data();
        double[] y = output.data();
        double[] w = weight.data();
        double[] b = bias.data();
        for (int s = 0, o = 0; s < batch; s++) {
            int sample = s * nIn * n;
            for (int t = 0; t < nOut; t++, o += n) {
                int start = sample + t * dW * n;
                for (int f = 0; f < n; f++) {
                    y[o + f] = x[start + f];
                }
                for (int k = 1; k < kW; k++) {
                    int row = start + k * n;
                    for (int f = 0; f < n; f++) {
                        y[o + f] += x[row + f];
                    }
                }
                for (int f = 0; f < n; f++) {
                    y[o + f] = y[o + f] * w[f] + b[f];
                }
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int batch = checkGradOutput(input, gradOutput);
        int nIn = input.size(input.dim() - 2);
        int nOut = gradOutput.size(gradOutput.dim() - 2);
        int n = inputFrameSize;
        gradInput.resizeAs(input).zero();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double[] w = weight.data();
        for (int s = 0, o = 0; s < batch; s++) {
            int sample = s * nIn * n;
            for (int t = 0; t < nOut; t++, o += n) {
                int start = sample + t * dW * n;
                for (int k = 0; k < kW; k++) {
                    int row = start + k * n;
                    for (int f = 0; f < n; f++) {
                        gi[row + f] += w[f] * g[o + f];
                    }
                }
            }
        }
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        int batch = checkGradOutput(input, gradOutput);
        int nIn = input.size(input.dim() - 2);
        int nOut = gradOutput.size(gradOutput.dim() - 2);
        int n = inputFrameSize;
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gw = gradWeight.data();
        double[] gb = gradBias.data();
        for (int s = 0, o = 0; s < batch; s++) {
            int sample = s * nIn * n;
            for (int t = 0; t < nOut; t++, o += n) {
                int start = sample + t * dW * n;
                for (int f = 0; f < n; f++) {
                    double sum = 0;
                    for (int k = 0; k < kW; k++) {
                        sum += x[start + k * n + f];
                    }
                    gw[f] += scale * (sum * g[o + f]);
                    gb[f] += scale * g[o + f];
                }
            }
        }
    }

    /** Weight, then bias. */
    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    private int batchSize(Tensor input) {
        int d = input.dim();
        boolean ok = (d == 2 || d == 3) && input.size(d - 1) == inputFrameSize && input.size(d - 2) >= kW
                && (d == 2 || input.size(0) > 0);
        if (!ok) {
            throw shapeError("[T, " + inputFrameSize + "] or [B, T, " + inputFrameSize + "] with T >= kW = " + kW,
                    input);
        }
        return d == 3 ? input.size(0) : 1;
    }

    private int checkGradOutput(Tensor input, Tensor gradOutput) {
        int batch = batchSize(input);
        int nOut = (input.size(input.dim() - 2) - kW) / dW + 1;
        boolean ok = gradOutput.dim() == input.dim() && gradOutput.size(-1) == inputFrameSize
                && gradOutput.size(-2) == nOut && (input.dim() == 2 || gradOutput.size(0) == batch);
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
        return batch;
    }

    static final T7Codec<TemporalSubSampling> T7 = LuaFields.codec("nn.TemporalSubSampling",
            TemporalSubSampling.class,
            (o, in) -> LuaFields.readParameters(new TemporalSubSampling(o.getInt("inputFrameSize"), o.getInt("kW"),
                    o.getInt("dW", 1)), o, in),
            (m, f, out) -> {
                f.put("inputFrameSize", (double) m.inputFrameSize);
                f.put("kW", (double) m.kW);
                f.put("dW", (double) m.dW);
                LuaFields.writeParameters(m, f, out);
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public TemporalSubSampling training() {
        super.training();
        return this;
    }

    @Override
    public TemporalSubSampling evaluate() {
        super.evaluate();
        return this;
    }
}
