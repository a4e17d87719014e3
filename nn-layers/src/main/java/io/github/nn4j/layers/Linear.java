package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;

/**
 * A fully connected layer, {@code y = W·x + b} (Torch's {@code nn.Linear}, {@code Linear.lua}).
 *
 * <p>For a batch {@code X} (one sample per row): {@code Y = X·Wᵀ + 1·bᵀ}. Backward:
 * {@code gradInput = G·W}, {@code gradWeight += scale·Gᵀ·X},
 * {@code gradBias += scale·Gᵀ·1} (summed over the batch, not averaged). A single sample is the
 * batch of one row, so both forms run the same {@link Gemm} calls.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [inputSize]}</td><td>{@code [B, inputSize]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [outputSize, inputSize]}</td></tr>
 *   <tr><td>bias, gradBias</td><td colspan="2">{@code [outputSize]} (absent without bias)</td></tr>
 *   <tr><td>output</td><td>{@code [outputSize]}</td><td>{@code [B, outputSize]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b> ({@link #reset()}): weight, then bias, each filled row-major from
 * {@code U(−1/√inputSize, 1/√inputSize)} drawn from {@link TorchRandom#global()}, exactly as
 * Torch draws them, so {@code TorchRandom.manualSeed(s); new Linear(4, 2)} has the weights of
 * {@code torch.manualSeed(s); nn.Linear(4, 2)}. {@link #reset(double) reset(stdv)} uses the
 * bound {@code stdv·√3}.
 *
 * <p><b>Differences from Torch:</b> gradient buffers start zeroed (Torch leaves them
 * uninitialised); the ones vector ({@code addBuffer}) is kept for every input, 1-D included.
 */
public class Linear extends Module<Tensor, Tensor> {

    private final int inputSize;
    private final int outputSize;
    /** The weight, {@code [outputSize, inputSize]}. */
    protected final Tensor weight;
    /** The gradient of the weight. */
    protected final Tensor gradWeight;
    /** The bias, {@code [outputSize]}, or {@code null} without bias. */
    protected Tensor bias;
    /** The gradient of the bias, or {@code null} without bias. */
    protected Tensor gradBias;
    /** A column of ones, one per sample, for the bias products (Torch's {@code addBuffer}). */
    private Tensor addBuffer = Tensor.empty();

    /**
     * A layer with bias.
     *
     * @param inputSize the number of input features, positive
     * @param outputSize the number of output features, positive
     */
    public Linear(int inputSize, int outputSize) {
        this(inputSize, outputSize, true);
    }

    /**
     * A layer with or without bias ({@code nn.Linear(in, out, false)} has none).
     *
     * @param inputSize the number of input features, positive
     * @param outputSize the number of output features, positive
     * @param withBias whether the layer has a bias
     */
    public Linear(int inputSize, int outputSize, boolean withBias) {
        super(Tensor.empty(), Tensor.empty());
        if (inputSize <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException("nn.Linear(" + inputSize + " -> " + outputSize
                    + "): sizes must be positive");
        }
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        weight = Tensor.zeros(outputSize, inputSize);
        gradWeight = Tensor.zeros(outputSize, inputSize);
        if (withBias) {
            bias = Tensor.zeros(outputSize);
            gradBias = Tensor.zeros(outputSize);
        }
        reset();
    }

    /**
     * Removes the bias (Torch's {@code noBias()}); the weight keeps its values.
     *
     * @return this
     */
    public Linear noBias() {
        bias = null;
        gradBias = null;
        return this;
    }

    /**
     * Stops computing {@code gradInput}: {@link #updateGradInput} (and so {@code backward}) then
     * skips the product {@code gradOutput·W} and returns {@code null}, and {@link #gradInput()} is
     * {@code null}. This is Torch's {@code linear.gradInput = nil} ({@code Linear.lua} computes
     * its gradInput only {@code if self.gradInput}), for a first layer whose input is data: nothing
     * reads its gradInput, and skipping it saves one of the layer's three products (what PyTorch
     * does for an input that does not require a gradient). The parameter gradients are
     * unchanged, bit for bit. A container that needs this module's gradInput (a {@code Sequential}
     * or {@code Graph} in which a module before it must go backward, a {@code ConcatTable},
     * {@code Concat} or {@code ParallelTable}) then throws an {@link IllegalStateException} naming
     * the modules, where Torch fails on the {@code nil}.
     * Saved to {@code .t7} without a {@code gradInput} field, and read back the same way.
     *
     * @return this
     * @see #enableGradInput()
     */
    public Linear noGradInput() {
        gradInput = null;
        return this;
    }

    /**
     * Computes {@code gradInput} again after {@link #noGradInput()} (Torch's
     * {@code linear.gradInput = torch.Tensor()}); does nothing otherwise.
     *
     * @return this
     */
    public Linear enableGradInput() {
        if (gradInput == null) {
            gradInput = Tensor.empty();
        }
        return this;
    }

    /**
     * Whether {@link #updateGradInput} computes the gradient of the input (true unless
     * {@link #noGradInput()} was called).
     *
     * @return {@code false} after {@link #noGradInput()}
     */
    public boolean isGradInputEnabled() {
        return gradInput != null;
    }

    /**
     * The number of input features.
     *
     * @return {@code inputSize}
     */
    public int inputSize() {
        return inputSize;
    }

    /**
     * The number of output features.
     *
     * @return {@code outputSize}
     */
    public int outputSize() {
        return outputSize;
    }

    /**
     * The weight, {@code [outputSize, inputSize]} (the module's own tensor).
     *
     * @return the weight
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The bias, {@code [outputSize]} (the module's own tensor).
     *
     * @return the bias, or {@code null} without bias
     */
    public Tensor bias() {
        return bias;
    }

    /**
     * Draws weight then bias from {@code U(±1/√inputSize)}.
     *
     * @return this
     */
    @Override
    public Linear reset() {
        return fill(1.0 / Math.sqrt(inputSize));
    }

    /**
     * Draws weight then bias from {@code U(±stdv·√3)}.
     *
     * @param stdv the standard deviation
     * @return this
     */
    @Override
    public Linear reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private Linear fill(double bound) {
        TorchRandom rng = TorchRandom.global();
        weight.uniform(rng, -bound, bound);
        if (bias != null) {
            bias.uniform(rng, -bound, bound);
        }
        return this;
    }

    /**
     * {@code output = input·Wᵀ + b}, resized in place to {@code [outputSize]} or
     * {@code [B, outputSize]}.
     */
    @Override
    public Tensor updateOutput(Tensor input) {
        int batch = batchSize(input);
        if (input.dim() == 1) {
            Buffers.resize1(output, outputSize);
        } else {
            Buffers.resize2(output, batch, outputSize);
        }
        if (bias == null) {
            Gemm.gemm(false, true, 1.0, input.matrix(), weight.matrix(), 0.0, output.matrix());
        } else {
            // each row starts as the bias, then the product accumulates onto it: one pass over the
            // output instead of a second K=1 product with a ones column (Torch's addr)
            double[] y = output.data();
            double[] b = bias.data();
            for (int i = 0, off = 0; i < batch; i++, off += outputSize) {
                System.arraycopy(b, 0, y, off, outputSize);
            }
            Gemm.gemm(false, true, 1.0, input.matrix(), weight.matrix(), 1.0, output.matrix());
        }
        return output;
    }

    /**
     * {@code gradInput = gradOutput·W}, resized in place like the input; {@code null} without
     * computing anything after {@link #noGradInput()}.
     */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        checkGradOutput(input, gradOutput);
        if (gradInput == null) {
            return null;
        }
        gradInput.resizeAs(input);
        Gemm.gemm(false, false, 1.0, gradOutput.matrix(), weight.matrix(), 0.0, gradInput.matrix());
        return gradInput;
    }

    /** {@code gradWeight += scale·Gᵀ·X}; {@code gradBias += scale·Gᵀ·1}. */
    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        int batch = checkGradOutput(input, gradOutput);
        Gemm.gemm(true, false, scale, gradOutput.matrix(), input.matrix(), 1.0, gradWeight.matrix());
        if (bias != null) {
            Gemm.gemm(true, false, scale, ones(batch).matrix(), gradOutput.matrix(), 1.0, gradBias.matrix());
        }
    }

    /** Weight, then bias when present. */
    @Override
    public List<Parameter> parameters() {
        if (bias == null) {
            return List.of(new Parameter("weight", weight, gradWeight));
        }
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    @Override
    public Linear clearState() {
        super.clearState();
        addBuffer = Tensor.empty();
        return this;
    }

    /** {@code nn.Linear(4 -> 2)}, or {@code nn.Linear(4 -> 2) without bias}. */
    @Override
    public String toString() {
        return "nn.Linear(" + inputSize + " -> " + outputSize + ")" + (bias == null ? " without bias" : "");
    }

    private int batchSize(Tensor input) {
        if (input.dim() == 1 && input.size(0) == inputSize) {
            return 1;
        }
        if (input.dim() == 2 && input.size(1) == inputSize && input.size(0) > 0) {
            return input.size(0);
        }
        throw shapeError("[N, " + inputSize + "] or [" + inputSize + "]", input);
    }

    private int checkGradOutput(Tensor input, Tensor gradOutput) {
        int batch = batchSize(input);
        boolean ok = gradOutput.dim() == input.dim() && gradOutput.size(-1) == outputSize
                && (input.dim() == 1 || gradOutput.size(0) == batch);
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
        return batch;
    }

    /** The ones column {@code [batch, 1]}, refilled only when the batch size changes. */
    private Tensor ones(int batch) {
        if (addBuffer.dim() != 2 || addBuffer.size(0) != batch) {
            addBuffer.resize(batch, 1).fill(1.0);
        }
        return addBuffer;
    }

    /**
     * The {@code .t7} form of {@code nn.Linear}: {@code weight} (out × in), {@code bias} (absent
     * after {@code noBias}), {@code gradWeight}, {@code gradBias}; no {@code gradInput} after
     * {@link #noGradInput()} (Torch's {@code gradInput = nil}).
     */
    static final T7Codec<Linear> T7 = LuaFields.codec("nn.Linear", Linear.class, Linear::read,
            LuaFields::writeParameters);

    private static Linear read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        int[] w = LuaFields.sizes2(o, "weight", "nn.Linear: weight must be 2-D (outputSize x inputSize)", in);
        boolean withBias = o.get("bias") != null;
        Linear linear = LuaFields.readParameters(new Linear(w[1], w[0], withBias), o, in);
        // Linear.lua computes its gradInput only `if self.gradInput`: a file without the field
        // comes from `linear.gradInput = nil`
        return o.get("gradInput") == null ? linear.noGradInput() : linear;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Linear training() {
        super.training();
        return this;
    }

    @Override
    public Linear evaluate() {
        super.evaluate();
        return this;
    }
}
