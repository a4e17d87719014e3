package io.github.nn4j.layers;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The element-wise minimum of a table of tensors (Torch's {@code nn.CMinTable},
 * {@code CMinTable.lua}).
 *
 * <p>{@code y[p] = minᵢ xᵢ[p]}; the gradient goes to the winning input only:
 * {@code giᵢ[p] = g[p]} if input {@code i} won at {@code p}, else 0.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {[s], [s], …}} (k tensors)</td><td>{@code [s]}</td><td>k tensors {@code [s]}</td></tr>
 * </table>
 *
 * <p><b>Ties</b>, as Torch ({@code torch.lt(input[i], output)}, as {@link CMaxTable}): a later input replaces the
 * current minimum only when strictly smaller, so the <em>earliest</em> input wins a tie and alone gets the
 * gradient; a NaN never replaces a value and a NaN in the earliest input stays. The winners are
 * kept 0-based (Torch's {@code minIdx}, minus one). The gradInput table is trimmed when fewer
 * inputs arrive.
 */
public final class CMinTable extends WinnerTable {

    static final T7Codec<CMinTable> T7 = LuaFields.codec("nn.CMinTable", CMinTable.class, (o, in) -> new CMinTable(),
            (m, f, out) -> {
                // the buffers Torch's constructor makes (its updateOutput uses them without checking)
                for (String buffer : new String[] {"minIdx", "mask", "minVals", "gradMaxVals"}) {
                    f.put(buffer, out.tensor(Tensor.empty()));
                }
            });

    /** An element-wise minimum. */
    public CMinTable() {
    }

    @Override
    public Tensor updateOutput(Table input) {
        int[] idx = startForward(input);
        int n = output.numel();
        double[] y = output.data();
        for (int k = 1; k < input.size(); k++) {
            double[] x = input.tensor(k).data();
            for (int i = 0; i < n; i++) {
                // branch-free (the winners of real data are unpredictable): w = -1 if x < y else 0
                // (false for NaN on either side, as Torch's lt), then select by bit masks
                double v = x[i];
                double cur = y[i];
                int w = v < cur ? -1 : 0;
                long m = w;
                y[i] = Double.longBitsToDouble((Double.doubleToRawLongBits(v) & m)
                        | (Double.doubleToRawLongBits(cur) & ~m));
                idx[i] = (k & w) | (idx[i] & ~w);
            }
        }
        return output;
    }

    @Override
    public CMinTable clearState() {
        super.clearState();
        return this;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public CMinTable training() {
        super.training();
        return this;
    }

    @Override
    public CMinTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public CMinTable reset() {
        super.reset();
        return this;
    }

    @Override
    public CMinTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
