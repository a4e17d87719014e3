package io.github.nn4j.layers;

import java.util.Arrays;
import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;

/**
 * Multiplies element-wise by a learnable weight: {@code y = x ⊙ w} (Torch's {@code nn.CMul},
 * {@code CMul.lua}), with Torch's three ways of matching {@code w} to the input, tried in this
 * order:
 * <ol>
 *   <li><b>same count</b>: the input has as many elements as {@code w}: element by element in
 *       row-major order, whatever the two shapes;</li>
 *   <li><b>broadcast</b>: {@code w} has as many dimensions as the input and each of its sizes
 *       equals the input's or is 1: {@code w} is repeated along its size-1 dimensions (e.g.
 *       {@code CMul(1, C, 1, 1)} scales the channels of a {@code [B, C, H, W]} input);</li>
 *   <li><b>batch</b>: otherwise the input is viewed as {@code [B, −1]} with {@code B = size(0)},
 *       and each row is multiplied by the flattened {@code w}.</li>
 * </ol>
 * Backward: {@code gradInput = gradOutput ⊙ w} (repeated as in the forward);
 * {@code gradWeight += scale · Σ (x ⊙ gradOutput)}, summed over the repeated positions.
 *
 * <table class="striped">
 *   <caption>Shapes (for {@code CMul(n)})</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>{@code [n]}</td><td>{@code [B, n]}
 *       (or {@code [B, …]} of {@code n} per row)</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">the constructor's size</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b>: {@code U(±1/√numel(w))} from {@link TorchRandom#global()};
 * {@code reset(stdv)}: {@code U(±stdv·√3)}. Prints {@code nn.CMul}, as Torch (which defines no
 * {@code __tostring__}).
 */
public class CMul extends Module<Tensor, Tensor> {

    private enum Mode { SAME, BROADCAST, BATCH }

    /** The weight, of the constructor's size. */
    protected final Tensor weight;
    /** Its gradient. */
    protected final Tensor gradWeight;
    /** The per-weight sums of {@code x ⊙ gradOutput}, before scaling. */
    private final Tensor sum;
    /** Broadcast plan: the input's sizes and the weight's stride per dimension (0 = repeated). */
    private int[] planSize = new int[0];
    private int[] planStride = new int[0];
    private int[] counter = new int[0];

    /**
     * A layer whose weight has the given size.
     *
     * @param size the size of each dimension of the weight, e.g. {@code CMul(5)} or
     *             {@code CMul(1, 3, 1, 1)}
     */
    public CMul(int... size) {
        super(Tensor.empty(), Tensor.empty());
        if (size.length == 0) {
            throw new IllegalArgumentException("nn.CMul: the weight needs at least one dimension");
        }
        for (int s : size) {
            if (s <= 0) {
                throw new IllegalArgumentException("nn.CMul: sizes must be positive, got " + Arrays.toString(size));
            }
        }
        weight = Tensor.zeros(size);
        gradWeight = Tensor.zeros(size);
        sum = Tensor.zeros(size);
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

    @Override
    public CMul reset() {
        double bound = 1.0 / Math.sqrt(weight.numel());
        weight.uniform(TorchRandom.global(), -bound, bound);
        return this;
    }

    @Override
    public CMul reset(double stdv) {
        double bound = stdv * Math.sqrt(3);
        weight.uniform(TorchRandom.global(), -bound, bound);
        return this;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        Mode mode = mode(input);
        output.resizeAs(input);
        multiply(mode, input.data(), output.data(), input.numel());
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        Buffers.checkSameNumel(this, input, gradOutput);
        Mode mode = mode(input);
        gradInput.resizeAs(input);
        multiply(mode, gradOutput.data(), gradInput.data(), input.numel());
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        Buffers.checkSameNumel(this, input, gradOutput);
        Mode mode = mode(input);
        int n = input.numel();
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gw = gradWeight.data();
        int wn = weight.numel();
        if (mode == Mode.SAME) {
            for (int i = 0; i < n; i++) {
                gw[i] += scale * (x[i] * g[i]);
            }
            return;
        }
        double[] s = sum.data();
        Arrays.fill(s, 0, wn, 0.0);
        if (mode == Mode.BATCH) {
            for (int i = 0, j = 0; i < n; i++) {
                s[j] += x[i] * g[i];
                if (++j == wn) {
                    j = 0;
                }
            }
        } else {
            int[] c = resetCounter();
            int w = 0;
            for (int i = 0; i < n; i++) {
                s[w] += x[i] * g[i];
                w = advance(c, w);
            }
        }
        for (int j = 0; j < wn; j++) {
            gw[j] += scale * s[j];
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight));
    }

    /** {@code dst = src ⊙ w}, with {@code w} matched to {@code src} as the mode says. */
    private void multiply(Mode mode, double[] src, double[] dst, int n) {
        double[] w = weight.data();
        int wn = weight.numel();
        if (mode == Mode.SAME) {
            for (int i = 0; i < n; i++) {
                dst[i] = src[i] * w[i];
            }
        } else if (mode == Mode.BATCH) {
            for (int i = 0, j = 0; i < n; i++) {
                dst[i] = src[i] * w[j];
                if (++j == wn) {
                    j = 0;
                }
            }
        } else {
            int[] c = resetCounter();
            int k = 0;
            for (int i = 0; i < n; i++) {
                dst[i] = src[i] * w[k];
                k = advance(c, k);
            }
        }
    }

    /** Chooses the mode for {@code input} (and prepares the broadcast plan), or throws. */
    private Mode mode(Tensor input) {
        int wn = weight.numel();
        if (input.numel() == wn) {
            return Mode.SAME;
        }
        int d = input.dim();
        if (d == weight.dim()) {
            if (planSize.length != d) {
                planSize = new int[d];
                planStride = new int[d];
                counter = new int[d];
            }
            int stride = 1;
            for (int k = d - 1; k >= 0; k--) {
                int ws = weight.size(k);
                int xs = input.size(k);
                if (ws != xs && ws != 1) {
                    throw wrongShape(input);
                }
                planSize[k] = xs;
                planStride[k] = ws == xs ? stride : 0;
                stride *= ws;
            }
            return Mode.BROADCAST;
        }
        if (d >= 2 && input.size(0) > 0 && input.numel() == input.size(0) * wn) {
            return Mode.BATCH;
        }
        throw wrongShape(input);
    }

    private int[] resetCounter() {
        Arrays.fill(counter, 0);
        return counter;
    }

    /** Moves the row-major counter one element on and returns the new weight offset. */
    private int advance(int[] c, int w) {
        for (int k = c.length - 1; k >= 0; k--) {
            w += planStride[k];
            if (++c[k] < planSize[k]) {
                return w;
            }
            w -= planStride[k] * planSize[k];
            c[k] = 0;
        }
        return w;
    }

    private IllegalArgumentException wrongShape(Tensor input) {
        String w = weight.shapeString();
        return shapeError("[N, " + weight.numel() + "] (or " + weight.numel() + " elements in all, or a size " + w
                + " broadcasts to)", input);
    }

    /** The {@code .t7} form of {@code nn.CMul}: {@code weight}, {@code gradWeight}, {@code size} (LongStorage). */
    static final T7Codec<CMul> T7 = LuaFields.codec("nn.CMul", CMul.class, CMul::read, (m, f, out) -> {
        LuaFields.writeParameters(m, f, out);
        f.put("size", LuaFields.longStorage(m.weight().sizes()));
    });

    private static CMul read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        Tensor w = in.tensor(o, "weight");
        if (w.dim() == 0) {
            throw in.error("nn.CMul: the weight is empty");
        }
        return LuaFields.readParameters(new CMul(w.sizes()), o, in);
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public CMul training() {
        super.training();
        return this;
    }

    @Override
    public CMul evaluate() {
        super.evaluate();
        return this;
    }
}
