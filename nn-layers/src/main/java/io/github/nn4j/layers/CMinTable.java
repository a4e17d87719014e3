package io.github.nn4j.layers;

import java.util.Arrays;

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
public final class CMinTable extends TableGate {

    static final T7Codec<CMinTable> T7 = LuaFields.codec("nn.CMinTable", CMinTable.class, (o, in) -> new CMinTable(),
            (m, f, out) -> {
                // the buffers Torch's constructor makes (its updateOutput uses them without checking)
                for (String buffer : new String[] {"minIdx", "mask", "minVals", "gradMaxVals"}) {
                    f.put(buffer, out.tensor(Tensor.empty()));
                }
            });

    private int[] minIdx = new int[0];
    /** The backing arrays of the gradInput tensors during a backward (reused). */
    private double[][] targets = new double[0][];

    /** An element-wise minimum. */
    public CMinTable() {
    }

    @Override
    public Tensor updateOutput(Table input) {
        Tensor x0 = checkInput(input, 1, 0);
        output.copyFrom(x0);
        int n = x0.numel();
        if (minIdx.length < n) {
            minIdx = new int[n];
        }
        Arrays.fill(minIdx, 0, n, 0);
        double[] y = output.data();
        int[] idx = minIdx;
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
    public Table updateGradInput(Table input, Tensor gradOutput) {
        checkGradOutput(gradOutput);
        int m = input.size();
        sizeGradInput(m);
        if (targets.length < m) {
            targets = new double[m][];
        }
        int n = output.numel();
        for (int k = 0; k < m; k++) {
            targets[k] = grad(k).resizeAs(input.tensor(k)).zero().data();
        }
        // zeros everywhere, then each element of g to the input that won it
        double[] g = gradOutput.data();
        int[] idx = minIdx;
        double[][] t = targets;
        for (int i = 0; i < n; i++) {
            t[idx[i]][i] = g[i];
        }
        return gradInput;
    }

    @Override
    public CMinTable clearState() {
        super.clearState();
        minIdx = new int[0];
        targets = new double[0][];
        return this;
    }
}
