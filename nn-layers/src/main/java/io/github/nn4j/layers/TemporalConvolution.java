package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.torch7.T7Codec;

/**
 * A one-dimensional convolution over a sequence of frames (Torch's {@code nn.TemporalConvolution},
 * {@code TemporalConvolution.lua}, {@code THNN/generic/TemporalConvolution.c}).
 *
 * <p>With {@code x_t} the frame {@code t} (a vector of {@code inputFrameSize}) and
 * {@code nOutputFrame = (nInputFrame − kW) / dW + 1}:
 * {@code y_t = b + W · [x_{t·dW}; x_{t·dW+1}; …; x_{t·dW+kW−1}]}, the {@code kW} frames of the
 * window laid end to end (the weight's column {@code k·inputFrameSize + f} multiplies feature
 * {@code f} of frame {@code k} of the window). The windows of all samples are unfolded into one
 * reused matrix {@code U} ({@code (B·nOutputFrame) × (kW·inputFrameSize)}), so that the output is
 * one product {@code Y = U·Wᵀ + 1·bᵀ}; backward: {@code ∂U = G·W} folded back onto the input
 * frames, {@code gradWeight += scale·Gᵀ·U}, {@code gradBias += scale·Σ_t g_t}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sequence</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [nInputFrame, inputFrameSize]}</td>
 *       <td>{@code [B, nInputFrame, inputFrameSize]}</td></tr>
 *   <tr><td>output</td><td>{@code [nOutputFrame, outputFrameSize]}</td>
 *       <td>{@code [B, nOutputFrame, outputFrameSize]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [outputFrameSize, kW·inputFrameSize]}</td></tr>
 *   <tr><td>bias, gradBias</td><td colspan="2">{@code [outputFrameSize]}</td></tr>
 * </table>
 * {@code nInputFrame ≥ kW} is required.
 *
 * <p><b>Initialisation</b> ({@link #reset()}): weight, then bias, row-major from
 * {@code U(±1/√(kW·inputFrameSize))} drawn from {@link TorchRandom#global()}, as Torch;
 * {@code reset(stdv)} uses {@code ±stdv·√3}. Prints {@code nn.TemporalConvolution} (Torch defines
 * no {@code __tostring__}).
 *
 * <p><b>Differences from Torch:</b> gradient buffers start zeroed; {@code accGradParameters}
 * uses the unfolded windows of the last forward (Torch re-reads the input).
 */
public class TemporalConvolution extends Module<Tensor, Tensor> {

    private final int inputFrameSize;
    private final int outputFrameSize;
    private final int kW;
    private final int dW;
    private final Tensor weight;
    private final Tensor gradWeight;
    private final Tensor bias;
    private final Tensor gradBias;
    /** The unfolded windows {@code U} of the last forward, {@code [B·nOutputFrame, kW·inputFrameSize]}. */
    private final Tensor unfolded = Tensor.empty();
    /** {@code ∂U = G·W}. */
    private final Tensor gradUnfolded = Tensor.empty();
    /** Two-dimensional views of the output and gradOutput. */
    private final Tensor outView = Tensor.empty();
    private final Tensor gradView = Tensor.empty();
    private final int[] shape = new int[2];

    /**
     * A convolution with stride 1.
     *
     * @param inputFrameSize the features per input frame, positive
     * @param outputFrameSize the features per output frame, positive
     * @param kW the kernel width in frames, positive
     */
    public TemporalConvolution(int inputFrameSize, int outputFrameSize, int kW) {
        this(inputFrameSize, outputFrameSize, kW, 1);
    }

    /**
     * A convolution (Torch's {@code nn.TemporalConvolution(inputFrameSize, outputFrameSize, kW, dW)}).
     *
     * @param inputFrameSize the features per input frame, positive
     * @param outputFrameSize the features per output frame, positive
     * @param kW the kernel width in frames, positive
     * @param dW the stride in frames, positive
     * @throws IllegalArgumentException if a size is not positive
     */
    public TemporalConvolution(int inputFrameSize, int outputFrameSize, int kW, int dW) {
        super(Tensor.empty(), Tensor.empty());
        if (inputFrameSize <= 0 || outputFrameSize <= 0 || kW <= 0 || dW <= 0) {
            throw new IllegalArgumentException("nn.TemporalConvolution(" + inputFrameSize + ", " + outputFrameSize
                    + ", " + kW + ", " + dW + "): frame sizes, kernel width kW and stride dW must be positive");
        }
        this.inputFrameSize = inputFrameSize;
        this.outputFrameSize = outputFrameSize;
        this.kW = kW;
        this.dW = dW;
        weight = Tensor.zeros(outputFrameSize, inputFrameSize * kW);
        gradWeight = Tensor.zeros(outputFrameSize, inputFrameSize * kW);
        bias = Tensor.zeros(outputFrameSize);
        gradBias = Tensor.zeros(outputFrameSize);
        reset();
    }

    /** @return the features per input frame */
    public int inputFrameSize() {
        return inputFrameSize;
    }

    /** @return the features per output frame */
    public int outputFrameSize() {
        return outputFrameSize;
    }

    /** @return the kernel width in frames */
    public int kW() {
        return kW;
    }

    /** @return the stride in frames */
    public int dW() {
        return dW;
    }

    /** @return the weight {@code [outputFrameSize, kW·inputFrameSize]} (the module's own tensor) */
    public Tensor weight() {
        return weight;
    }

    /** @return the bias {@code [outputFrameSize]} (the module's own tensor) */
    public Tensor bias() {
        return bias;
    }

    @Override
    public TemporalConvolution reset() {
        return fill(1.0 / Math.sqrt(kW * inputFrameSize));
    }

    @Override
    public TemporalConvolution reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private TemporalConvolution fill(double bound) {
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
        int rows = batch * nOut;
        int window = kW * inputFrameSize;
        Buffers.resize2(unfolded, rows, window);
        double[] x = input.data();
        double[] u = unfolded.data();
        for (int b = 0, r = 0; b < batch; b++) {
            int sample = b * nIn * inputFrameSize;
            for (int t = 0; t < nOut; t++, r++) {
                System.arraycopy(x, sample + t * dW * inputFrameSize, u, r * window, window);
            }
        }
        if (input.dim() == 2) {
            Buffers.resize2(output, nOut, outputFrameSize);
        } else if (output.dim() != 3 || output.size(0) != batch || output.size(1) != nOut
                || output.size(2) != outputFrameSize) {
            output.resize(batch, nOut, outputFrameSize);
        }
        double[] y = output.data();
        double[] bb = bias.data();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bb, 0, y, r * outputFrameSize, outputFrameSize);
        }
        Gemm.gemm(false, true, 1.0, unfolded.matrix(), weight.matrix(), 1.0,
                Unfold.view(outView, shape, output, rows, outputFrameSize));
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int rows = checkGradOutput(input, gradOutput);
        int window = kW * inputFrameSize;
        Buffers.resize2(gradUnfolded, rows, window);
        Gemm.gemm(false, false, 1.0, Unfold.view(gradView, shape, gradOutput, rows, outputFrameSize),
                weight.matrix(), 0.0, gradUnfolded.matrix());
        gradInput.resizeAs(input).zero();
        int batch = input.dim() == 3 ? input.size(0) : 1;
        int nIn = input.size(input.dim() - 2);
        int nOut = rows / batch;
        double[] gi = gradInput.data();
        double[] gu = gradUnfolded.data();
        for (int b = 0, r = 0; b < batch; b++) {
            int sample = b * nIn * inputFrameSize;
            for (int t = 0; t < nOut; t++, r++) {
                int dst = sample + t * dW * inputFrameSize;
                int src = r * window;
                for (int k = 0; k < window; k++) {
                    gi[dst + k] += gu[src + k];
                }
            }
        }
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        int rows = checkGradOutput(input, gradOutput);
        if (unfolded.dim() != 2 || unfolded.size(0) != rows) {
            throw new IllegalStateException(this + ": accGradParameters needs the forward of the same input first");
        }
        Gemm.gemm(true, false, scale, Unfold.view(gradView, shape, gradOutput, rows, outputFrameSize),
                unfolded.matrix(), 1.0, gradWeight.matrix());
        double[] g = gradOutput.data();
        double[] gb = gradBias.data();
        for (int r = 0; r < rows; r++) {
            int off = r * outputFrameSize;
            for (int o = 0; o < outputFrameSize; o++) {
                gb[o] += scale * g[off + o];
            }
        }
    }

    /** Weight, then bias. */
    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    @Override
    public TemporalConvolution clearState() {
        super.clearState();
        unfolded.set(Tensor.empty());
        gradUnfolded.set(Tensor.empty());
        outView.set(Tensor.empty());
        gradView.set(Tensor.empty());
        return this;
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

    /** Checks the gradOutput and returns the number of output frames in all, {@code B·nOutputFrame}. */
    private int checkGradOutput(Tensor input, Tensor gradOutput) {
        int batch = batchSize(input);
        int nOut = (input.size(input.dim() - 2) - kW) / dW + 1;
        boolean ok = gradOutput.dim() == input.dim() && gradOutput.size(-1) == outputFrameSize
                && gradOutput.size(-2) == nOut && (input.dim() == 2 || gradOutput.size(0) == batch);
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
        return batch * nOut;
    }

    static final T7Codec<TemporalConvolution> T7 = LuaFields.codec("nn.TemporalConvolution",
            TemporalConvolution.class,
            (o, in) -> LuaFields.readParameters(new TemporalConvolution(o.getInt("inputFrameSize"),
                    o.getInt("outputFrameSize"), o.getInt("kW"), o.getInt("dW", 1)), o, in),
            (m, f, out) -> {
                f.put("inputFrameSize", (double) m.inputFrameSize);
                f.put("outputFrameSize", (double) m.outputFrameSize);
                f.put("kW", (double) m.kW);
                f.put("dW", (double) m.dW);
                LuaFields.writeParameters(m, f, out);
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public TemporalConvolution training() {
        super.training();
        return this;
    }

    @Override
    public TemporalConvolution evaluate() {
        super.evaluate();
        return this;
    }
}
