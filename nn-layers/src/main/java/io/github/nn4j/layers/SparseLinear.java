package io.github.nn4j.layers;

import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.torch7.LuaIndexed;
import io.github.nn4j.torch7.T7Codec;

/**
 * A fully connected layer on sparse input, {@code y = W·x + b} where {@code x} is given as its
 * non-zero entries (Torch's {@code nn.SparseLinear}, {@code SparseLinear.lua} and THNN's
 * {@code SparseLinear.c}). A sample is an {@code [nnz, 2]} tensor of rows {@code (index, value)}:
 * {@code y = b + Σ_e value_e · W[:, index_e]} (repeated indices add up). Backward:
 * {@code gradWeight[:, index_e] += scale · value_e · gradOutput},
 * {@code gradBias += scale · Σ_batch gradOutput}, plus {@code weightDecay · W} into gradWeight
 * when the decay is not 0.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [nnz, 2]} (index, value)</td><td>a {@link Table} of
 *       {@code B} such tensors (each its own nnz)</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [outputSize, inputSize]}</td></tr>
 *   <tr><td>bias, gradBias</td><td colspan="2">{@code [outputSize]}</td></tr>
 *   <tr><td>output, gradOutput</td><td>{@code [outputSize]}</td><td>{@code [B, outputSize]}</td></tr>
 *   <tr><td>gradInput</td><td colspan="2">a {@link Table}: empty without {@code doGradInput};
 *       with it, one {@code [inputSize, 2]} tensor per sample: (feature number, dense gradient
 *       {@code Wᵀ·gradOutput}) for every feature</td></tr>
 * </table>
 *
 * <p><b>Java API:</b> a {@code Module<Data, Tensor>} (the input is a tensor or a table, as in
 * Lua); {@link #forward(Tensor)} and {@link #forward(Table)} need no cast, and
 * {@link #gradInputs()} is the gradInput as a {@link Table}.
 *
 * <p><b>Initialisation</b>: weight {@code U(±1/√inputSize)}, then bias
 * {@code U(±1/√inputSize)·1e-6}, from {@link TorchRandom#global()} as Torch draws them;
 * {@code reset(stdv)} uses the bound {@code stdv·√3}.
 *
 * <p><b>Differences from Torch:</b> the index column is 0-based: Lua's feature {@code k} is
 * Java's {@code k − 1} ({@link #fromLua} shifts a Lua input); indices must be integers in
 * {@code [0, inputSize)}. The first column of the gradInput tensors holds the 0-based feature
 * numbers {@code 0 … inputSize − 1} where Torch's holds {@code 1 … inputSize};
 * {@link #gradInputToLua} gives Torch's form (the bridge tests and {@code nn4j torch7 backward}
 * use it). Torch's legacy
 * {@code [B, nnz, 2]} input is refused. Torch's sparse {@code zeroGradParameters} and
 * {@code updateParameters} (touching only the columns of the last input) are dense here: the
 * same numbers without weight decay.
 */
public class SparseLinear extends Module<Data, Tensor> implements LuaIndexed {

    static final T7Codec<SparseLinear> T7 = LuaFields.codec("nn.SparseLinear", SparseLinear.class, (o, in) -> {
        Tensor w = in.tensor(o, "weight");
        if (w.dim() != 2) {
            throw in.error("nn.SparseLinear: weight must be 2-D (outputSize x inputSize), got " + w.shapeString());
        }
        SparseLinear m = new SparseLinear(w.size(1), w.size(0), LuaFields.truthy(o.get("doGradInput")));
        m.weightDecay = o.getNumber("weightDecay", 0);
        return LuaFields.readParameters(m, o, in);
    }, (m, f, out) -> {
            LuaFields.writeParameters(m, f, out);
            f.put("doGradInput", m.doGradInput);
            f.put("weightDecay", m.weightDecay);
            f.put("sparseUpdate", 0.0);
        });

    private final int inputSize;
    private final int outputSize;
    private final boolean doGradInput;
    private double weightDecay;
    /** The weight, {@code [outputSize, inputSize]}. */
    protected final Tensor weight;
    /** Its gradient. */
    protected final Tensor gradWeight;
    /** The bias, {@code [outputSize]}. */
    protected final Tensor bias;
    /** Its gradient. */
    protected final Tensor gradBias;
    private final Table gradInputs = new Table();
    private final List<Tensor> gradBuffers = new ArrayList<>();
    private final Tensor dense = Tensor.empty();
    private final Tensor biasSum = Tensor.empty();

    /**
     * {@code nn.SparseLinear(inputSize, outputSize)}: no gradInput.
     *
     * @param inputSize the number of input features, positive
     * @param outputSize the number of outputs, positive
     */
    public SparseLinear(int inputSize, int outputSize) {
        this(inputSize, outputSize, false);
    }

    /**
     * {@code nn.SparseLinear(inputSize, outputSize, doGradInput)}.
     *
     * @param inputSize the number of input features, positive
     * @param outputSize the number of outputs, positive
     * @param doGradInput compute the (dense) gradInput
     */
    public SparseLinear(int inputSize, int outputSize, boolean doGradInput) {
        super(Tensor.empty(), new Table());
        if (inputSize <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException("nn.SparseLinear(" + inputSize + ", " + outputSize
                    + "): sizes must be positive");
        }
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.doGradInput = doGradInput;
        gradInput = gradInputs;
        weight = Tensor.zeros(outputSize, inputSize);
        gradWeight = Tensor.zeros(outputSize, inputSize);
        bias = Tensor.zeros(outputSize);
        gradBias = Tensor.zeros(outputSize);
        reset();
    }

    /**
     * The weight (the module's own tensor).
     *
     * @return the weight
     */
    public Tensor weight() {
        return weight;
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
     * Whether the gradInput is computed.
     *
     * @return doGradInput
     */
    public boolean isDoGradInput() {
        return doGradInput;
    }

    /**
     * The weight decay added to gradWeight by every accGradParameters (Torch's
     * {@code weightDecay}, 0 by default).
     *
     * @param decay the factor
     * @return this
     */
    public SparseLinear setWeightDecay(double decay) {
        weightDecay = decay;
        return this;
    }

    /**
     * The weight decay.
     *
     * @return weightDecay
     */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public SparseLinear reset() {
        return fill(1.0 / Math.sqrt(inputSize));
    }

    @Override
    public SparseLinear reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private SparseLinear fill(double bound) {
        TorchRandom rng = TorchRandom.global();
        weight.uniform(rng, -bound, bound);
        bias.uniform(rng, -bound, bound).mul(0.000001);
        return this;
    }

    /**
     * {@code forward} of one sample.
     *
     * @param sample {@code [nnz, 2]} of (0-based index, value)
     * @return the output {@code [outputSize]}, owned by the module
     */
    public Tensor forward(Tensor sample) {
        return forward((Data) sample);
    }

    /**
     * {@code forward} of a batch.
     *
     * @param batch a table of {@code [nnz_i, 2]} samples
     * @return the output {@code [B, outputSize]}, owned by the module
     */
    public Tensor forward(Table batch) {
        return forward((Data) batch);
    }

    /**
     * The gradInput of the last backward, as a table (empty without doGradInput).
     *
     * @return the gradInput, owned by the module
     */
    public Table gradInputs() {
        return gradInputs;
    }

    /** The samples of an input: itself for one tensor, its entries for a table. */
    private int batch(Data input) {
        if (input instanceof Tensor t) {
            checkSample(t, input);
            return 1;
        }
        Table t = (Table) input;
        for (Data d : t) {
            if (!(d instanceof Tensor s)) {
                throw shapeError("[nnz, 2] or a table of them", input);
            }
            checkSample(s, input);
        }
        return t.size();
    }

    private static Tensor sample(Data input, int h) {
        return input instanceof Tensor t ? t : ((Table) input).tensor(h);
    }

    private void checkSample(Tensor s, Data input) {
        if (s.dim() != 2 || s.size(1) != 2) {
            throw shapeError("[nnz, 2] or a table of them", input);
        }
        double[] x = s.data();
        for (int e = 0, n = s.size(0); e < n; e++) {
            double k = x[2 * e];
            if (!(k >= 0 && k < inputSize) || k != Math.rint(k)) {
                throw new IllegalArgumentException(this + ": index " + k + " in row " + e + " of input "
                        + input.shapeString() + " is not an integer in [0, " + inputSize + ")");
            }
        }
    }

    @Override
    public Tensor updateOutput(Data input) {
        int b = batch(input);
        if (input instanceof Tensor) {
            Buffers.resize1(output, outputSize);
        } else {
            Buffers.resize2(output, b, outputSize);
        }
        double[] y = output.data();
        double[] w = weight.data();
        double[] bs = bias.data();
        java.util.Arrays.fill(y, 0, b * outputSize, 0.0);
        for (int h = 0; h < b; h++) {
            Tensor s = sample(input, h);
            double[] x = s.data();
            int yo = h * outputSize;
            for (int e = 0, n = s.size(0); e < n; e++) {
                double v = x[2 * e + 1];
                if (v == 0) {
                    continue;
                }
                int k = (int) x[2 * e];
                for (int j = 0; j < outputSize; j++) {
                    y[yo + j] += v * w[j * inputSize + k];
                }
            }
            for (int j = 0; j < outputSize; j++) {
                y[yo + j] = bs[j] + y[yo + j];
            }
        }
        return output;
    }

    private int checkGradOutput(Data input, Tensor gradOutput) {
        int b = batch(input);
        boolean ok = input instanceof Tensor ? gradOutput.hasSize(outputSize) : gradOutput.hasSize(b, outputSize);
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
        return b;
    }

    /**
     * An empty table without doGradInput; with it, one {@code [inputSize, 2]} tensor per sample
     * holding (Torch's feature number {@code 1 … inputSize}, {@code (gradOutput·W)[feature]}).
     */
    @Override
    public Data updateGradInput(Data input, Tensor gradOutput) {
        int b = checkGradOutput(input, gradOutput);
        if (!doGradInput) {
            gradInputs.clear();
            return gradInputs;
        }
        Buffers.resize2(dense, b, inputSize);
        Gemm.gemm(false, false, 1.0, gradOutput.matrix(), weight.matrix(), 0.0, dense.matrix());
        while (gradBuffers.size() < b) {
            gradBuffers.add(Tensor.zeros(inputSize, 2));
        }
        gradInputs.clear();
        double[] d = dense.data();
        for (int h = 0; h < b; h++) {
            Tensor g = gradBuffers.get(h);
            double[] a = g.data();
            for (int k = 0; k < inputSize; k++) {
                a[2 * k] = k;
                a[2 * k + 1] = d[h * inputSize + k];
            }
            gradInputs.add(g);
        }
        return gradInputs;
    }

    @Override
    public void accGradParameters(Data input, Tensor gradOutput, double scale) {
        int b = checkGradOutput(input, gradOutput);
        double[] g = gradOutput.data();
        double[] gw = gradWeight.data();
        for (int h = 0; h < b; h++) {
            Tensor s = sample(input, h);
            double[] x = s.data();
            int go = h * outputSize;
            for (int e = 0, n = s.size(0); e < n; e++) {
                double v = scale * x[2 * e + 1];
                int k = (int) x[2 * e];
                for (int j = 0; j < outputSize; j++) {
                    gw[j * inputSize + k] += v * g[go + j];
                }
            }
        }
        // gradBias += scale * (sum over the batch), summed first as THNN does
        Buffers.resize1(biasSum, outputSize);
        double[] sum = biasSum.data();
        System.arraycopy(g, 0, sum, 0, outputSize);
        for (int h = 1; h < b; h++) {
            for (int j = 0; j < outputSize; j++) {
                sum[j] += g[h * outputSize + j];
            }
        }
        gradBias.add(scale, biasSum);
        if (weightDecay != 0) {
            gradWeight.add(weightDecay, weight);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    /** A copy of the gradInput with Torch's 1-based feature numbers in the first columns. */
    @Override
    public Data gradInputToLua(Data gradInput) {
        Table out = new Table();
        for (Data d : (Table) gradInput) {
            Tensor t = ((Tensor) d).deepCopy();
            double[] a = t.data();
            for (int e = 0, n = t.size(0); e < n; e++) {
                a[2 * e] += 1;
            }
            out.add(t);
        }
        return out;
    }

    /** Shifts the index column of every sample (in place) from Lua's 1-based to 0-based. */
    @Override
    public Data fromLua(Data lua) {
        if (lua instanceof Tensor t) {
            shiftIndexColumn(t);
        } else {
            for (Data d : (Table) lua) {
                if (d instanceof Tensor t) {
                    shiftIndexColumn(t);
                }
            }
        }
        return lua;
    }

    private static void shiftIndexColumn(Tensor t) {
        if (t.dim() == 2 && t.size(1) == 2) {
            double[] a = t.data();
            for (int e = 0, n = t.size(0); e < n; e++) {
                a[2 * e] -= 1;
            }
        }
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SparseLinear training() {
        super.training();
        return this;
    }

    @Override
    public SparseLinear evaluate() {
        super.evaluate();
        return this;
    }
}
