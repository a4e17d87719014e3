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
import io.github.nn4j.torch7.T7Tensor;

/**
 * Adds a learnable bias: {@code y = x + b} (Torch's {@code nn.Add}, {@code Add.lua}).
 *
 * <p>Three forms, chosen per call as Torch does:
 * <ul>
 *   <li><b>scalar</b> ({@code new Add(n, true)}, or {@code new Add(1)}): {@code b} has one
 *       element, added to every element of any input; {@code gradBias += scale·Σ gradOutput};</li>
 *   <li><b>vector</b>: an input of size {@code [inputSize]}: {@code y = x + b},
 *       {@code gradBias += scale·gradOutput};</li>
 *   <li><b>batch</b>: any other input is viewed as {@code [B, −1]} ({@code B = size(0)}) and
 *       {@code b} is added to every row, {@code gradBias += scale·Σ_rows gradOutput} (summed,
 *       not averaged); the row length must be {@code inputSize}.</li>
 * </ul>
 * {@code gradInput = gradOutput} (a copy) in every form.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>vector</th><th>batch</th><th>scalar</th></tr>
 *   <tr><td>input, output</td><td>{@code [n]}</td><td>{@code [B, n]} (or {@code [B, …]} of
 *       {@code n} per row)</td><td>any</td></tr>
 *   <tr><td>bias, gradBias</td><td colspan="2">{@code [n]}</td><td>{@code [1]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b>: {@code U(±1/√size)} from {@link TorchRandom#global()}, i.e.
 * {@code U(−1, 1)} in scalar mode; {@code reset(stdv)}: {@code U(±stdv·√3)}.
 *
 * <p><b>Differences from Torch:</b> the bias is 1-D (Torch also accepts a multi-dimensional
 * size, which only changes the bias's shape, not the batch arithmetic). Prints {@code nn.Add},
 * as Torch.
 */
public class Add extends Module<Tensor, Tensor> {

    private final boolean scalar;
    /** The bias, {@code [inputSize]} or {@code [1]} in scalar mode. */
    protected final Tensor bias;
    /** Its gradient. */
    protected final Tensor gradBias;
    /** A column of ones, one per sample, for the batch products. */
    private Tensor ones = Tensor.empty();

    /**
     * A bias of {@code inputSize} elements.
     *
     * @param inputSize the number of elements of a sample, positive
     */
    public Add(int inputSize) {
        this(inputSize, false);
    }

    /**
     * A bias of {@code inputSize} elements, or a single scalar bias.
     *
     * @param inputSize the number of elements of a sample, positive
     * @param scalar whether the bias is one number added everywhere
     */
    public Add(int inputSize, boolean scalar) {
        super(Tensor.empty(), Tensor.empty());
        if (inputSize <= 0) {
            throw new IllegalArgumentException("nn.Add: inputSize must be positive, got " + inputSize);
        }
        this.scalar = scalar;
        int size = scalar ? 1 : inputSize;
        bias = Tensor.zeros(size);
        gradBias = Tensor.zeros(size);
        reset();
    }

    /**
     * The bias (the module's own tensor).
     *
     * @return the bias
     */
    public Tensor bias() {
        return bias;
    }

    /**
     * Whether the bias is a single scalar.
     *
     * @return the scalar flag
     */
    public boolean isScalar() {
        return scalar;
    }

    @Override
    public Add reset() {
        double bound = 1.0 / Math.sqrt(bias.size(0));
        bias.uniform(TorchRandom.global(), -bound, bound);
        return this;
    }

    @Override
    public Add reset(double stdv) {
        double bound = stdv * Math.sqrt(3);
        bias.uniform(TorchRandom.global(), -bound, bound);
        return this;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        output.resizeAs(input).copy(input);
        int n = input.numel();
        double[] y = output.data();
        double[] b = bias.data();
        if (bias.numel() == 1) {
            double b0 = b[0];
            for (int i = 0; i < n; i++) {
                y[i] += b0;
            }
        } else if (input.sameSizeAs(bias)) {
            for (int i = 0; i < n; i++) {
                y[i] += b[i];
            }
        } else {
            int batch = batchSize(input);
            Gemm.gemm(false, false, 1.0, ones(batch).matrix(), bias.matrix(), 1.0, output.matrix());
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(gradOutput).copy(gradOutput);
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        Buffers.checkSameNumel(this, input, gradOutput);
        double[] gb = gradBias.data();
        if (gradBias.numel() == 1) {
            gb[0] += scale * gradOutput.sum();
        } else if (input.sameSizeAs(bias)) {
            gradBias.add(scale, gradOutput);
        } else {
            int batch = batchSize(input);
            Gemm.gemm(true, false, scale, ones(batch).matrix(), gradOutput.matrix(), 1.0, gradBias.matrix());
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("bias", bias, gradBias));
    }

    @Override
    public Add clearState() {
        super.clearState();
        ones = Tensor.empty();
        return this;
    }

    private int batchSize(Tensor input) {
        int n = bias.numel();
        if (input.dim() < 2 || input.size(0) == 0 || input.numel() != input.size(0) * n) {
            throw shapeError("[" + n + "] or [N, " + n + "]", input);
        }
        return input.size(0);
    }

    private Tensor ones(int batch) {
        if (ones.dim() != 2 || ones.size(0) != batch) {
            ones.resize(batch, 1).fill(1.0);
        }
        return ones;
    }

    /**
     * The {@code .t7} form of {@code nn.Add}: {@code bias}, {@code gradBias}, {@code scalar} (when
     * set), {@code _ones}.
     */
    static final T7Codec<Add> T7 = LuaFields.codec("nn.Add", Add.class, Add::read, (m, f, out) -> {
        LuaFields.writeParameters(m, f, out);
        if (m.isScalar()) {
            f.put("scalar", true);
        }
        f.put("_ones", T7Tensor.fromTensor(Tensor.of(1)));
    });

    private static Add read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        Tensor b = in.tensor(o, "bias");
        boolean scalar = LuaFields.truthy(o.get("scalar"));
        if (b.dim() != 1 || (scalar && b.numel() != 1)) {
            throw in.error("nn.Add: expected a 1-D bias" + (scalar ? " of 1 element" : "") + ", got "
                    + b.shapeString());
        }
        return LuaFields.readParameters(new Add(b.numel(), scalar), o, in);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Add training() {
        super.training();
        return this;
    }

    @Override
    public Add evaluate() {
        super.evaluate();
        return this;
    }
}
