package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * One entry of a table (Torch's {@code nn.SelectTable}, {@code SelectTable.lua}).
 *
 * <p>{@code y = x[index]} — the <em>same object</em>, not a copy, as in Torch. The gradInput is
 * shaped like the whole input (recursively for nested tables): zeros everywhere, with
 * {@code g} copied into the selected entry.
 *
 * <table class="striped">
 *   <caption>Shapes for {@code new SelectTable(1)}</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {[a], [b], {[c], [d]}}}</td><td>{@code [b]} (input entry 1 itself)</td>
 *       <td>{@code {0[a], g, {0[c], 0[d]}}}</td></tr>
 * </table>
 *
 * <p><b>Index.</b> 0-based: Lua's {@code nn.SelectTable(2)} is {@code new SelectTable(1)}; a
 * negative index counts from the end ({@code -1} is the last entry, as Lua's {@code -1}).
 * {@code toString} prints the Java index given to the constructor, {@code nn.SelectTable(1)}.
 * The gradInput keeps its tensors between calls and follows the input's structure (entries added
 * or dropped as the input changes).
 */
public final class SelectTable extends Module<Table, Data> {

    private final int index;

    /**
     * Selects one entry.
     *
     * @param index 0-based; negative counts from the end
     */
    public SelectTable(int index) {
        super(Tensor.empty(), new Table());
        this.index = index;
    }

    /**
     * The selected entry as given to the constructor: 0-based, negative counts from the end.
     *
     * @return the index
     */
    public int index() {
        return index;
    }

    private int position(Table input) {
        int i = index < 0 ? input.size() + index : index;
        if (i < 0 || i >= input.size()) {
            throw shapeError("a table with an entry " + index, input);
        }
        return i;
    }

    @Override
    public Data updateOutput(Table input) {
        output = input.get(position(input));
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Data gradOutput) {
        int i = position(input);
        zeroCopy(gradInput, input);
        Data slot = gradInput.get(i);
        if (!sameStructure(gradOutput, input.get(i))) {
            throw new IllegalArgumentException(this + ": gradOutput " + gradOutput.shapeString()
                    + " does not match the selected entry " + input.get(i).shapeString());
        }
        copyInto(slot, gradOutput);
        return gradInput;
    }

    /** Makes {@code target} a zero-filled table shaped like {@code like}, reusing its tensors. */
    private static void zeroCopy(Table target, Table like) {
        target.truncate(like.size());
        for (int k = 0; k < like.size(); k++) {
            Data src = like.get(k);
            Data have = k < target.size() ? target.get(k) : null;
            if (src instanceof Tensor t) {
                Tensor z = have instanceof Tensor h ? h : Tensor.empty();
                z.resizeAs(t).zero();
                target.set(k, z);
            } else {
                Table z = have instanceof Table h ? h : new Table();
                zeroCopy(z, (Table) src);
                target.set(k, z);
            }
        }
    }

    private static boolean sameStructure(Data a, Data b) {
        if (a instanceof Tensor ta) {
            return b instanceof Tensor tb && ta.numel() == tb.numel();
        }
        if (!(b instanceof Table tb) || ((Table) a).size() != tb.size()) {
            return false;
        }
        Table ta = (Table) a;
        for (int k = 0; k < ta.size(); k++) {
            if (!sameStructure(ta.get(k), tb.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** Copies the values of {@code src} into {@code dst}, a structure of the same shape. */
    private static void copyInto(Data dst, Data src) {
        if (dst instanceof Tensor t) {
            t.copy((Tensor) src);
        } else {
            Table td = (Table) dst;
            Table ts = (Table) src;
            for (int k = 0; k < td.size(); k++) {
                copyInto(td.get(k), ts.get(k));
            }
        }
    }

    @Override
    public String toString() {
        return torchTypeName() + "(" + index + ")";
    }

    /** The {@code .t7} form of {@code nn.SelectTable}: {@code index} (1-based; negative counts from the end). */
    static final T7Codec<SelectTable> T7 = LuaFields.codec("nn.SelectTable", SelectTable.class,
            (o, in) -> new SelectTable(LuaFields.dimensionFromLua(o, "index", null, in)),
            (m, f, out) -> f.put("index", (double) LuaFields.dimensionToLua(m.index())));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public SelectTable training() {
        super.training();
        return this;
    }

    @Override
    public SelectTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public SelectTable reset() {
        super.reset();
        return this;
    }

    @Override
    public SelectTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
