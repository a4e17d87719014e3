package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;

/**
 * The hinge embedding loss of the L1 distance of a pair, Torch's
 * {@code nn.L1HingeEmbeddingCriterion(margin)} ({@code L1HingeEmbeddingCriterion.lua}); the target
 * is the number 1 (similar) or −1 (dissimilar).
 *
 * <pre>
 *   d = ‖x1 − x2‖₁
 *   L = d                   if y = 1 (any y ≠ −1)
 *       max(0, margin − d)  if y = −1
 *   g1 = sign(x1 − x2)  (y = 1),   −sign(x1 − x2) if d ≤ margin, 0 otherwise  (y = −1);   g2 = −g1
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target</th><th>gradInput</th></tr>
 *   <tr><td>{@code {x1, x2}}, two tensors of the same number of elements (typically {@code [n]})</td>
 *       <td>one element (the Lua number y)</td><td>{@code {g1, g2}} of the inputs' sizes</td></tr>
 * </table>
 * No batch mode and no {@code sizeAverage}, as in Torch (the flag is ignored and not saved). Where
 * {@code x1_k = x2_k} exactly, Torch's gradient draws a random sign ({@code 2·torch.random(2) − 3});
 * this class draws it the same way from {@link TorchRandom#global()}.
 */
public final class L1HingeEmbeddingCriterion extends Criterion<Table, Tensor> {

    /** The {@code .t7} codec: {@code margin}; no {@code sizeAverage}. */
    static final T7Codec<L1HingeEmbeddingCriterion> T7 = LuaFields.codec("nn.L1HingeEmbeddingCriterion",
            L1HingeEmbeddingCriterion.class, (o, in) -> new L1HingeEmbeddingCriterion(o.getNumber("margin", 1)),
            (c, f, out) -> {
                f.remove("sizeAverage");
                f.put("margin", c.margin());
            });

    private final double margin;

    /** Margin 1 (Torch's default). */
    public L1HingeEmbeddingCriterion() {
        this(1);
    }

    /**
     * The Torch constructor.
     *
     * @param margin the margin
     * @throws IllegalArgumentException if the margin is not finite
     */
    public L1HingeEmbeddingCriterion(double margin) {
        super(Checks.pairBuffer());
        this.margin = Checks.finite("nn.L1HingeEmbeddingCriterion", "margin", margin);
    }

    private double distance(Table input) {
        Checks.pair(this, input);
        Tensor a = input.tensor(0);
        Tensor b = input.tensor(1);
        if (a.numel() != b.numel()) {
            throw new IllegalArgumentException(this + ": x1 of size " + a.shapeString() + " and x2 of size "
                    + b.shapeString() + " have different numbers of elements");
        }
        double[] x1 = a.data();
        double[] x2 = b.data();
        double d = 0;
        for (int k = 0; k < a.numel(); k++) {
            d += Math.abs(x1[k] - x2[k]);
        }
        return d;
    }

    @Override
    public double updateOutput(Table input, Tensor target) {
        double d = distance(input);
        double y = Checks.scalarTarget(this, target);
        return y == -1 ? Math.max(0, margin - d) : d;
    }

    /**
     * The loss for a target given as a number, as in Lua.
     *
     * @param input {@code {x1, x2}}
     * @param y 1 or −1
     * @return the loss
     */
    public double forward(Table input, double y) {
        double d = distance(input);
        output = y == -1 ? Math.max(0, margin - d) : d;
        return output;
    }

    /**
     * The gradient for a target given as a number.
     *
     * @param input {@code {x1, x2}}
     * @param y 1 or −1
     * @return {@code {g1, g2}}, owned by the criterion
     */
    public Table backward(Table input, double y) {
        return gradient(input, y);
    }

    @Override
    public Table updateGradInput(Table input, Tensor target) {
        return gradient(input, Checks.scalarTarget(this, target));
    }

    private Table gradient(Table input, double y) {
        double d = distance(input);
        Tensor a = input.tensor(0);
        Tensor b = input.tensor(1);
        double[] x1 = a.data();
        double[] x2 = b.data();
        double[] g1 = gradInput.tensor(0).resizeAs(a).data();
        double[] g2 = gradInput.tensor(1).resizeAs(b).data();
        double s = y == -1 ? (d > margin ? 0 : -1) : 1;
        for (int k = 0; k < a.numel(); k++) {
            double z = x1[k] - x2[k];
            double sign = z > 0 ? 1 : z < 0 ? -1 : 2 * TorchRandom.global().nextInt(2) - 1;
            g1[k] = s * sign;
        }
        for (int k = 0; k < a.numel(); k++) {
            g2[k] = -g1[k];
        }
        return gradInput;
    }

    /**
     * The margin.
     *
     * @return the margin
     */
    public double margin() {
        return margin;
    }
}
