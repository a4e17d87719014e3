package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Table;

/**
 * Flattens nested tables into one flat table of their tensors, depth first (Torch's
 * {@code nn.FlattenTable}, {@code FlattenTable.lua}).
 *
 * <p>{@code {a, {b, {c, d}}, e}} becomes {@code {a, b, c, d, e}} (the tensors themselves, not
 * copies); backward puts the gradOutput's entries back into the input's nesting (again the
 * entries themselves).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>a table of tensors and tables, any depth</td><td>a flat table of its k tensors</td>
 *       <td>the input's structure, leaves from the k entries of gradOutput</td></tr>
 * </table>
 *
 * <p>The flat table and the nested gradInput tables are kept and refilled on every call.
 */
public final class FlattenTable extends Module<Table, Table> {

    static final T7Codec<FlattenTable> T7 = LuaFields.codec("nn.FlattenTable", FlattenTable.class,
            (o, in) -> new FlattenTable(), (m, f, out) -> f.put("input_map", new T7Table()));

    /** A flattener. */
    public FlattenTable() {
        super(new Table(), new Table());
    }

    @Override
    public Table updateOutput(Table input) {
        output.clear();
        flatten(input);
        return output;
    }

    private void flatten(Table t) {
        for (Data d : t) {
            if (d instanceof Tensor x) {
                output.add(x);
            } else {
                flatten((Table) d);
            }
        }
    }

    @Override
    public Table updateGradInput(Table input, Table gradOutput) {
        int n = unflatten(gradInput, input, gradOutput, 0);
        if (n != gradOutput.size()) {
            throw new IllegalArgumentException(this + ": gradOutput " + gradOutput.shapeString() + " has "
                    + gradOutput.size() + " entries, the input " + input.shapeString() + " has " + n + " tensors");
        }
        return gradInput;
    }

    private int unflatten(Table target, Table structure, Table flat, int pos) {
        target.truncate(structure.size());
        for (int i = 0; i < structure.size(); i++) {
            Data d = structure.get(i);
            if (d instanceof Tensor) {
                if (pos >= flat.size()) {
                    throw new IllegalArgumentException(this + ": gradOutput " + flat.shapeString()
                            + " has fewer entries than the input has tensors");
                }
                target.set(i, flat.get(pos++));
            } else {
                Table sub = i < target.size() && target.get(i) instanceof Table t ? t : new Table();
                target.set(i, sub);
                pos = unflatten(sub, (Table) d, flat, pos);
            }
        }
        return pos;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public FlattenTable training() {
        super.training();
        return this;
    }

    @Override
    public FlattenTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public FlattenTable reset() {
        super.reset();
        return this;
    }

    @Override
    public FlattenTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
