package io.github.nn4j.criteria;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;

/**
 * The multi-class hinge (margin) loss, Torch's {@code nn.MultiMarginCriterion(p, weights, margin)}
 * ({@code MultiMarginCriterion.lua}, THNN {@code MultiMarginCriterion.c}).
 *
 * <p>For a sample with scores {@code x} over {@code C} classes and 0-based label {@code y}:
 * <pre>
 *   ℓ(x, y) = (1/C) · Σ_{d ≠ y} w[y] · max(0, margin − x[y] + x[d])^p        p ∈ {1, 2}
 * </pre>
 * The optional per-class weights enter through the <em>target</em> class only: {@code w[y]}
 * multiplies every term of the sample ({@code w ≡ 1} without weights). The loss of a batch is
 * the sum over its samples; the factor {@code 1/C} is <b>always</b> applied, and with
 * {@code sizeAverage} (the default) the sum is further divided by the batch size {@code B}.
 *
 * <p>Gradient, for each {@code d ≠ y} with {@code z = margin − x[y] + x[d] > 0}:
 * {@code gi[d] = w[y] · (p = 1 ? 1 : 2z) · k} with {@code k = 1/(B·C)} when averaging, else
 * {@code 1/C}; {@code gi[y] = −Σ_{d≠y} gi[d]}; all other entries 0. At a hinge kink
 * ({@code z = 0}) the term counts as inactive, as in Torch.
 *
 * <p><b>Relation to the CS231n multiclass SVM.</b> CS231n's data loss is
 * {@code L = (1/N) Σ_i Σ_{j≠y_i} max(0, s_j − s_{y_i} + Δ)}. With {@code p = 1}, no weights,
 * {@code margin = Δ} and {@code sizeAverage}, Torch's value is exactly that sum divided by
 * {@code C} as well, so <b>Torch's loss × C equals the CS231n data loss</b> with {@code Δ = margin}
 * (the {@code λ·R(W)} regularisation term aside; add it to the parameters' gradients, e.g. through
 * weight decay, not here). With {@code p = 2} it is the squared-hinge variant. At initialisation
 * (all scores ≈ 0) every term is ≈ Δ, so the CS231n loss is ≈ {@code (C − 1)·Δ} and Torch's
 * ≈ {@code (C − 1)·Δ / C}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input (scores)</th><th>target (0-based labels)</th><th>gradInput</th></tr>
 *   <tr><td>{@code [C]}</td><td>1 element, or {@code int}</td><td>{@code [C]}</td></tr>
 *   <tr><td>{@code [B, C]}</td><td>{@code [B]}, or {@code int[B]}</td><td>{@code [B, C]}</td></tr>
 * </table>
 *
 * <p><b>Differences from Lua Torch.</b> Labels are 0-based (Torch: 1-based). A bad label is an
 * {@link IllegalArgumentException} naming its position, its value and {@code C}; {@code p} other
 * than 1 or 2 is rejected at construction, as Torch asserts. The weights tensor is kept by
 * reference, as in Torch: later changes to it take effect.
 */
public final class MultiMarginCriterion extends ClassCriterion {

    private final int p;
    private final Tensor weights;
    private final double margin;

    /** {@code p = 1}, no weights, {@code margin = 1} (Torch's defaults). */
    public MultiMarginCriterion() {
        this(1, null, 1.0);
    }

    /**
     * The given norm, no weights, {@code margin = 1}.
     *
     * @param p 1 (hinge) or 2 (squared hinge)
     */
    public MultiMarginCriterion(int p) {
        this(p, null, 1.0);
    }

    /**
     * The given norm and class weights, {@code margin = 1}.
     *
     * @param p 1 (hinge) or 2 (squared hinge)
     * @param weights a 1-D tensor of {@code C} per-class weights, or null
     */
    public MultiMarginCriterion(int p, Tensor weights) {
        this(p, weights, 1.0);
    }

    /**
     * The full Torch constructor.
     *
     * @param p 1 (hinge) or 2 (squared hinge)
     * @param weights a 1-D tensor of {@code C} per-class weights, or null (kept by reference)
     * @param margin the margin Δ
     * @throws IllegalArgumentException if {@code p} is not 1 or 2, the weights are not 1-D or the margin is not finite
     */
    public MultiMarginCriterion(int p, Tensor weights, double margin) {
        super();
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("nn.MultiMarginCriterion: only p = 1 and p = 2 are supported, got " + p);
        }
        this.p = p;
        this.weights = ClassTargets.checkWeightsShape("nn.MultiMarginCriterion", weights);
        this.margin = Checks.finite("nn.MultiMarginCriterion", "margin", margin);
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        targets.checkInput(input);
        int n = ClassTargets.samples(input);
        int c = ClassTargets.classes(input);
        int[] y = targets.read(input, target);
        double[] w = targets.weights(weights, input);
        double[] x = input.data();
        double sum = 0;
        for (int i = 0, row = 0; i < n; i++, row += c) {
            int t = y[i];
            double xt = x[row + t];
            double wt = w == null ? 1.0 : w[t];
            for (int d = 0; d < c; d++) {
                double z = margin - xt + x[row + d];
                if (d != t && z > 0) {
                    sum += (p == 1 ? z : z * z) * wt;
                }
            }
        }
        sum /= c;
        if (sizeAverage) {
            sum /= n;
        }
        return sum;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        targets.checkInput(input);
        int n = ClassTargets.samples(input);
        int c = ClassTargets.classes(input);
        int[] y = targets.read(input, target);
        double[] w = targets.weights(weights, input);
        double[] x = input.data();
        double[] gi = gradInput.resizeAs(input).data();
        double k = sizeAverage ? 1.0 / ((double) n * c) : 1.0 / c;
        for (int i = 0, row = 0; i < n; i++, row += c) {
            int t = y[i];
            double xt = x[row + t];
            double wt = w == null ? 1.0 : w[t];
            double gt = 0;
            for (int d = 0; d < c; d++) {
                double z = margin - xt + x[row + d];
                double h = 0;
                if (d != t && z > 0) {
                    h = (p == 1 ? k : 2 * k * z) * wt;
                    gt -= h;
                }
                gi[row + d] = h;
            }
            gi[row + t] = gt;
        }
        return gradInput;
    }

    @Override
    public MultiMarginCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /**
     * The norm of the hinge.
     *
     * @return 1 or 2
     */
    public int p() {
        return p;
    }

    /**
     * The margin Δ.
     *
     * @return the margin
     */
    public double margin() {
        return margin;
    }

    /**
     * The per-class weights.
     *
     * @return the weights tensor (not a copy), or null
     */
    public Tensor weights() {
        return weights;
    }

    /** The {@code .t7} codec: {@code p}, {@code margin}, {@code weights} (if any). */
    static final T7Codec<MultiMarginCriterion> T7 = LuaFields.codec("nn.MultiMarginCriterion",
            MultiMarginCriterion.class, MultiMarginCriterion::read, (c, f, out) -> {
                f.put("p", (double) c.p());
                f.put("margin", c.margin());
                LuaFields.putTensor(f, "weights", c.weights(), out);
            });

    private static MultiMarginCriterion read(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        double p = o.getNumber("p", 1);
        if (p != 1 && p != 2) {
            throw in.error("nn.MultiMarginCriterion: p must be 1 or 2, got " + p);
        }
        return new MultiMarginCriterion((int) p, LuaFields.vector(o, "weights", in), o.getNumber("margin", 1));
    }
}
