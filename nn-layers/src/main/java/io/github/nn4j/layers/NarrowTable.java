package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * A window of consecutive entries of a table (Torch's {@code nn.NarrowTable},
 * {@code NarrowTable.lua}).
 *
 * <p>{@code y = {x[offset], …, x[offset + length − 1]}} (the entries themselves, not copies);
 * {@code gradInput[offset + i] = g[i]} (the gradOutput's entries) and zeros shaped like the input
 * for every entry outside the window (nested tables too).
 *
 * <table class="striped">
 *   <caption>Shapes for {@code new NarrowTable(1, 2)}</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {a, b, c, d}}</td><td>{@code {b, c}}</td><td>{@code {0·a, g₀, g₁, 0·d}}</td></tr>
 * </table>
 *
 * <p>{@code offset} is <b>0-based</b>: Lua's {@code nn.NarrowTable(2, 2)} is
 * {@code new NarrowTable(1, 2)}. <b>Difference from Torch:</b> the zeros outside the window live in
 * buffers of the module's own; Torch resizes and zeroes whatever its gradInput table held at that
 * position, which may be an entry of an earlier gradOutput.
 */
public final class NarrowTable extends Module<Table, Table> {

    static final T7Codec<NarrowTable> T7 = LuaFields.codec("nn.NarrowTable", NarrowTable.class,
            (o, in) -> new NarrowTable(LuaFields.dimensionFromLua(o, "offset", null, in), o.getInt("length", 1)),
            (m, f, out) -> {
                f.put("offset", (double) (m.offset + 1));
                f.put("length", (double) m.length);
            });

    private final int offset;
    private final int length;
    /** Zero buffers for the entries outside the window, by position. */
    private final Table zeros = new Table();

    /**
     * One entry.
     *
     * @param offset 0-based position of the entry
     */
    public NarrowTable(int offset) {
        this(offset, 1);
    }

    /**
     * {@code length} entries from {@code offset}.
     *
     * @param offset 0-based position of the first entry, non-negative
     * @param length the number of entries, positive
     */
    public NarrowTable(int offset, int length) {
        super(new Table(), new Table());
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("nn.NarrowTable(" + offset + ", " + length
                    + "): the offset must be non-negative (0-based) and the length positive");
        }
        this.offset = offset;
        this.length = length;
    }

    /**
     * The first entry of the window.
     *
     * @return 0-based
     */
    public int offset() {
        return offset;
    }

    /**
     * The number of entries of the window.
     *
     * @return the length
     */
    public int length() {
        return length;
    }

    @Override
    public Table updateOutput(Table input) {
        if (input.size() < offset + length) {
            throw shapeError("a table of at least " + (offset + length) + " entries", input);
        }
        output.truncate(length);
        for (int i = 0; i < length; i++) {
            output.set(i, input.get(offset + i));
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Table gradOutput) {
        if (input.size() < offset + length || gradOutput.size() != length) {
            throw new IllegalArgumentException(this + ": gradOutput " + gradOutput.shapeString()
                    + " must have " + length + " entries for input " + input.shapeString());
        }
        gradInput.truncate(input.size());
        for (int i = 0; i < input.size(); i++) {
            Data g;
            if (i >= offset && i < offset + length) {
                g = gradOutput.get(i - offset);
            } else {
                while (zeros.size() <= i) {
                    zeros.add(Tensor.empty());
                }
                g = zerosLike(zeros.get(i), input.get(i));
                zeros.set(i, g);
            }
            gradInput.set(i, g);
        }
        return gradInput;
    }

    /** Zeros shaped like {@code like}, reusing {@code old} where its kind matches. */
    static Data zerosLike(Data old, Data like) {
        if (like instanceof Tensor t) {
            Tensor z = old instanceof Tensor o ? o : Tensor.empty();
            return z.resizeAs(t).zero();
        }
        Table l = (Table) like;
        Table z = old instanceof Table o ? o : new Table();
        z.truncate(l.size());
        for (int i = 0; i < l.size(); i++) {
            z.set(i, zerosLike(i < z.size() ? z.get(i) : null, l.get(i)));
        }
        return z;
    }

    @Override
    public NarrowTable clearState() {
        super.clearState();
        zeros.clear();
        return this;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public NarrowTable training() {
        super.training();
        return this;
    }

    @Override
    public NarrowTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public NarrowTable reset() {
        super.reset();
        return this;
    }

    @Override
    public NarrowTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
