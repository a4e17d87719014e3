package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The margin ranking loss of pairs of scores, Torch's {@code nn.MarginRankingCriterion(margin)}
 * ({@code MarginRankingCriterion.lua}): {@code y = 1} says {@code x1} should rank higher than
 * {@code x2}, {@code y = −1} the opposite.
 *
 * <pre>
 *   d_i = −y_i (x1_i − x2_i) + margin
 *   L = Σ_i max(0, d_i),                 divided by B when averaging
 *   g1_i = −y_i [d_i ≥ 0],  g2_i = y_i [d_i ≥ 0],   divided by B when averaging
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target</th><th>gradInput</th></tr>
 *   <tr><td>{@code {x1, x2}}, each {@code [B]} (or {@code [1]})</td>
 *       <td>{@code [B]} (one element: the Lua number y)</td><td>{@code {[B], [B]}}</td></tr>
 * </table>
 * Torch's non-batch form (a Lua number y, inputs of one element, no averaging) gives the same
 * numbers as a batch of one, which is how it is computed here. The Java constructor also takes
 * {@code sizeAverage}.
 */
public final class MarginRankingCriterion extends Criterion<Table, Tensor> {

    /** The {@code .t7} codec: {@code margin}. */
    static final T7Codec<MarginRankingCriterion> T7 = LuaFields.codec("nn.MarginRankingCriterion",
            MarginRankingCriterion.class, (o, in) -> new MarginRankingCriterion(o.getNumber("margin", 1)),
            (c, f, out) -> f.put("margin", c.margin()));

    private final double margin;
    /** The reused {x1, x2} table of the two-tensor overloads. */
    private final Table pair = Table.of(Tensor.empty(), Tensor.empty());

    /** Margin 1, averaging (Torch's defaults). */
    public MarginRankingCriterion() {
        this(1);
    }

    /**
     * The Torch constructor.
     *
     * @param margin the margin
     * @throws IllegalArgumentException if the margin is not finite
     */
    public MarginRankingCriterion(double margin) {
        this(margin, true);
    }

    /**
     * With the averaging flag.
     *
     * @param margin the margin
     * @param sizeAverage whether to divide by the batch size
     * @throws IllegalArgumentException if the margin is not finite
     */
    public MarginRankingCriterion(double margin, boolean sizeAverage) {
        super(Checks.pairBuffer());
        this.margin = Checks.finite("nn.MarginRankingCriterion", "margin", margin);
        this.sizeAverage = sizeAverage;
    }

    private void check(Table input, Tensor target) {
        Checks.pair(this, input);
        Tensor a = input.tensor(0);
        Tensor b = input.tensor(1);
        if (a.dim() != 1 || !a.sameSizeAs(b) || target.dim() != 1 || target.size(0) != a.size(0)) {
            throw new IllegalArgumentException(this + ": expected x1 and x2 of size [B] and a target of size [B], got "
                    + a.shapeString() + ", " + b.shapeString() + " and " + target.shapeString());
        }
    }

    /**
     * The loss of a pair given as two tensors (no table to build).
     *
     * @param x1 the first input
     * @param x2 the second input
     * @param y the target (±1 per row)
     * @return the loss
     */
    public double forward(Tensor x1, Tensor x2, Tensor y) {
        return forward(pair(x1, x2), y);
    }

    /**
     * The gradient of a pair given as two tensors.
     *
     * @param x1 the first input
     * @param x2 the second input
     * @param y the target (±1 per row)
     * @return {@code {g1, g2}}, owned by the criterion
     */
    public Table backward(Tensor x1, Tensor x2, Tensor y) {
        return backward(pair(x1, x2), y);
    }

    private Table pair(Tensor x1, Tensor x2) {
        return pair.set(0, x1).set(1, x2);
    }

    @Override
    public double updateOutput(Table input, Tensor target) {
        check(input, target);
        int n = target.numel();
        double[] x1 = input.tensor(0).data();
        double[] x2 = input.tensor(1).data();
        double[] y = target.data();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.max(0, -y[i] * (x1[i] - x2[i]) + margin);
        }
        return sizeAverage ? sum / n : sum;
    }

    @Override
    public Table updateGradInput(Table input, Tensor target) {
        check(input, target);
        int n = target.numel();
        double norm = sizeAverage ? 1.0 / n : 1.0;
        double[] x1 = input.tensor(0).data();
        double[] x2 = input.tensor(1).data();
        double[] y = target.data();
        double[] g1 = gradInput.tensor(0).resizeAs(input.tensor(0)).data();
        double[] g2 = gradInput.tensor(1).resizeAs(input.tensor(1)).data();
        for (int i = 0; i < n; i++) {
            boolean active = -y[i] * (x1[i] - x2[i]) + margin >= 0;
            g1[i] = active ? -y[i] * norm : 0;
            g2[i] = active ? y[i] * norm : 0;
        }
        return gradInput;
    }

    @Override
    public MarginRankingCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
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
