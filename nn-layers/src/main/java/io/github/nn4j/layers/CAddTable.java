package io.github.nn4j.layers;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The element-wise sum of a table of tensors (Torch's {@code nn.CAddTable}, {@code CAddTable.lua}).
 *
 * <p>{@code y = Σᵢ xᵢ}; {@code giᵢ = g} for every entry (the gradient is distributed).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {[s], [s], …}} (k same-size tensors, any s)</td><td>{@code [s]}</td>
 *       <td>{@code {[s], …}} (k tensors)</td></tr>
 * </table>
 *
 * <p><b>In place</b> ({@code new CAddTable(true)}), as Torch: the output <em>is</em> the first
 * input's storage (x₀ is overwritten by the sum) and every gradInput entry shares gradOutput's
 * storage. Otherwise the output and every gradInput entry are the module's own buffers, and the
 * gradInput table is trimmed when fewer inputs arrive than before.
 */
public final class CAddTable extends TableGate {

    private final boolean inplace;

    /** A sum into the module's own output. */
    public CAddTable() {
        this(false);
    }

    /**
     * A sum, in place into the first input when {@code inplace}.
     *
     * @param inplace whether the output overwrites the first input
     */
    public CAddTable(boolean inplace) {
        this.inplace = inplace;
    }

    /**
     * Whether the first input is overwritten with the sum.
     *
     * @return the in-place flag
     */
    public boolean isInplace() {
        return inplace;
    }

    @Override
    public Tensor updateOutput(Table input) {
        Tensor x0 = checkInput(input, 1, 0);
        if (inplace) {
            output.set(x0);
        } else {
            output.copyFrom(x0);
        }
        int n = x0.numel();
        double[] y = output.data();
        for (int k = 1; k < input.size(); k++) {
            double[] x = input.tensor(k).data();
            for (int i = 0; i < n; i++) {
                y[i] += x[i];
            }
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        checkGradOutput(gradOutput);
        sizeGradInput(input.size());
        for (int k = 0; k < input.size(); k++) {
            if (inplace) {
                grad(k).set(gradOutput);
            } else {
                grad(k).resizeAs(input.tensor(k)).copy(gradOutput);
            }
        }
        return gradInput;
    }

    /** The {@code .t7} form of {@code nn.CAddTable}: {@code inplace} (if set). */
    static final T7Codec<CAddTable> T7 = LuaFields.codec("nn.CAddTable", CAddTable.class,
            (o, in) -> new CAddTable(LuaFields.truthy(o.get("inplace"))), (m, f, out) -> {
                if (m.isInplace()) {
                    f.put("inplace", true);
                }
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public CAddTable training() {
        super.training();
        return this;
    }

    @Override
    public CAddTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public CAddTable reset() {
        super.reset();
        return this;
    }

    @Override
    public CAddTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
