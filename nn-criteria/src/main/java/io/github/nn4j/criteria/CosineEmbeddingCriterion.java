package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The cosine embedding loss of pairs, Torch's {@code nn.CosineEmbeddingCriterion(margin)}
 * ({@code CosineEmbeddingCriterion.lua}); per row the target is 1 (similar) or −1 (dissimilar).
 *
 * <pre>
 *   c_i = (x1_i · x2_i) / sqrt((‖x1_i‖² + ε)(‖x2_i‖² + ε)),   ε = 1e-12
 *   ℓ_i = 1 − c_i                 if y_i = 1
 *         max(0, c_i − margin)    if y_i = −1
 *         c_i                     otherwise (Torch leaves other targets untouched)
 *   L = Σ_i ℓ_i,                  divided by B when averaging
 *   dc/dx1_i = (x2_i − (x1_i·x2_i) x1_i / (‖x1_i‖² + ε)) / sqrt(...),  likewise for x2;
 *   gi = dc/dx (negated for y_i = 1), 0 for the rows whose ℓ_i ≤ 0;   divided by B when averaging
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target</th><th>gradInput</th></tr>
 *   <tr><td>{@code {x1, x2}}, each {@code [n]}</td><td>one element (the Lua number y)</td>
 *       <td>{@code {[n], [n]}}</td></tr>
 *   <tr><td>{@code {x1, x2}}, each {@code [B, n]}</td><td>{@code [B]}</td><td>{@code {[B, n], [B, n]}}</td></tr>
 * </table>
 * The Java constructor also takes {@code sizeAverage}.
 */
public final class CosineEmbeddingCriterion extends Criterion<Table, Tensor> {

    /** Torch's guard against zero norms. */
    static final double EPSILON = 1e-12;

    /** The {@code .t7} codec: {@code margin}. */
    static final T7Codec<CosineEmbeddingCriterion> T7 = LuaFields.codec("nn.CosineEmbeddingCriterion",
            CosineEmbeddingCriterion.class, (o, in) -> new CosineEmbeddingCriterion(o.getNumber("margin", 0)),
            (c, f, out) -> f.put("margin", c.margin()));

    private final double margin;
    /** The reused {x1, x2} table of the two-tensor overloads. */
    private final Table pair = Table.of(Tensor.empty(), Tensor.empty());
    /** Per row: x1·x2, 1/(‖x1‖²+ε), 1/(‖x2‖²+ε), the loss. */
    private double[] rows = new double[0];

    /** Margin 0, averaging (Torch's defaults). */
    public CosineEmbeddingCriterion() {
        this(0);
    }

    /**
     * The Torch constructor.
     *
     * @param margin the margin (Torch suggests values in [−1, 1], 0 to 0.5 in practice)
     * @throws IllegalArgumentException if the margin is not finite
     */
    public CosineEmbeddingCriterion(double margin) {
        this(margin, true);
    }

    /**
     * With the averaging flag.
     *
     * @param margin the margin
     * @param sizeAverage whether to divide by the number of rows
     * @throws IllegalArgumentException if the margin is not finite
     */
    public CosineEmbeddingCriterion(double margin, boolean sizeAverage) {
        super(Checks.pairBuffer());
        this.margin = Checks.finite("nn.CosineEmbeddingCriterion", "margin", margin);
        this.sizeAverage = sizeAverage;
    }

    /** Checks the shapes and fills {@link #rows}; returns the number of rows. */
    private int compute(Table input, Tensor target) {
        Checks.pair(this, input);
        Tensor a = input.tensor(0);
        Tensor b = input.tensor(1);
        if (a.dim() < 1 || a.dim() > 2 || !a.sameSizeAs(b) || a.numel() == 0) {
            throw new IllegalArgumentException(this + ": expected x1 and x2 of the same size [n] or [B, n], got "
                    + a.shapeString() + " and " + b.shapeString());
        }
        int rowsCount = a.dim() == 1 ? 1 : a.size(0);
        if (a.dim() == 1 ? target.numel() != 1 : target.dim() != 1 || target.size(0) != rowsCount) {
            throw new IllegalArgumentException(this + ": expected a target of size [" + rowsCount
                    + "] (one ±1 per row) for inputs of size " + a.shapeString() + ", got " + target.shapeString());
        }
        int n = a.numel() / rowsCount;
        if (rows.length < 4 * rowsCount) {
            rows = new double[4 * rowsCount];
        }
        double[] x1 = a.data();
        double[] x2 = b.data();
        double[] y = target.data();
        for (int i = 0; i < rowsCount; i++) {
            double dot = 0;
            double n1 = 0;
            double n2 = 0;
            for (int k = i * n; k < (i + 1) * n; k++) {
                dot += x1[k] * x2[k];
                n1 += x1[k] * x1[k];
                n2 += x2[k] * x2[k];
            }
            double w22 = 1 / (n1 + EPSILON);
            double w32 = 1 / (n2 + EPSILON);
            double c = dot * Math.sqrt(w22 * w32);
            double loss = y[i] == -1 ? Math.max(0, c - margin) : y[i] == 1 ? 1 - c : c;
            rows[4 * i] = dot;
            rows[4 * i + 1] = w22;
            rows[4 * i + 2] = w32;
            rows[4 * i + 3] = loss;
        }
        return rowsCount;
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
        int b = compute(input, target);
        double sum = 0;
        for (int i = 0; i < b; i++) {
            sum += rows[4 * i + 3];
        }
        return sizeAverage ? sum / b : sum;
    }

    @Override
    public Table updateGradInput(Table input, Tensor target) {
        int b = compute(input, target);
        Tensor a = input.tensor(0);
        int n = a.numel() / b;
        double[] x1 = a.data();
        double[] x2 = input.tensor(1).data();
        double[] g1 = gradInput.tensor(0).resizeAs(a).data();
        double[] g2 = gradInput.tensor(1).resizeAs(a).data();
        double[] y = target.data();
        for (int i = 0; i < b; i++) {
            double dot = rows[4 * i];
            double w22 = rows[4 * i + 1];
            double w32 = rows[4 * i + 2];
            double w = Math.sqrt(w22 * w32);
            double scale = rows[4 * i + 3] <= 0 ? 0 : (y[i] == 1 ? -1 : 1) * (sizeAverage ? 1.0 / b : 1.0);
            for (int k = i * n; k < (i + 1) * n; k++) {
                g1[k] = scale * ((x2[k] - dot * w22 * x1[k]) * w);
                g2[k] = scale * ((x1[k] - dot * w32 * x2[k]) * w);
            }
        }
        return gradInput;
    }

    @Override
    public CosineEmbeddingCriterion setSizeAverage(boolean sizeAverage) {
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
