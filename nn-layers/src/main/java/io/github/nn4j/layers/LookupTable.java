package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.LuaIndexed;
import io.github.nn4j.torch7.T7Codec;

/**
 * An embedding: row {@code k} of the weight for every index {@code k} of the input,
 * {@code y[i] = W[x[i]]} (Torch's {@code nn.LookupTable}, {@code LookupTable.lua} and THNN's
 * {@code LookupTable.c}). Backward: {@code gradWeight[x[i]] += scale · gradOutput[i]} for every
 * position {@code i} whose index is not {@code paddingIndex} (repeated indices accumulate); the
 * indices get no gradient, and {@code gradInput} is a zero tensor of the input's size, as Torch
 * returns.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sequence</th><th>batch</th></tr>
 *   <tr><td>input (indices), gradInput (zeros)</td><td>{@code [L]}</td><td>{@code [B, L]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [nIndex, nOutput]}</td></tr>
 *   <tr><td>output, gradOutput</td><td>{@code [L, nOutput]}</td><td>{@code [B, L, nOutput]}</td></tr>
 * </table>
 *
 * <p><b>maxNorm</b>: when finite, every forward first rescales, in place, each weight row the
 * input refers to whose {@code normType}-norm exceeds {@code maxNorm}, by
 * {@code maxNorm / (norm + 1e-7)} (Torch's {@code renorm}). {@code Double.POSITIVE_INFINITY}
 * (Lua's {@code nil}) never rescales.
 *
 * <p><b>Initialisation</b>: {@code N(0, 1)} row-major from {@link TorchRandom#global()}
 * (Torch's {@code weight:normal(0, 1)}); {@code reset(stdv)} draws {@code N(0, stdv)}.
 *
 * <p><b>Differences from Torch:</b> indices are 0-based: Lua's index {@code k} is Java's
 * {@code k − 1} ({@link #fromLua} shifts a Lua input), and must be integers in
 * {@code [0, nIndex)} (Torch truncates a fractional index; nn4j refuses it). The padding index
 * is 0-based too: Lua's {@code paddingValue} {@code p} is Java's {@code p − 1}, Lua's default 0
 * (no padding) is Java's {@code −1}. Torch's {@code scaleGradByFreq()} and
 * {@code accUpdateOnly()} are not provided (a file with {@code shouldScaleGradByFreq} true is
 * refused).
 */
public class LookupTable extends Module<Tensor, Tensor> implements LuaIndexed {

    /**
     * The {@code .t7} form of {@code nn.LookupTable} (class version 4, as Torch writes it):
     * {@code weight}, {@code gradWeight}, {@code paddingValue} (Lua 1-based, 0 = none),
     * {@code maxNorm} and {@code normType} when set; older versions read with the same defaults.
     */
    static final T7Codec<LookupTable> T7 = LuaFields.codec("nn.LookupTable", LookupTable.class, 4, (o, in) -> {
        int[] w = LuaFields.sizes2(o, "weight", "nn.LookupTable: weight must be 2-D (nIndex x nOutput)", in);
        if (LuaFields.truthy(o.get("shouldScaleGradByFreq"))) {
            throw in.error("nn.LookupTable: scaleGradByFreq() is not supported");
        }
        double maxNorm = o.get("maxNorm") == null ? Double.POSITIVE_INFINITY : o.getNumber("maxNorm");
        LookupTable m = new LookupTable(w[0], w[1], o.getInt("paddingValue", 0) - 1, maxNorm,
                o.getNumber("normType", 2));
        return LuaFields.readParameters(m, o, in);
    }, (m, f, out) -> {
            LuaFields.writeParameters(m, f, out);
            f.put("paddingValue", (double) (m.paddingIndex + 1));
            if (Double.isFinite(m.maxNorm)) {
                f.put("maxNorm", m.maxNorm);
            }
            if (m.normType != 2) {
                f.put("normType", m.normType);
            }
        });

    private final int nIndex;
    private final int nOutput;
    private final int paddingIndex;
    private final double maxNorm;
    private final double normType;
    /** The weight, {@code [nIndex, nOutput]}. */
    protected final Tensor weight;
    /** Its gradient. */
    protected final Tensor gradWeight;
    private final boolean[] renormed;

    /**
     * {@code nn.LookupTable(nIndex, nOutput)}.
     *
     * @param nIndex the number of rows (indices 0 to nIndex − 1), positive
     * @param nOutput the size of each row, positive
     */
    public LookupTable(int nIndex, int nOutput) {
        this(nIndex, nOutput, -1, Double.POSITIVE_INFINITY, 2);
    }

    /**
     * {@code nn.LookupTable(nIndex, nOutput, paddingIndex + 1, maxNorm, normType)}.
     *
     * @param nIndex the number of rows, positive
     * @param nOutput the size of each row, positive
     * @param paddingIndex the 0-based index whose row gets no gradient, or −1 for none
     * @param maxNorm the largest norm of a looked-up row, positive, or
     *                {@code Double.POSITIVE_INFINITY} for no limit
     * @param normType the p of the p-norm, positive (Torch's default 2)
     */
    public LookupTable(int nIndex, int nOutput, int paddingIndex, double maxNorm, double normType) {
        super(Tensor.empty(), Tensor.empty());
        if (nIndex <= 0 || nOutput <= 0) {
            throw new IllegalArgumentException("nn.LookupTable(" + nIndex + ", " + nOutput + "): sizes must be positive");
        }
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("nn.LookupTable: maxNorm must be positive (infinity for none), got " + maxNorm);
        }
        if (!(normType > 0) || Double.isInfinite(normType)) {
            throw new IllegalArgumentException("nn.LookupTable: normType must be positive and finite, got " + normType);
        }
        this.nIndex = nIndex;
        this.nOutput = nOutput;
        this.paddingIndex = paddingIndex;
        this.maxNorm = maxNorm;
        this.normType = normType;
        weight = Tensor.zeros(nIndex, nOutput);
        gradWeight = Tensor.zeros(nIndex, nOutput);
        renormed = new boolean[nIndex];
        reset();
    }

    /**
     * The weight (the module's own tensor).
     *
     * @return the weight, {@code [nIndex, nOutput]}
     */
    public Tensor weight() {
        return weight;
    }

    /**
     * The 0-based padding index, −1 for none.
     *
     * @return the padding index
     */
    public int paddingIndex() {
        return paddingIndex;
    }

    /**
     * The largest row norm, infinity for none.
     *
     * @return maxNorm
     */
    public double maxNorm() {
        return maxNorm;
    }

    /**
     * The p of the norm.
     *
     * @return normType
     */
    public double normType() {
        return normType;
    }

    /** Draws the weight from {@code N(0, 1)}. */
    @Override
    public LookupTable reset() {
        return reset(1);
    }

    /** Draws the weight from {@code N(0, stdv)}. */
    @Override
    public LookupTable reset(double stdv) {
        weight.normal(TorchRandom.global(), 0, stdv);
        return this;
    }

    /** Checks the input: 1-D or 2-D of integers in {@code [0, nIndex)}. */
    private void check(Tensor input) {
        if (input.dim() != 1 && input.dim() != 2) {
            throw shapeError("[L] or [B, L] (indices)", input);
        }
        double[] x = input.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            double v = x[i];
            if (!(v >= 0 && v < nIndex) || v != Math.rint(v)) {
                throw new IllegalArgumentException(this + ": index " + v + " at position " + i + " of input "
                        + input.shapeString() + " is not an integer in [0, " + nIndex + ")");
            }
        }
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        check(input);
        double[] x = input.data();
        int n = input.numel();
        double[] w = weight.data();
        if (Double.isFinite(maxNorm)) {
            for (int i = 0; i < n; i++) {
                int k = (int) x[i];
                if (!renormed[k]) {
                    renormed[k] = true;
                    renormRow(w, k * nOutput);
                }
            }
            for (int i = 0; i < n; i++) {
                renormed[(int) x[i]] = false;
            }
        }
        if (input.dim() == 1) {
            Buffers.resize2(output, n, nOutput);
        } else if (!output.hasSize(input.size(0), input.size(1), nOutput)) {
            output.resize(input.size(0), input.size(1), nOutput);
        }
        double[] y = output.data();
        for (int i = 0; i < n; i++) {
            System.arraycopy(w, (int) x[i] * nOutput, y, i * nOutput, nOutput);
        }
        return output;
    }

    /** THNN's {@code LookupTable_renormRow}. */
    private void renormRow(double[] w, int off) {
        double norm = 0;
        for (int j = 0; j < nOutput; j++) {
            double v = w[off + j];
            if (normType == 1) {
                norm += Math.abs(v);
            } else if (normType == 2) {
                norm += v * v;
            } else {
                norm += Math.pow(Math.abs(v), normType);
            }
        }
        norm = Math.pow(norm, 1.0 / normType);
        if (norm > maxNorm) {
            double f = maxNorm / (norm + 1e-7);
            for (int j = 0; j < nOutput; j++) {
                w[off + j] *= f;
            }
        }
    }

    /** A zero tensor of the input's size: indices have no gradient. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        checkGradOutput(input, gradOutput);
        return gradInput.resizeAs(input).zero();
    }

    /** {@code gradWeight[x[i]] += scale · gradOutput[i]}, skipping the padding index. */
    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        checkGradOutput(input, gradOutput);
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gw = gradWeight.data();
        for (int i = 0, n = input.numel(); i < n; i++) {
            int k = (int) x[i];
            if (k == paddingIndex) {
                continue;
            }
            int go = i * nOutput;
            int wo = k * nOutput;
            for (int j = 0; j < nOutput; j++) {
                gw[wo + j] += scale * g[go + j];
            }
        }
    }

    private void checkGradOutput(Tensor input, Tensor gradOutput) {
        check(input);
        if (gradOutput.numel() != input.numel() * nOutput || gradOutput.dim() != input.dim() + 1) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight));
    }

    /** Shifts Lua's 1-based indices (in place) to Java's 0-based ones. */
    @Override
    public Data fromLua(Data lua) {
        if (!(lua instanceof Tensor t)) {
            throw new IllegalArgumentException(this + ": expected a tensor of indices, got " + lua.shapeString());
        }
        return LuaIndex.shift(t);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public LookupTable training() {
        super.training();
        return this;
    }

    @Override
    public LookupTable evaluate() {
        super.evaluate();
        return this;
    }
}
