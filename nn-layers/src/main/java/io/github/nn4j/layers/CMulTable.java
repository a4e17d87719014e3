package io.github.nn4j.layers;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The element-wise product of a table of tensors (Torch's {@code nn.CMulTable},
 * {@code CMulTable.lua}).
 *
 * <p>{@code y = Πᵢ xᵢ}; {@code giᵢ = g ⊙ Π_{j≠i} xⱼ}, computed as Torch does by multiplying the
 * other inputs in order (never by dividing {@code y} by {@code xᵢ}), so zeros in the input are
 * safe.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {[s], [s], …}} (k tensors)</td><td>{@code [s]}</td><td>k tensors {@code [s]}</td></tr>
 * </table>
 *
 * <p>The gradInput table is trimmed when fewer inputs arrive.
 */
public final class CMulTable extends TableGate {

    /** A product of tensors. */
    public CMulTable() {
    }

    @Override
    public Tensor updateOutput(Table input) {
        Tensor x0 = checkInput(input, 1, 0);
        output.copyFrom(x0);
        int n = x0.numel();
        double[] y = output.data();
        for (int k = 1; k < input.size(); k++) {
            double[] x = input.tensor(k).data();
            for (int i = 0; i < n; i++) {
                y[i] *= x[i];
            }
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        checkGradOutput(gradOutput);
        int m = input.size();
        sizeGradInput(m);
        for (int k = 0; k < m; k++) {
            Tensor gk = grad(k).resizeAs(input.tensor(k)).copy(gradOutput);
            double[] d = gk.data();
            int n = gk.numel();
            for (int j = 0; j < m; j++) {
                if (j != k) {
                    double[] x = input.tensor(j).data();
                    for (int i = 0; i < n; i++) {
                        d[i] *= x[i];
                    }
                }
            }
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.CMulTable}: no fields of its own. */
    static final T7Codec<CMulTable> T7 = LuaFields.stateless("nn.CMulTable", CMulTable.class, CMulTable::new);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public CMulTable training() {
        super.training();
        return this;
    }

    @Override
    public CMulTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public CMulTable reset() {
        super.reset();
        return this;
    }

    @Override
    public CMulTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
