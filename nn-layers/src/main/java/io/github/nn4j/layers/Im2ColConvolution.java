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

/**
 * The maths shared by {@link SpatialConvolution}, {@link SpatialConvolutionMM} and
 * {@link SpatialDilatedConvolution}: the whole batch is unfolded into one columns matrix
 * {@code cols = [C·kH·kW, N·oH·oW]} ({@link Im2Col}), the output is one product
 * {@code W·cols} (the weight viewed as {@code [out, C·kH·kW]}) permuted to {@code [N, out, oH, oW]};
 * backward: {@code gradCols = Wᵀ·G} folded into gradInput, {@code gradW += scale·G·colsᵀ},
 * {@code gradBias += scale·Σ G} with {@code G} the gradOutput as {@code [out, N·oH·oW]}.
 * The columns of the last forward are reused by {@code accGradParameters}, as Torch's
 * {@code finput}. All buffers are fields, resized in place.
 *
 * <p>Measured (2-core AVX-512 Xeon, Java 17, one thread, Vector API kernel, a shared and busy
 * machine): a 3×3 convolution 16 → 16 with padding 1 on a batch of 32 × 32×32 takes ~8.3 ms forward
 * (18 GFLOPS: unfold 1.9 ms, the {@code 16×144×32768} product 5.7 ms, permute 0.35 ms) and ~21 ms
 * backward (14 GFLOPS: the products {@code 144×16×32768} 6.5 ms and {@code 16×144×32768}ᵀ 6.3 ms,
 * fold 2.5 ms). One product per layer over the whole batch was chosen over per-sample products
 * because the per-sample {@code n = oH·oW} is small on the later layers of ResNet-20 (64).
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
    /** The weight, {@code [out, in, kH, kW]} or {@code [out, in·kH·kW]}. */
    protected Tensor weight;
    /** Its gradient. */
    protected Tensor gradWeight;
    /** The bias {@code [out]}, or {@code null}. */
    protected Tensor bias;
    /** Its gradient, or {@code null}. */
    protected Tensor gradBias;
    /** The columns of the last forward, {@code [C·kH·kW, N·oH·oW]} (Torch's finput). */
    private Tensor columns = Tensor.empty();
    /** The gradient of the columns (Torch's fgradInput). */
    private Tensor gradColumns = Tensor.empty();
    /** The output or gradOutput as {@code [out, N·oH·oW]}. */
    private Tensor planeMajor = Tensor.empty();

    Im2ColConvolution(String name, int nInputPlane, int nOutputPlane, int kW, int kH, int dW, int dH, int padW,
            int padH, int dilationW, int dilationH, boolean fourDWeight) {
        super(Tensor.empty(), Tensor.empty());
        if (nInputPlane <= 0 || nOutputPlane <= 0 || kW <= 0 || kH <= 0 || dW <= 0 || dH <= 0 || padW < 0
                || padH < 0 || dilationW <= 0 || dilationH <= 0) {
            throw new IllegalArgumentException(name + "(" + nInputPlane + " -> " + nOutputPlane + ", " + kW + "x" + kH
                    + "): planes, kernel, stride and dilation must be positive and padding non-negative, got stride "
                    + dW + "," + dH + ", padding " + padW + "," + padH + ", dilation " + dilationW + "," + dilationH);
        }
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
        int[] size = fourDWeight ? new int[] {nOutputPlane, nInputPlane, kH, kW}
                : new int[] {nOutputPlane, nInputPlane * kH * kW};
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
     * Draws weight then bias from {@code U(±1/√(kW·kH·nInputPlane))}, as Torch.
     *
     * @return this
     */
    @Override
    public Im2ColConvolution reset() {
        return fill(1.0 / Math.sqrt(kW * kH * nInputPlane));
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

    /** {@code output = W ⋆ input + b}, {@code [N, out, oH, oW]} or {@code [out, oH, oW]}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        checkInput(input);
        int n = batch(input);
        int oH = outH(input);
        int oW = outW(input);
        int area = oH * oW;
        unfoldInto(columns, input, n, oH, oW);
        Tensor target;
        if (input.dim() == 3) {
            resize3(output, nOutputPlane, oH, oW);
            target = output;
        } else {
            resize4(output, n, nOutputPlane, oH, oW);
            target = Buffers.resize2(planeMajor, nOutputPlane, n * area);
        }
        double[] t = target.data();
        int row = n * area;
        if (bias != null) {
            double[] b = bias.data();
            for (int o = 0; o < nOutputPlane; o++) {
                Arrays.fill(t, o * row, (o + 1) * row, b[o]);
            }
        }
        Gemm.gemm(false, false, 1.0, weight.matrix(), columns.matrix(), bias != null ? 1.0 : 0.0, target.matrix());
        if (input.dim() == 4) {
            Im2Col.fromPlaneMajor(t, n, nOutputPlane, area, output.data());
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
        Buffers.resize2(gradColumns, nInputPlane * kH * kW, n * oH * oW);
        Gemm.gemm(true, false, 1.0, weight.matrix(), gradPlaneMajor(gradOutput, n, oH * oW).matrix(), 0.0,
                gradColumns.matrix());
        gradInput.resizeAs(input);
        Im2Col.foldBatch(gradColumns.data(), n, nInputPlane, input.size(-2), input.size(-1), kH, kW, dH, dW, padH,
                padW, dilationH, dilationW, oH, oW, gradInput.data());
        return gradInput;
    }

    /** {@code gradWeight += scale·G·colsᵀ}, {@code gradBias += scale·Σ G}, with the last forward's columns. */
    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        checkGradOutput(input, gradOutput);
        int n = batch(input);
        int oH = outH(input);
        int oW = outW(input);
        int row = n * oH * oW;
        if (columns.dim() != 2 || columns.size(1) != row) {
            unfoldInto(columns, input, n, oH, oW);
        }
        Tensor g = gradPlaneMajor(gradOutput, n, oH * oW);
        Gemm.gemm(false, true, scale, g.matrix(), columns.matrix(), 1.0, gradWeight.matrix());
        if (bias != null) {
            double[] gd = g.data();
            double[] gb = gradBias.data();
            for (int o = 0; o < nOutputPlane; o++) {
                double s = 0;
                for (int i = o * row, e = i + row; i < e; i++) {
                    s += gd[i];
                }
                gb[o] += scale * s;
            }
        }
    }

    private void unfoldInto(Tensor cols, Tensor input, int n, int oH, int oW) {
        Buffers.resize2(cols, nInputPlane * kH * kW, n * oH * oW);
        Im2Col.unfoldBatch(input.data(), n, nInputPlane, input.size(-2), input.size(-1), kH, kW, dH, dW, padH, padW,
                dilationH, dilationW, oH, oW, cols.data());
    }

    /** gradOutput as {@code [out, N·oH·oW]}: itself when 3-D, else permuted into a buffer. */
    private Tensor gradPlaneMajor(Tensor gradOutput, int n, int area) {
        if (gradOutput.dim() == 3) {
            return gradOutput;
        }
        Buffers.resize2(planeMajor, nOutputPlane, n * area);
        Im2Col.toPlaneMajor(gradOutput.data(), n, nOutputPlane, area, planeMajor.data());
        return planeMajor;
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
            Tensor v = in.tensor(o, p.name());
            if (v.numel() != p.value().numel()) {
                throw in.error(o.className() + ": " + p.name() + " has size " + v.shapeString() + ", expected "
                        + p.value().shapeString());
            }
            p.value().copy(v);
            String g = "grad" + Character.toUpperCase(p.name().charAt(0)) + p.name().substring(1);
            Tensor gv = in.optTensor(o, g);
            if (gv != null && gv.numel() == p.grad().numel()) {
                p.grad().copy(gv);
            }
        }
        return m;
    }
}
