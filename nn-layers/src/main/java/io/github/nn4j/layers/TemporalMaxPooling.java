package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Max pooling over a sequence of frames, feature by feature (Torch's {@code nn.TemporalMaxPooling},
 * {@code TemporalMaxPooling.lua}, {@code THNN/generic/TemporalMaxPooling.c}).
 *
 * <p>With {@code nOutputFrame = (nInputFrame − kW) / dW + 1}:
 * {@code y[t, f] = max_{0 ≤ k < kW} x[t·dW + k, f]}; the first maximum wins a tie (Torch's
 * strict {@code >}), and {@link #indices()} keeps its window offset {@code k}. Backward:
 * {@code gradInput[t·dW + k*, f] += g[t, f]} (overlapping windows add up).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sequence</th><th>batch</th></tr>
 *   <tr><td>input</td><td>{@code [nInputFrame, F]}</td><td>{@code [B, nInputFrame, F]}</td></tr>
 *   <tr><td>output, indices</td><td>{@code [nOutputFrame, F]}</td><td>{@code [B, nOutputFrame, F]}</td></tr>
 * </table>
 * {@code nInputFrame ≥ kW} is required. Prints {@code nn.TemporalMaxPooling} (no
 * {@code __tostring__} in Torch).
 *
 * <p><b>Indices</b> are the offsets {@code k} in {@code [0, kW)} within each window, as Torch's C
 * code stores them (Torch's are 0-based here too, in a {@code LongTensor}); a window whose values
 * are all NaN or −∞ has index −1, output −∞ and passes no gradient, as in Torch.
 */
public class TemporalMaxPooling extends Module<Tensor, Tensor> {

    private final int kW;
    private final int dW;
    /** The winning offset within each window, as doubles. */
    private final Tensor indices = Tensor.empty();

    /**
     * Pooling with stride {@code kW} (non-overlapping windows).
     *
     * @param kW the window width in frames, positive
     */
    public TemporalMaxPooling(int kW) {
        this(kW, kW);
    }

    /**
     * Pooling (Torch's {@code nn.TemporalMaxPooling(kW, dW)}).
     *
     * @param kW the window width in frames, positive
     * @param dW the stride in frames, positive
     * @throws IllegalArgumentException if {@code kW} or {@code dW} is not positive
     */
    public TemporalMaxPooling(int kW, int dW) {
        super(Tensor.empty(), Tensor.empty());
        if (kW <= 0 || dW <= 0) {
            throw new IllegalArgumentException("nn.TemporalMaxPooling(" + kW + ", " + dW
                    + "): kernel width kW and stride dW must be positive");
        }
        this.kW = kW;
        this.dW = dW;
    }

    /** @return the window width in frames */
    public int kW() {
        return kW;
    }

    /** @return the stride in frames */
    public int dW() {
        return dW;
    }

    /**
     * The offsets of the maxima of the last forward within their windows, {@code [0, kW)}.
     *
     * @return the buffer (not a copy), shaped like the output
     */
    public Tensor indices() {
        return indices;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int d = input.dim();
        if (!(d == 2 || d == 3) || input.size(d - 2) < kW || input.size(d - 1) <= 0 || (d == 3 && input.size(0) <= 0)) {
            throw shapeError("[T, F] or [B, T, F] with T >= kW = " + kW, input);
        }
        int batch = d == 3 ? input.size(0) : 1;
        int nIn = input.size(d - 2);
        int frame = input.size(d - 1);
        int nOut = (nIn - kW) / dW + 1;
        if (d == 2) {
            Buffers.resize2(output, nOut, frame);
        } else if (output.dim() != 3 || output.size(0) != batch || output.size(1) != nOut || output.size(2) != frame) {
            output.resize(batch, nOut, frame);
        }
        indices.resizeAs(output);
        double[] x = input.data();
        double[] y = output.data();
        double[] idx = indices.data();
        for (int b = 0, o = 0; b < batch; b++) {
            int sample = b * nIn * frame;
            for (int t = 0; t < nOut; t++) {
                int start = sample + t * dW * frame;
                for (int f = 0; f < frame; f++, o++) {
                    double max = Double.NEGATIVE_INFINITY;
                    int arg = -1;
                    for (int k = 0; k < kW; k++) {
                        double v = x[start + k * frame + f];
                        if (v > max) {
                            max = v;
                            arg = k;
                        }
                    }
                    y[o] = max;
                    idx[o] = arg;
                }
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (!gradOutput.sameSizeAs(output) || !indices.sameSizeAs(output)) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output " + output.shapeString() + " of the last forward");
        }
        int d = input.dim();
        int batch = d == 3 ? input.size(0) : 1;
        int nIn = input.size(d - 2);
        int frame = input.size(d - 1);
        int nOut = output.size(d - 2);
        gradInput.resizeAs(input).zero();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double[] idx = indices.data();
        for (int b = 0, o = 0; b < batch; b++) {
            int sample = b * nIn * frame;
            for (int t = 0; t < nOut; t++) {
                int start = sample + t * dW * frame;
                for (int f = 0; f < frame; f++, o++) {
                    int k = (int) idx[o];
                    if (k >= 0) {
                        gi[start + k * frame + f] += g[o];
                    }
                }
            }
        }
        return gradInput;
    }

    @Override
    public TemporalMaxPooling clearState() {
        super.clearState();
        indices.set(Tensor.empty());
        return this;
    }

    static final T7Codec<TemporalMaxPooling> T7 = LuaFields.codec("nn.TemporalMaxPooling", TemporalMaxPooling.class,
            (o, in) -> {
                int k = o.getInt("kW");
                return new TemporalMaxPooling(k, o.getInt("dW", k));
            },
            (m, f, out) -> {
                f.put("kW", (double) m.kW);
                f.put("dW", (double) m.dW);
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public TemporalMaxPooling training() {
        super.training();
        return this;
    }

    @Override
    public TemporalMaxPooling evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public TemporalMaxPooling reset() {
        super.reset();
        return this;
    }

    @Override
    public TemporalMaxPooling reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
