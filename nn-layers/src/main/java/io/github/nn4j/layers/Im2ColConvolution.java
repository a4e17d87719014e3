package io.github.nn4j.layers;

import java.util.Arrays;
import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.ops.Im2Col;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Tensor;

/**
 * The maths shared by {@link SpatialConvolution}, {@link SpatialConvolutionMM} and
 * {@link SpatialDilatedConvolution}. The batch is cut into equal chunks of {@code s} samples
 * ({@code s} divides N; as many samples as keep a chunk's columns within 64 Ki doubles, i.e.
 * cache-resident; 1 for most layers, a few for LeNet's small ones); each chunk is unfolded into
 * {@code cols = [C·kH·kW, s·oH·oW]} ({@link Im2Col}) and multiplied once through {@link Gemm}:
 * {@code out = W·cols} (the weight viewed as {@code [out, C·kH·kW]}), copied into
 * {@code [N, out, oH, oW]}. Backward, per chunk: {@code gradCols = Wᵀ·G} folded into gradInput;
 * {@code gradW += scale·G·colsᵀ} with the chunk unfolded again (so, unlike Torch's {@code finput},
 * {@code accGradParameters} does not depend on the last forward); {@code gradBias += scale·Σ G},
 * with {@code G} the chunk of gradOutput as {@code [out, s·oH·oW]}. All buffers are fields,
 * resized in place; they hold one chunk, not the batch.
 *
 * <p><b>Groups</b> (cuDNN's {@code groups}, {@code G} dividing both plane counts): the weight is
 * {@code [out, in/G, kH, kW]} and group {@code g} convolves input planes
 * {@code [g·in/G, (g+1)·in/G)} into output planes {@code [g·out/G, (g+1)·out/G)}; each chunk then
 * runs one unfold and one product per group, over that group's planes and rows of the weight
 * (copied into a group buffer when {@code G > 1}).
 *
 * <p>Measured (2-core AVX-512 Xeon, Java 17, one thread, Vector API kernel, a shared and busy
 * machine): a 3×3 convolution 16 → 16 with padding 1 on a batch of 32 × 32×32: one product over
 * the whole batch ({@code 16×144×32768}) took ~8.3 ms forward (18 GFLOPS) and ~21 ms backward
 * (14 GFLOPS); per-sample chunks, whose columns stay in cache, ~6.5 ms (23 GFLOPS) and ~14.5 ms
 * (21 GFLOPS), the unfold counted twice.
 */
abstract class Im2ColConvolution extends Module<Tensor, Tensor> {

    final int nInputPlane;
    final int nOutputPlane;
    final int kW;
    final int kH;
    final int dW;
    final int dH;
    final int padW;
    final int padH;
    final int dilationW;
    final int dilationH;
    /** The number of groups (1: an ordinary convolution). */
    final int groups;
    /** The weight, {@code [out, in, kH, kW]} or {@code [out, in·kH·kW]}. */
    protected Tensor weight;
    /** Its gradient. */
    protected Tensor gradWeight;
    /** The bias {@code [out]}, or {@code null}. */
    protected Tensor bias;
    /** Its gradient, or {@code null}. */
    protected Tensor gradBias;
    /** The columns of one chunk of samples, {@code [C·kH·kW, s·oH·oW]} (Torch's finput). */
    private Tensor columns = Tensor.empty();
    /** The gradient of the columns (Torch's fgradInput). */
    private Tensor gradColumns = Tensor.empty();
    /** A chunk of the output or gradOutput as {@code [out, s·oH·oW]}. */
    private Tensor planeMajor = Tensor.empty();
    /** One group's rows of the weight or gradWeight, {@code [out/G, in/G·kH·kW]} (groups > 1 only). */
    private Tensor groupWeight = Tensor.empty();

    Im2ColConvolution(String name, int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW,
            int padH, int dilationW, int dilationH, boolean fourDWeight) {
        this(name, nInputPlane, nOutputPlane, kW, kH, dW, dH, padW, padH, dilationW, dilationH, fourDWeight, 1);
    }

    Im2ColConvolution(String name, int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW,
            int padH, int dilationW, int dilationH, boolean fourDWeight, int groups) {
        super(Tensor.empty(), Tensor.empty());
        if (nInputPlane <= 0 || nOutputPlane <= 0 || kW <= 0 || kH <= 0 || dW <= 0 || dH <= 0 || padW < 0
                || padH < 0 || dilationW <= 0 || dilationH <= 0) {
            throw new IllegalArgumentException(name + "(" + nInputPlane + " -> " + nOutputPlane + ", " + kW + "x" + kH
                    + "): planes, kernel, stride and dilation must be positive and padding non-negative, got stride "
                    + dW + "," + dH + ", padding " + padW + "," + padH + ", dilation " + dilationW + "," + dilationH);
        }
        if (groups <= 0 || nInputPlane % groups != 0 || nOutputPlane % groups != 0) {
            throw new IllegalArgumentException(name + "(" + nInputPlane + " -> " + nOutputPlane + ", " + kW + "x" + kH
                    + "): groups must be positive and divide both plane counts, got " + groups);
        }
        this.groups = groups;
        this.nInputPlane = nInputPlane;
        this.nOutputPlane = nOutputPlane;
        this.kW = kW;
        this.kH = kH;
        this.dW = dW;
        this.dH = dH;
        this.padW = padW;
        this.padH = padH;
        this.dilationW = dilationW;
        this.dilationH = dilationH;
        int inG = nInputPlane / groups;
        int[] size = fourDWeight ? new int[] {nOutputPlane, inG, kH, kW}
                : new int[] {nOutputPlane, inG * kH * kW};
        weight = Tensor.zeros(size);
        gradWeight = Tensor.zeros(size);
        bias = Tensor.zeros(nOutputPlane);
        gradBias = Tensor.zeros(nOutputPlane);
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
     * @return the bias, or {@code null} without bias
     */
    public Tensor bias() {
        return bias;
    }

    /**
     * The number of groups.
     *
     * @return {@code groups}, 1 for an ordinary convolution
     */
    public int groups() {
        return groups;
    }

    /**
     * Draws weight then bias from {@code U(±1/√(kW·kH·nInputPlane/groups))}, as Torch (and
     * cudnn.torch for groups).
     *
     * @return this
     */
    @Override
    public Im2ColConvolution reset() {
        return fill(1.0 / Math.sqrt(kW * kH * (nInputPlane / groups)));
    }

    /**
     * Draws weight then bias from {@code U(±stdv·√3)}.
     *
     * @param stdv the standard deviation
     * @return this
     */
    @Override
    public Im2ColConvolution reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private Im2ColConvolution fill(double bound) {
        TorchRandom rng = TorchRandom.global();
        weight.uniform(rng, -bound, bound);
        if (bias != null) {
            bias.uniform(rng, -bound, bound);
        }
        return this;
    }

    /** Weight, then bias when present. */
    @Override
    public List<Parameter> parameters() {
        if (bias == null) {
            return List.of(new Parameter("weight", weight, gradWeight));
        }
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("bias", bias, gradBias));
    }

    // ------------------------------------------------------------------ shapes

    private int batch(Tensor input) {
        return input.dim() == 4 ? input.size(0) : 1;
    }

    private int outH(Tensor input) {
        return Im2Col.outputSize(input.size(-2), kH, dH, padH, dilationH);
    }

    private int outW(Tensor input) {
        return Im2Col.outputSize(input.size(-1), kW, dW, padW, dilationW);
    }

    /** Checks the input: 3-D or 4-D, nInputPlane planes, at least the (dilated) kernel after padding. */
    void checkInput(Tensor input) {
        if ((input.dim() != 3 && input.dim() != 4) || input.size(-3) != nInputPlane
                || (input.dim() == 4 && input.size(0) == 0)) {
            throw shapeError(expectedInput(), input);
        }
        if (outH(input) < 1 || outW(input) < 1) {
            int spanH = dilationH * (kH - 1) + 1;
            int spanW = dilationW * (kW - 1) + 1;
            throw shapeError(expectedInput() + " with H + 2·" + padH + " >= " + spanH + " and W + 2·" + padW + " >= "
                    + spanW + " (the input is smaller than the kernel)", input);
        }
    }

    private String expectedInput() {
        return "[N, " + nInputPlane + ", H, W] or [" + nInputPlane + ", H, W]";
    }

    private void checkGradOutput(Tensor input, Tensor gradOutput) {
        checkInput(input);
        boolean ok = gradOutput.dim() == input.dim() && gradOutput.size(-3) == nOutputPlane
                && gradOutput.size(-2) == outH(input) && gradOutput.size(-1) == outW(input)
                && (input.dim() == 3 || gradOutput.size(0) == input.size(0));
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
    }

    // ------------------------------------------------------------------ forward and backward

    /**
     * Samples per product: as many as keep the columns of a chunk within {@value #CHUNK_DOUBLES}
     * doubles (cache-resident), at least 1, and a divisor of the batch so that every chunk has
     * the same size (no buffer resized within a call).
     */
    private int chunk(int n, int area) {
        int k = nInputPlane / groups * kH * kW;
        int s = (int) Math.max(1, Math.min(n, CHUNK_DOUBLES / ((long) k * area)));
        while (n % s != 0) {
            s--;
        }
        return s;
    }

    /** Column budget of one chunk: 64 Ki doubles (512 KiB), about an L2 cache. */
    static final int CHUNK_DOUBLES = 1 << 16;

    /**
     * Unfolds the planes of group {@code g} of samples {@code s0 … s0 + s − 1} into
     * {@code columns = [C/G·kH·kW, s·oH·oW]}.
     */
    private void unfoldChunk(Tensor input, int s0, int s, int oH, int oW, int g) {
        int area = oH * oW;
        int h = input.size(-2);
        int w = input.size(-1);
        int image = nInputPlane * h * w;
        int inG = nInputPlane / groups;
        double[] cols = Buffers.resize2(columns, inG * kH * kW, s * area).data();
        for (int j = 0; j < s; j++) {
            Im2Col.unfold(input.data(), (s0 + j) * image + g * inG * h * w, inG, h, w, kH, kW, dH, dW, padH, padW,
                    dilationH, dilationW, oH, oW, cols, j * area, s * area);
        }
    }

    /**
     * Copies the planes of group {@code g} of samples {@code s0 …} of a {@code [N, out, area]}
     * tensor into {@code planeMajor = [out/G, s·area]}.
     */
    private Tensor gatherChunk(Tensor t, int s0, int s, int area, int g) {
        int outG = nOutputPlane / groups;
        double[] src = t.data();
        double[] dst = Buffers.resize2(planeMajor, outG, s * area).data();
        for (int j = 0; j < s; j++) {
            for (int p = 0; p < outG; p++) {
                System.arraycopy(src, ((s0 + j) * nOutputPlane + g * outG + p) * area, dst, (p * s + j) * area, area);
            }
        }
        return planeMajor;
    }

    /** The rows of group {@code g} of a weight-shaped tensor as {@code [out/G, in/G·kH·kW]} (itself when G = 1). */
    private Tensor groupRows(Tensor full, int g) {
        if (groups == 1) {
            return full;
        }
        int outG = nOutputPlane / groups;
        int k = nInputPlane / groups * kH * kW;
        Tensor t = Buffers.resize2(groupWeight, outG, k);
        System.arraycopy(full.data(), g * outG * k, t.data(), 0, outG * k);
        return t;
    }

    /** {@code output = W ⋆ input + b}, {@code [N, out, oH, oW]} or {@code [out, oH, oW]}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        checkInput(input);
        int n = batch(input);
        int oH = outH(input);
        int oW = outW(input);
        int area = oH * oW;
        if (input.dim() == 3) {
            resize3(output, nOutputPlane, oH, oW);
        } else {
            resize4(output, n, nOutputPlane, oH, oW);
        }
        int s = chunk(n, area);
        int row = s * area;
        int outG = nOutputPlane / groups;
        double[] y = output.data();
        for (int s0 = 0; s0 < n; s0 += s) {
            for (int g = 0; g < groups; g++) {
                unfoldChunk(input, s0, s, oH, oW, g);
                Tensor target = Buffers.resize2(planeMajor, outG, row);
                double[] t = target.data();
                if (bias != null) {
                    double[] b = bias.data();
                    for (int o = 0; o < outG; o++) {
                        Arrays.fill(t, o * row, (o + 1) * row, b[g * outG + o]);
                    }
                }
                Gemm.gemm(false, false, 1.0, groupRows(weight, g).matrix(), columns.matrix(), bias != null ? 1.0 : 0.0,
                        target.matrix());
                for (int j = 0; j < s; j++) {
                    for (int p = 0; p < outG; p++) {
                        System.arraycopy(t, (p * s + j) * area, y, ((s0 + j) * nOutputPlane + g * outG + p) * area,
                                area);
                    }
                }
            }
        }
        return output;
    }

    /** {@code gradInput = fold(Wᵀ·G)}, resized like the input. */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        checkGradOutput(input, gradOutput);
        int n = batch(input);
        int oH = outH(input);
        int oW = outW(input);
        int area = oH * oW;
        int h = input.size(-2);
        int w = input.size(-1);
        int image = nInputPlane * h * w;
        int s = chunk(n, area);
        int inG = nInputPlane / groups;
        gradInput.resizeAs(input);
        double[] gi = gradInput.data();
        Buffers.resize2(gradColumns, inG * kH * kW, s * area);
        for (int s0 = 0; s0 < n; s0 += s) {
            Arrays.fill(gi, s0 * image, (s0 + s) * image, 0.0);
            for (int g = 0; g < groups; g++) {
                Gemm.gemm(true, false, 1.0, groupRows(weight, g).matrix(),
                        gatherChunk(gradOutput, s0, s, area, g).matrix(), 0.0, gradColumns.matrix());
                for (int j = 0; j < s; j++) {
                    Im2Col.fold(gradColumns.data(), j * area, s * area, inG, h, w, kH, kW, dH, dW, padH, padW,
                            dilationH, dilationW, oH, oW, gi, (s0 + j) * image + g * inG * h * w);
                }
            }
        }
        return gradInput;
    }

    /** {@code gradWeight += scale·G·colsᵀ}, {@code gradBias += scale·Σ G}. */
    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        checkGradOutput(input, gradOutput);
        int n = batch(input);
        int oH = outH(input);
        int oW = outW(input);
        int area = oH * oW;
        int s = chunk(n, area);
        int row = s * area;
        int outG = nOutputPlane / groups;
        for (int s0 = 0; s0 < n; s0 += s) {
            for (int gr = 0; gr < groups; gr++) {
                unfoldChunk(input, s0, s, oH, oW, gr);
                Tensor g = gatherChunk(gradOutput, s0, s, area, gr);
                Tensor gw = groupRows(gradWeight, gr);
                Gemm.gemm(false, true, scale, g.matrix(), columns.matrix(), 1.0, gw.matrix());
                if (groups > 1) {
                    System.arraycopy(gw.data(), 0, gradWeight.data(), gr * gw.numel(), gw.numel());
                }
                if (bias != null) {
                    double[] gd = g.data();
                    double[] gb = gradBias.data();
                    for (int o = 0; o < outG; o++) {
                        double sum = 0;
                        for (int i = o * row, e = i + row; i < e; i++) {
                            sum += gd[i];
                        }
                        gb[gr * outG + o] += scale * sum;
                    }
                }
            }
        }
    }

    static void resize3(Tensor t, int a, int b, int c) {
        if (t.dim() != 3 || t.size(0) != a || t.size(1) != b || t.size(2) != c) {
            t.resize(a, b, c);
        }
    }

    static void resize4(Tensor t, int a, int b, int c, int d) {
        if (t.dim() != 4 || t.size(0) != a || t.size(1) != b || t.size(2) != c || t.size(3) != d) {
            t.resize(a, b, c, d);
        }
    }

    @Override
    public Im2ColConvolution clearState() {
        super.clearState();
        columns = Tensor.empty();
        gradColumns = Tensor.empty();
        planeMajor = Tensor.empty();
        groupWeight = Tensor.empty();
        return this;
    }

    /**
     * Torch's {@code __tostring__} up to the closing parenthesis: {@code nn.X(in -> out, kWxkH}, then
     * {@code , dW,dH} when stride or padding differ from the defaults, then {@code , padW,padH}
     * when there is padding.
     */
    String describe() {
        StringBuilder s = new StringBuilder(torchTypeName()).append('(').append(nInputPlane).append(" -> ")
                .append(nOutputPlane).append(", ").append(kW).append('x').append(kH);
        if (dW != 1 || dH != 1 || padW != 0 || padH != 0) {
            s.append(", ").append(dW).append(',').append(dH);
        }
        if (padW != 0 || padH != 0) {
            s.append(", ").append(padW).append(',').append(padH);
        }
        return s.toString();
    }

    /**
     * Copies the file's parameters (and gradients, when stored with the same element count) into
     * the module's own tensors, accepting a 2-D or 4-D (or 6-D) layout of the same element count,
     * as Torch's {@code backCompatibility} views it.
     */
    static <M extends Module<?, ?>> M readParameters(M m, T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        for (Parameter p : m.parameters()) {
            // straight from the file's storage into the module's tensor (one copy); any layout
            // of the same element count
            in.copyTensor(o, p.name(), p.value());
            String g = "grad" + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1);
            if (o.get(g) instanceof T7Tensor gv && gv.numel() == p.grad().numel()) {
                in.copyTensor(o, g, p.grad());
            }
        }
        return m;
    }

    /**
     * The number of input planes.
     *
     * @return nInputPlane
     */
    public int nInputPlane() {
        return nInputPlane;
    }

    /**
     * The number of output planes.
     *
     * @return nOutputPlane
     */
    public int nOutputPlane() {
        return nOutputPlane;
    }

    /**
     * The kernel width.
     *
     * @return kW
     */
    public int kW() {
        return kW;
    }

    /**
     * The kernel height.
     *
     * @return kH
     */
    public int kH() {
        return kH;
    }

    /**
     * The horizontal stride.
     *
     * @return dW
     */
    public int dW() {
        return dW;
    }

    /**
     * The vertical stride.
     *
     * @return dH
     */
    public int dH() {
        return dH;
    }

    /**
     * The zero padding at the left and the right.
     *
     * @return padW
     */
    public int padW() {
        return padW;
    }

    /**
     * The zero padding at the top and the bottom.
     *
     * @return padH
     */
    public int padH() {
        return padH;
    }

    /**
     * The horizontal dilation (1 for an ordinary convolution).
     *
     * @return dilationW
     */
    public int dilationW() {
        return dilationW;
    }

    /**
     * The vertical dilation (1 for an ordinary convolution).
     *
     * @return dilationH
     */
    public int dilationH() {
        return dilationH;
    }
}
