package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Object;

/**
 * The multi-label logistic loss, Torch's {@code nn.MultiLabelSoftMarginCriterion(weights,
 * sizeAverage)} ({@code MultiLabelSoftMarginCriterion.lua}): a sigmoid and a binary cross-entropy
 * per class, computed in Torch's stable form. Targets are 0/1 per class.
 *
 * <pre>
 *   ℓ_k = log(1 + exp(−|x_k|)) − x_k (t_k − [x_k ≥ 0])      (= −t log σ(x) − (1 − t) log(1 − σ(x)))
 *   L = Σ_k w[k mod C] ℓ_k,        divided by n = x.numel() when averaging
 *   gi_k = w[k mod C] (σ(x_k) − t_k) / n,   σ(x) = 1 / (1 + exp(−x))   (or without / n)
 * </pre>
 * Without weights, {@code w ≡ 1}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target (0/1)</th><th>weights</th><th>gradInput</th></tr>
 *   <tr><td>{@code [C]}</td><td>{@code [C]}</td><td>{@code [C]}</td><td>{@code [C]}</td></tr>
 *   <tr><td>{@code [B, C]}</td><td>{@code [B, C]}</td><td>{@code [C]} (every row)</td><td>{@code [B, C]}</td></tr>
 * </table>
 * The weights tensor is kept by reference, as in Torch. A target of another size, or weights of
 * another length than C, is an {@link IllegalArgumentException} naming the sizes.
 */
public final class MultiLabelSoftMarginCriterion extends Criterion<Tensor, Tensor> {

    /** The {@code .t7} codec: {@code weights} (if any) and {@code sigmoid} (an {@code nn.Sigmoid}). */
    static final T7Codec<MultiLabelSoftMarginCriterion> T7 = LuaFields.codec("nn.MultiLabelSoftMarginCriterion",
            MultiLabelSoftMarginCriterion.class,
            (o, in) -> new MultiLabelSoftMarginCriterion(LuaFields.vector(o, "weights", in),
                    o.getBoolean("sizeAverage", true)),
            (c, f, out) -> {
                LuaFields.putTensor(f, "weights", c.weights, out);
                T7Object sigmoid = T7Object.withFields("nn.Sigmoid");
                sigmoid.fields().put("output", out.tensor(Tensor.empty()))
                        .put("gradInput", out.tensor(Tensor.empty()))
                        .put("_type", "torch.DoubleTensor");
                f.put("sigmoid", sigmoid);
            });

    private final Tensor weights;

    /** No weights, averaging (Torch's defaults). */
    public MultiLabelSoftMarginCriterion() {
        this(null, true);
    }

    /**
     * Per-class weights, averaging.
     *
     * @param weights a 1-D tensor of C weights, or null (kept by reference)
     */
    public MultiLabelSoftMarginCriterion(Tensor weights) {
        this(weights, true);
    }

    /**
     * The Torch constructor.
     *
     * @param weights a 1-D tensor of C weights, or null (kept by reference)
     * @param sizeAverage whether to divide by the number of elements
     * @throws IllegalArgumentException if the weights are not 1-D
     */
    public MultiLabelSoftMarginCriterion(Tensor weights, boolean sizeAverage) {
        super(Tensor.empty());
        this.weights = ClassTargets.checkWeightsShape("nn.MultiLabelSoftMarginCriterion", weights);
        this.sizeAverage = sizeAverage;
    }

    private double[] check(Tensor input, Tensor target) {
        if (input.numel() == 0 || input.dim() > 2 || !target.sameSizeAs(input)) {
            throw new IllegalArgumentException(this + ": expected input of size [C] or [B, C] and a target of the "
                    + "same size, got " + input.shapeString() + " and " + target.shapeString());
        }
        if (weights == null) {
            return null;
        }
        int c = input.size(input.dim() - 1);
        if (weights.numel() != c) {
            throw new IllegalArgumentException(this + ": " + weights.numel() + " class weights (size "
                    + weights.shapeString() + ") for an input of size " + input.shapeString() + " with C = " + c);
        }
        return weights.data();
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        double[] w = check(input, target);
        int n = input.numel();
        int c = input.size(input.dim() - 1);
        double[] x = input.data();
        double[] t = target.data();
        double sum = 0;
        for (int k = 0; k < n; k++) {
            double ind = x[k] >= 0 ? 1 : 0;
            double l = Math.log(Math.exp(x[k] - 2 * x[k] * ind) + 1) - (t[k] - ind) * x[k];
            sum += w == null ? l : l * w[k % c];
        }
        return sizeAverage ? sum / n : sum;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        double[] w = check(input, target);
        int n = input.numel();
        int c = input.size(input.dim() - 1);
        double[] x = input.data();
        double[] t = target.data();
        double[] gi = gradInput.resizeAs(input).data();
        for (int k = 0; k < n; k++) {
            double g = 1 / (1 + Math.exp(-x[k])) - t[k];
            if (w != null) {
                g *= w[k % c];
            }
            gi[k] = sizeAverage ? g / n : g;
        }
        return gradInput;
    }

    @Override
    public MultiLabelSoftMarginCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /**
     * The per-class weights.
     *
     * @return the weights tensor (not a copy), or null
     */
    public Tensor weights() {
        return weights;
    }
}
