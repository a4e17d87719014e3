package io.github.nn4j.layers;

import static io.github.nn4j.layers.ContainerSupport.childError;
import static io.github.nn4j.layers.ContainerSupport.data;
import static io.github.nn4j.layers.ContainerSupport.requireGradInput;

import io.github.nn4j.Container;
import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The same input to every child, their outputs as a table (Torch's {@code nn.ConcatTable},
 * {@code ConcatTable.lua}).
 *
 * <p>{@code y = {f₀(x), f₁(x), …}}; {@code gi = Σᵢ ∂fᵢ/∂x · gᵢ}, the element-wise sum of the
 * children's gradInputs — tensor by tensor, recursively, when the input is a (nested) table.
 *
 * <table class="striped">
 *   <caption>Types</caption>
 *   <tr><th>input</th><th>output</th><th>gradOutput</th><th>gradInput</th></tr>
 *   <tr><td>{@code I} (a tensor or a table)</td><td>a table, entry i = child i's output (the same
 *       object)</td><td>a table, one entry per child</td><td>{@code I}: the module's own buffer,
 *       shaped like the input</td></tr>
 * </table>
 *
 * <p>The output and gradInput are reused between calls; the gradInput table drops entries when
 * the input table shrinks (Torch's {@code retable}). {@link #backward} calls each child's
 * {@code backward}, as Torch does. A child error is re-thrown as in {@link Sequential}
 * ({@code "In 2 module of nn.ConcatTable (get(1)):"}).
 *
 * @param <I> the input type: {@code Tensor}, {@code Table}, or {@code Data} for either
 */
public final class ConcatTable<I extends Data> extends Container<I, Table> {

    /** An empty container; {@link #add} children. */
    public ConcatTable() {
        super(new Table(), null);
    }

    @Override
    public ConcatTable<I> add(Module<?, ?> module) {
        super.add(module);
        return this;
    }

    @Override
    public Table updateOutput(I input) {
        output.truncate(modules.size());
        for (int i = 0; i < modules.size(); i++) {
            Data y;
            try {
                y = data(modules.get(i)).updateOutput(input);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, input, e);
            }
            output.set(i, y);
        }
        return output;
    }

    @Override
    public I updateGradInput(I input, Table gradOutput) {
        return sum(input, gradOutput, false, 1.0);
    }

    @Override
    public I backward(I input, Table gradOutput, double scale) {
        return sum(input, gradOutput, true, scale);
    }

    @SuppressWarnings("unchecked")
    private I sum(I input, Table gradOutput, boolean full, double scale) {
        if (gradOutput.size() < modules.size()) {
            throw new IllegalArgumentException(torchTypeName() + ": gradOutput " + gradOutput.shapeString()
                    + " has fewer entries than the " + modules.size() + " children");
        }
        Data acc = gradInput;
        for (int i = 0; i < modules.size(); i++) {
            Data g;
            try {
                Module<Data, Data> m = data(modules.get(i));
                g = full ? m.backward(input, gradOutput.get(i), scale) : m.updateGradInput(input, gradOutput.get(i));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, input, e);
            }
            requireGradInput(this, i, g);
            acc = i == 0 ? copyInto(acc, g) : addInto(acc, g, i);
        }
        gradInput = (I) acc;
        return gradInput;
    }

    /** {@code dst := src}, reusing {@code dst}'s tensors where the structure allows. */
    private static Data copyInto(Data dst, Data src) {
        if (src instanceof Tensor s) {
            Tensor d = dst instanceof Tensor t ? t : Tensor.empty();
            return d.copyFrom(s);
        }
        Table s = (Table) src;
        Table d = dst instanceof Table t ? t : new Table();
        d.truncate(s.size());
        for (int k = 0; k < s.size(); k++) {
            Data have = k < d.size() ? d.get(k) : null;
            d.set(k, copyInto(have, s.get(k)));
        }
        return d;
    }

    /** {@code dst += src}, element-wise and recursively; the structures must match. */
    private Data addInto(Data dst, Data src, int child) {
        if (src instanceof Tensor s && dst instanceof Tensor d && s.sameSizeAs(d)) {
            return d.add(s);
        }
        if (src instanceof Table s && dst instanceof Table d && s.size() == d.size()) {
            for (int k = 0; k < s.size(); k++) {
                addInto(d.get(k), s.get(k), child);
            }
            return d;
        }
        throw new IllegalArgumentException(torchTypeName() + ": the gradInput " + src.shapeString() + " of child "
                + child + " does not match the sum so far " + dst.shapeString());
    }

    @Override
    public void accGradParameters(I input, Table gradOutput, double scale) {
        for (int i = 0; i < modules.size(); i++) {
            try {
                data(modules.get(i)).accGradParameters(input, gradOutput.get(i), scale);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, input, e);
            }
        }
    }

    @Override
    public ConcatTable<I> clearState() {
        super.clearState();
        output = new Table();
        gradInput = null;
        return this;
    }

    @Override
    public String toString() {
        return ContainerSupport.branches(torchTypeName(), modules);
    }

    /** The {@code .t7} form of {@code nn.ConcatTable}: {@code modules} (a Lua array). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final T7Codec<ConcatTable> T7 = LuaFields.codec("nn.ConcatTable",
            (Class<ConcatTable>) (Class) ConcatTable.class, (o, in) -> {
                ConcatTable<?> s = new ConcatTable<>();
                for (Module<?, ?> m : in.children(o)) {
                    s.add(m);
                }
                return s;
            }, LuaFields::writeChildren);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public ConcatTable<I> training() {
        super.training();
        return this;
    }

    @Override
    public ConcatTable<I> evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public ConcatTable<I> reset() {
        super.reset();
        return this;
    }

    @Override
    public ConcatTable<I> reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
