package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.LuaIndexed;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Tensor;

/**
 * The per-pixel negative log-likelihood, Torch's {@code nn.SpatialClassNLLCriterion(weights,
 * sizeAverage)} ({@code SpatialClassNLLCriterion.lua}, THNN {@code SpatialClassNLLCriterion.c}):
 * {@link ClassNLLCriterion} applied at every pixel of a batch of class-score maps (log-probabilities,
 * e.g. from a {@code SpatialLogSoftMax}).
 *
 * <pre>
 *   L = −Σ_{b,p} w[t_bp] · x[b, t_bp, p],    W = Σ_{b,p} w[t_bp]
 *   sizeAverage and W ≠ 0:  L ← L / W          (without weights, the mean over B·H·W pixels)
 *   gi[b, t_bp, p] = −w[t_bp] / W  (sizeAverage)  or  −w[t_bp];   0 elsewhere;   all 0 if W ≤ 0
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input (log-probabilities)</th><th>target (0-based labels)</th><th>weights</th><th>gradInput</th></tr>
 *   <tr><td>{@code [B, C, H, W]}</td><td>{@code [B, H, W]}</td><td>{@code [C]} or none</td>
 *       <td>{@code [B, C, H, W]}</td></tr>
 * </table>
 * As in Torch only batches are accepted (this nn has no {@code [C, H, W]} form and no ignoreIndex).
 * Labels are 0-based; {@link #fromLua} shifts Lua's 1-based ones. A label outside {@code [0, C)} is
 * an {@link IllegalArgumentException} naming its position (b, h, w), its value and C. The weights
 * tensor is kept by reference.
 */
public final class SpatialClassNLLCriterion extends Criterion<Tensor, Tensor> implements LuaIndexed {

    /**
     * The {@code .t7} codec: {@code weights} (if any), {@code output_tensor},
     * {@code total_weight_tensor}, {@code target} (a LongTensor), as Torch's constructor sets them.
     */
    static final T7Codec<SpatialClassNLLCriterion> T7 = LuaFields.codec("nn.SpatialClassNLLCriterion",
            SpatialClassNLLCriterion.class,
            (o, in) -> new SpatialClassNLLCriterion(LuaFields.vector(o, "weights", in),
                    o.getBoolean("sizeAverage", true)),
            (c, f, out) -> {
                LuaFields.putTensor(f, "weights", c.weights, out);
                f.put("output_tensor", out.tensor(Tensor.zeros(1)));
                f.put("total_weight_tensor", out.tensor(Tensor.filled(1.0, 1)));
                f.put("target", T7Tensor.contiguous(T7Storage.wrap(new long[] {0}), 1));
            });

    private final Tensor weights;
    private double totalWeight;

    /** No weights, averaging (Torch's defaults). */
    public SpatialClassNLLCriterion() {
        this(null, true);
    }

    /**
     * Per-class weights, averaging.
     *
     * @param weights a 1-D tensor of C weights, or null (kept by reference)
     */
    public SpatialClassNLLCriterion(Tensor weights) {
        this(weights, true);
    }

    /**
     * The Torch constructor.
     *
     * @param weights a 1-D tensor of C weights, or null (kept by reference)
     * @param sizeAverage whether to divide by the total weight
     * @throws IllegalArgumentException if the weights are not 1-D
     */
    public SpatialClassNLLCriterion(Tensor weights, boolean sizeAverage) {
        super(Tensor.empty());
        this.weights = ClassTargets.checkWeightsShape("nn.SpatialClassNLLCriterion", weights);
        this.sizeAverage = sizeAverage;
    }

    /** Checks shapes, weights and labels; returns the weights' data or null. */
    private double[] check(Tensor input, Tensor target) {
        if (input.dim() != 4 || input.numel() == 0) {
            throw new IllegalArgumentException(this + ": expected input of size [B, C, H, W] (batches only, as in "
                    + "Torch), got " + input.shapeString());
        }
        int b = input.size(0);
        int c = input.size(1);
        int h = input.size(2);
        int w = input.size(3);
        if (target.dim() != 3 || target.size(0) != b || target.size(1) != h || target.size(2) != w) {
            throw new IllegalArgumentException(this + ": expected a target of size [" + b + ", " + h + ", " + w
                    + "] (a 0-based label per pixel) for input of size " + input.shapeString() + ", got "
                    + target.shapeString());
        }
        if (weights != null && weights.numel() != c) {
            throw new IllegalArgumentException(this + ": " + weights.numel() + " class weights (size "
                    + weights.shapeString() + ") for an input of size " + input.shapeString() + " with C = " + c);
        }
        double[] t = target.data();
        for (int k = 0; k < target.numel(); k++) {
            double v = t[k];
            if (v != Math.rint(v) || !(v >= 0 && v < c)) {
                int plane = h * w;
                throw new IllegalArgumentException(this + ": the target at position (" + k / plane + ", "
                        + k % plane / w + ", " + k % w + ") is " + v + ", not a class in [0, " + c + ") for C = " + c
                        + " classes (labels are 0-based; Lua Torch's are 1-based)");
            }
        }
        return weights == null ? null : weights.data();
    }

    private double total(double[] t, double[] w, int n) {
        double total = 0;
        for (int k = 0; k < n; k++) {
            total += w == null ? 1.0 : w[(int) t[k]];
        }
        return total;
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        double[] w = check(input, target);
        int b = input.size(0);
        int c = input.size(1);
        int plane = input.size(2) * input.size(3);
        double[] x = input.data();
        double[] t = target.data();
        double loss = 0;
        double total = 0;
        for (int i = 0; i < b; i++) {
            for (int p = 0; p < plane; p++) {
                int y = (int) t[i * plane + p];
                double wt = w == null ? 1.0 : w[y];
                loss -= x[(i * c + y) * plane + p] * wt;
                total += wt;
            }
        }
        totalWeight = total;
        if (sizeAverage && total != 0) {
            loss /= total;
        }
        return loss;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        double[] w = check(input, target);
        int b = input.size(0);
        int c = input.size(1);
        int plane = input.size(2) * input.size(3);
        double[] t = target.data();
        double[] gi = gradInput.resizeAs(input).zero().data();
        double total = total(t, w, target.numel());
        if (total <= 0) {
            return gradInput;
        }
        double norm = sizeAverage ? 1.0 / total : 1.0;
        for (int i = 0; i < b; i++) {
            for (int p = 0; p < plane; p++) {
                int y = (int) t[i * plane + p];
                gi[(i * c + y) * plane + p] = -(w == null ? 1.0 : w[y]) * norm;
            }
        }
        return gradInput;
    }

    @Override
    public SpatialClassNLLCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /**
     * The total weight {@code W} of the last forward.
     *
     * @return {@code Σ w[t]} over the pixels
     */
    public double totalWeight() {
        return totalWeight;
    }

    /**
     * The per-class weights.
     *
     * @return the weights tensor (not a copy), or null
     */
    public Tensor weights() {
        return weights;
    }

    /**
     * Lua's 1-based labels as Java's: every entry minus one, in place.
     *
     * @param lua a tensor of Lua labels
     * @return the same tensor, 0-based
     * @throws IllegalArgumentException if {@code lua} is not a tensor
     */
    @Override
    public Data fromLua(Data lua) {
        if (!(lua instanceof Tensor t)) {
            throw new IllegalArgumentException(this + ": expected a tensor of class labels, got " + lua.shapeString());
        }
        double[] a = t.data();
        for (int i = 0; i < t.numel(); i++) {
            a[i] -= 1;
        }
        return t;
    }
}
