package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.LuaIndexed;
import io.github.nn4j.torch7.T7Codec;

/**
 * The multi-class multi-label hinge loss, Torch's {@code nn.MultiLabelMarginCriterion()}
 * ({@code MultiLabelMarginCriterion.lua}, THNN {@code MultiLabelMarginCriterion.c}). Each row of
 * the target lists the row's classes, then a terminator; the classes after it are ignored.
 *
 * <pre>
 *   for one row x of C scores with target classes J (the entries before the first negative one):
 *   ℓ(x) = Σ_{j ∈ J} Σ_{i ∉ J} max(0, 1 − (x[j] − x[i])) / C
 *   L = Σ_rows ℓ,   divided by B when averaging
 *   gi[j] −= g, gi[i] += g for every term with 1 − x[j] + x[i] &gt; 0;   g = 1/C  (1/(B·C) averaging)
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target (0-based classes, then −1)</th><th>gradInput</th></tr>
 *   <tr><td>{@code [C]}</td><td>{@code [C]}</td><td>{@code [C]}</td></tr>
 *   <tr><td>{@code [B, C]}</td><td>{@code [B, C]}</td><td>{@code [B, C]}</td></tr>
 * </table>
 *
 * <p><b>0-based classes and the terminator.</b> Lua lists 1-based classes and ends a row at its
 * first 0. nn4j takes 0-based classes; {@link #fromLua} subtracts 1 from every entry, so Lua's
 * terminating 0 becomes −1 — the terminator of PyTorch's {@code multilabel_margin_loss} too. A row
 * ends at its first negative entry. A class {@code ≥ C}, or one that is not an integer, is an
 * {@link IllegalArgumentException} naming its row, position and value. A class listed twice counts
 * twice, as in Torch.
 */
public final class MultiLabelMarginCriterion extends Criterion<Tensor, Tensor> implements LuaIndexed {

    /** The {@code .t7} codec: {@code isTarget} (Torch's buffer), besides {@code sizeAverage}. */
    static final T7Codec<MultiLabelMarginCriterion> T7 = LuaFields.codec("nn.MultiLabelMarginCriterion",
            MultiLabelMarginCriterion.class, (o, in) -> new MultiLabelMarginCriterion(),
            (c, f, out) -> f.put("isTarget", out.tensor(Tensor.empty())));

    private boolean[] isTarget = new boolean[0];

    /** Averaging (Torch's default). */
    public MultiLabelMarginCriterion() {
        this(true);
    }

    /**
     * With the averaging flag (Torch sets the field).
     *
     * @param sizeAverage whether to divide by the batch size
     */
    public MultiLabelMarginCriterion(boolean sizeAverage) {
        super(Tensor.empty());
        this.sizeAverage = sizeAverage;
    }

    /** Checks shapes and class indices; returns the number of rows. */
    private int check(Tensor input, Tensor target) {
        if ((input.dim() != 1 && input.dim() != 2) || input.numel() == 0) {
            throw new IllegalArgumentException(this + ": expected input of size [C] or [B, C], got "
                    + input.shapeString());
        }
        if (!target.sameSizeAs(input)) {
            throw new IllegalArgumentException(this + ": expected a target of the input's size " + input.shapeString()
                    + " (0-based classes, each row ended by −1), got " + target.shapeString());
        }
        int c = input.size(input.dim() - 1);
        int b = input.numel() / c;
        double[] t = target.data();
        for (int r = 0; r < b; r++) {
            for (int k = 0; k < c; k++) {
                double v = t[r * c + k];
                if (v != Math.rint(v) || Double.isInfinite(v) || v >= c) {
                    throw new IllegalArgumentException(this + ": the target of row " + r + " at position " + k
                            + " is " + v + ", not a 0-based class in [0, " + c + ") nor the terminator −1");
                }
                if (v < 0) {
                    break;
                }
            }
        }
        if (isTarget.length < c) {
            isTarget = new boolean[c];
        }
        return b;
    }

    /** Marks the classes of row r; returns how many entries precede the terminator. */
    private int mark(double[] t, int r, int c) {
        java.util.Arrays.fill(isTarget, 0, c, false);
        int count = 0;
        while (count < c && t[r * c + count] >= 0) {
            isTarget[(int) t[r * c + count]] = true;
            count++;
        }
        return count;
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        int b = check(input, target);
        int c = input.size(input.dim() - 1);
        double[] x = input.data();
        double[] t = target.data();
        double sum = 0;
        for (int r = 0; r < b; r++) {
            int count = mark(t, r, c);
            int base = r * c;
            for (int j = 0; j < count; j++) {
                double xt = x[base + (int) t[base + j]];
                for (int i = 0; i < c; i++) {
                    if (!isTarget[i]) {
                        double z = 1 - xt + x[base + i];
                        if (z > 0) {
                            sum += z;
                        }
                    }
                }
            }
        }
        sum /= c;
        return sizeAverage ? sum / b : sum;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        int b = check(input, target);
        int c = input.size(input.dim() - 1);
        double g = sizeAverage ? 1.0 / ((double) b * c) : 1.0 / c;
        double[] x = input.data();
        double[] t = target.data();
        double[] gi = gradInput.resizeAs(input).zero().data();
        for (int r = 0; r < b; r++) {
            int count = mark(t, r, c);
            int base = r * c;
            for (int j = 0; j < count; j++) {
                int tj = base + (int) t[base + j];
                double xt = x[tj];
                for (int i = 0; i < c; i++) {
                    if (!isTarget[i] && 1 - xt + x[base + i] > 0) {
                        gi[tj] -= g;
                        gi[base + i] += g;
                    }
                }
            }
        }
        return gradInput;
    }

    @Override
    public MultiLabelMarginCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /**
     * Lua's 1-based class lists as Java's: every entry minus one, in place, so Lua's terminating 0
     * becomes −1 (PyTorch's terminator).
     *
     * @param lua a tensor of Lua class lists
     * @return the same tensor, 0-based
     * @throws IllegalArgumentException if {@code lua} is not a tensor
     */
    @Override
    public Data fromLua(Data lua) {
        if (!(lua instanceof Tensor t)) {
            throw new IllegalArgumentException(this + ": expected a tensor of class lists, got " + lua.shapeString());
        }
        double[] a = t.data();
        for (int i = 0; i < t.numel(); i++) {
            a[i] -= 1;
        }
        return t;
    }
}
