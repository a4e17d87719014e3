package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.torch7.T7Codec;

/**
 * A bilinear form of two inputs (Torch's {@code nn.Bilinear}, {@code Bilinear.lua}):
 * {@code y[b, k] = x1[b]ᵀ·W[k]·x2[b] + bias[k]}.
 *
 * <p>Computed with the weight viewed as {@code W'} of {@code (K·n1) × n2} rows
 * {@code (k, i)}: {@code U = X2·W'ᵀ} ({@code [B, K·n1]}, one {@link Gemm}), then
 * {@code y[b, k] = Σ_i x1[b, i]·U[b, k·n1 + i]}. Backward with {@code P[b, k·n1 + i] =
 * g[b, k]·x1[b, i]}: {@code ∂x2 = P·W'}, {@code ∂x1[b, i] = Σ_k g[b, k]·U[b, k·n1 + i]},
 * {@code gradWeight' += scale·Pᵀ·X2}, {@code gradBias += scale·Σ_b g[b]}.
 *
 * <table class="striped">
 *   <caption>Shapes (batch only, as Torch)</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input {@code {x1, x2}}</td><td>{@code {[B, inputSize1], [B, inputSize2]}}</td></tr>
 *   <tr><td>output</td><td>{@code [B, outputSize]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td>{@code [outputSize, inputSize1, inputSize2]}</td></tr>
 *   <tr><td>bias, gradBias</td><td>{@code [outputSize]} (absent without bias)</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b>: weight then bias from {@code U(±1/√inputSize1)}
 * ({@link TorchRandom#global()}, row-major, as Torch); {@code reset(stdv)}: {@code U(±stdv·√3)},
 * {@code stdv > 0}. Prints exactly what Torch's {@code __tostring__} prints, spaces included:
 * {@code "nn.Bilinear(6x2 -> 3) "} (a trailing space) and, without bias,
 * {@code "nn.Bilinear(6x2 -> 3)  without bias"} (two spaces).
 *
 * <p><b>Differences from Torch:</b> {@code accGradParameters} scales the weight gradient by
 * {@code scale} (Torch's {@code Bilinear.lua} accumulates the weight gradient unscaled and scales
 * only the bias gradient; the two agree for the usual {@code scale = 1}), and accepts a negative
 * scale (Torch asserts {@code scale >= 0}).
 */
public class Bilinear extends Module<Table, Tensor> {

    private final int inputSize1;
    private final int inputSize2;
    private final int outputSize;
    private final Tensor weight;
    private final Tensor gradWeight;
    private final Tensor bias;
    private final Tensor gradBias;
    /** {@code U = X2·W'ᵀ} of the last forward. */
    private final Tensor u = Tensor.empty();
    /** {@code P[b, k·n1 + i] = g[b, k]·x1[b, i]}. */
    private final Tensor pBuf = Tensor.empty();
    private final Tensor wView = Tensor.empty();
    private final Tensor gwView = Tensor.empty();
    private final int[] shape = new int[2];

    /**
     * A bilinear layer with bias.
     *
     * @param inputSize1 the size of {@code x1}, positive
     * @param inputSize2 the size of {@code x2}, positive
     * @param outputSize the number of outputs, positive
     */
    public Bilinear(int inputSize1, int inputSize2, int outputSize) {
        this(inputSize1, inputSize2, outputSize, true);
    }

    /**
     * A bilinear layer (Torch's {@code nn.Bilinear(inputSize1, inputSize2, outputSize, bias)}).
     *
     * @param inputSize1 the size of {@code x1}, positive
     * @param inputSize2 the size of {@code x2}, positive
     * @param outputSize the number of outputs, positive
     * @param withBias whether the layer has a bias
     * @throws IllegalArgumentException if a size is not positive
     */
    public Bilinear(int inputSize1, int inputSize2, int outputSize, boolean withBias) {
        super(Tensor.empty(), Table.of(Tensor.empty(), Tensor.empty()));
        if (inputSize1 <= 0 || inputSize2 <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException("nn.Bilinear(" + inputSize1 + "x" + inputSize2 + " -> " + outputSize
                    + "): inputSize1 and inputSize2 and outputSize should be positive numbers");
        }
        this.inputSize1 = inputSize1;
        this.inputSize2 = inputSize2;
        this.outputSize = outputSize;
        weight = Tensor.zeros(outputSize, inputSize1, inputSize2);
        gradWeight = Tensor.zeros(outputSize, inputSize1, inputSize2);
        bias = withBias ? Tensor.zeros(outputSize) : null;
        gradBias = withBias ? Tensor.zeros(outputSize) : null;
        reset();
    }

    /** @return the size of the first input */
    public int inputSize1() {
        return inputSize1;
    }

    /** @return the size of the second input */
    public int inputSize2() {
        return inputSize2;
    }

    /** @return the number of outputs */
    public int outputSize() {
        return outputSize;
    }

    /** @return the weight {@code [outputSize, inputSize1, inputSize2]} (the module's own tensor) */
    public Tensor weight() {
        return weight;
    }

    /** @return the bias {@code [outputSize]}, or {@code null} without bias */
    public Tensor bias() {
        return bias;
    }

    @Override
    public Bilinear reset() {
        return fill(1.0 / Math.sqrt(inputSize1));
    }

    /**
     * Draws weight then bias from {@code U(±stdv·√3)}.
     *
     * @param stdv the standard deviation, positive
     * @return this
     * @throws IllegalArgumentException if {@code stdv} is not positive
     */
    @Override
    public Bilinear reset(double stdv) {
        if (!(stdv > 0)) {
            throw new IllegalArgumentException(this + ": standard deviation should be a positive number, got " + stdv);
        }
        return fill(stdv * Math.sqrt(3));
    }

    private Bilinear fill(double bound) {
        TorchRandom rng = TorchRandom.global();
        weight.uniform(rng, -bound, bound);
        if (bias != null) {
            bias.uniform(rng, -bound, bound);
        }
        return this;
    }

    @Override
    public Tensor updateOutput(Table input) {
        int batch = check(input);
        Tensor x1 = input.tensor(0);
        Tensor x2 = input.tensor(1);
        int n1 = inputSize1;
        int kn = outputSize * n1;
        Buffers.resize2(u, batch, kn);
        Gemm.gemm(false, true, 1.0, x2.matrix(), Unfold.view(wView, shape, weight, kn, inputSize2), 0.0,
                u.matrix());
        Buffers.resize2(output, batch, outputSize);
        double[] y = output.data();
        double[] ud = u.data();
        double[] a = x1.data();
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < outputSize; k++) {
                int off = b * kn + k * n1;
                double s = 0;
                for (int i = 0; i < n1; i++) {
                    s += a[b * n1 + i] * ud[off + i];
                }
                y[b * outputSize + k] = bias == null ? s : s + bias.data()[k];
            }
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        int batch = checkGradOutput(input, gradOutput);
        Tensor x1 = input.tensor(0);
        Tensor x2 = input.tensor(1);
        if (u.dim() != 2 || u.size(0) != batch) {
            throw new IllegalStateException(this + ": backward needs the forward of the same input first");
        }
        if (gradInput.size() != 2) {
            gradInput.clear().add(Tensor.empty()).add(Tensor.empty());
        }
        Tensor g1 = gradInput.tensor(0).resizeAs(x1);
        Tensor g2 = gradInput.tensor(1).resizeAs(x2);
        int n1 = inputSize1;
        int kn = outputSize * n1;
        double[] gd = gradOutput.data();
        double[] ud = u.data();
        double[] d1 = g1.data();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n1; i++) {
                double s = 0;
                for (int k = 0; k < outputSize; k++) {
                    s += gd[b * outputSize + k] * ud[b * kn + k * n1 + i];
                }
                d1[b * n1 + i] = s;
            }
        }
        Gemm.gemm(false, false, 1.0, products(x1, gradOutput, batch).matrix(),
                Unfold.view(wView, shape, weight, kn, inputSize2), 0.0, g2.matrix());
        return gradInput;
    }

    @Override
    public void accGradParameters(Table input, Tensor gradOutput, double scale) {
        int batch = checkGradOutput(input, gradOutput);
        int kn = outputSize * inputSize1;
        Gemm.gemm(true, false, scale, products(input.tensor(0), gradOutput, batch).matrix(), input.tensor(1).matrix(),
                1.0, Unfold.view(gwView, shape, gradWeight, kn, inputSize2));
        if (bias != null) {
            double[] gd = gradOutput.data();
            double[] gb = gradBias.data();
            for (int k = 0; k < outputSize; k++) {
                double s = 0;
                for (int b = 0; b < batch; b++) {
                    s += gd[b * outputSize + k];
                }
                gb[k] += scale * s;
            }
        }
    }

    /** {@code P[b, k·n1 + i] = g[b, k]·x1[b, i]}, into the reused buffer. */
    private Tensor products(Tensor x1, Tensor gradOutput, int batch) {
        int n1 = inputSize1;
        int kn = outputSize * n1;
        Buffers.resize2(pBuf, batch, kn);
        double[] p = pBuf.data();
        double[] a = x1.data();
        double[] gd = gradOutput.data();
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < outputSize; k++) {
                double gk = gd[b * outputSize + k];
                int off = b * kn + k * n1;
                for (int i = 0; i < n1; i++) {
                    p[off + i] = gk * a[b * n1 + i];
                }
            }
        }
        return pBuf;
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
    public Bilinear clearState() {
        super.clearState();
        gradInput.add(Tensor.empty()).add(Tensor.empty());
        u.set(Tensor.empty());
        pBuf.set(Tensor.empty());
        return this;
    }

    /** Torch's {@code '(%dx%d -> %d) %s'}: a trailing space with bias, two spaces before "without bias". */
    @Override
    public String toString() {
        return torchTypeName() + "(" + inputSize1 + "x" + inputSize2 + " -> " + outputSize + ") "
                + (bias == null ? " without bias" : "");
    }

    private int check(Table input) {
        if (input.size() != 2 || !(input.get(0) instanceof Tensor x1) || !(input.get(1) instanceof Tensor x2)
                || x1.dim() != 2 || x2.dim() != 2 || x1.size(0) != x2.size(0) || x1.size(0) == 0
                || x1.size(1) != inputSize1 || x2.size(1) != inputSize2) {
            throw shapeError("{[B, " + inputSize1 + "], [B, " + inputSize2 + "]}", input);
        }
        return x1.size(0);
    }

    private int checkGradOutput(Table input, Tensor gradOutput) {
        int batch = check(input);
        if (!Unfold.hasSize(gradOutput, batch, outputSize, -1)) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size [" + batch + ", " + outputSize + "]");
        }
        return batch;
    }

    static final T7Codec<Bilinear> T7 = LuaFields.codec("nn.Bilinear", Bilinear.class,
            (o, in) -> {
                Tensor w = in.tensor(o, "weight");
                if (w.dim() != 3) {
                    throw in.error("nn.Bilinear: weight must be 3-D (outputSize x inputSize1 x inputSize2), got "
                            + w.shapeString());
                }
                return LuaFields.readParameters(new Bilinear(w.size(1), w.size(2), w.size(0), o.get("bias") != null),
                        o, in);
            },
            LuaFields::writeParameters);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Bilinear training() {
        super.training();
        return this;
    }

    @Override
    public Bilinear evaluate() {
        super.evaluate();
        return this;
    }
}
