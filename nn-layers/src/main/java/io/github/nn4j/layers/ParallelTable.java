package io.github.nn4j.layers;

import static io.github.nn4j.layers.ContainerSupport.childError;
import static io.github.nn4j.layers.ContainerSupport.data;
import static io.github.nn4j.layers.ContainerSupport.requireGradInput;

import io.github.nn4j.Container;
import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.torch7.T7Codec;

/**
 * Child i applied to entry i of a table (Torch's {@code nn.ParallelTable},
 * {@code ParallelTable.lua}).
 *
 * <p>{@code y = {f₀(x₀), f₁(x₁), …}}; {@code gi = {∂f₀/∂x₀ · g₀, ∂f₁/∂x₁ · g₁, …}}.
 *
 * <table class="striped">
 *   <caption>Types</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>a table of at least as many entries as children</td><td>a table, entry i = child
 *       i's output (the same object)</td><td>a table, entry i = child i's gradInput (the same
 *       object)</td></tr>
 * </table>
 *
 * <p>Entries beyond the number of children are ignored, as in Torch. {@link #backward} calls
 * each child's {@code backward}. A child error is re-thrown as in {@link Sequential}.
 */
public final class ParallelTable extends Container<Table, Table> {

    /** An empty container; {@link #add} children. */
    public ParallelTable() {
        super(new Table(), new Table());
    }

    @Override
    public ParallelTable add(Module<?, ?> module) {
        super.add(module);
        return this;
    }

    private void checkInput(Table input) {
        if (input.size() < modules.size()) {
            throw shapeError("a table of " + modules.size() + " entries", input);
        }
    }

    @Override
    public Table updateOutput(Table input) {
        checkInput(input);
        output.truncate(modules.size());
        for (int i = 0; i < modules.size(); i++) {
            Data y;
            try {
                y = data(modules.get(i)).updateOutput(input.get(i));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, input.get(i), e);
            }
            output.set(i, y);
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Table gradOutput) {
        return walk(input, gradOutput, false, 1.0);
    }

    @Override
    public Table backward(Table input, Table gradOutput, double scale) {
        return walk(input, gradOutput, true, scale);
    }

    private Table walk(Table input, Table gradOutput, boolean full, double scale) {
        checkInput(input);
        if (gradOutput.size() < modules.size()) {
            throw new IllegalArgumentException(torchTypeName() + ": gradOutput " + gradOutput.shapeString()
                    + " has fewer entries than the " + modules.size() + " children");
        }
        gradInput.truncate(modules.size());
        for (int i = 0; i < modules.size(); i++) {
            Data g;
            try {
                Module<Data, Data> m = data(modules.get(i));
                g = full ? m.backward(input.get(i), gradOutput.get(i), scale)
                        : m.updateGradInput(input.get(i), gradOutput.get(i));
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, input.get(i), e);
            }
            gradInput.set(i, requireGradInput(this, i, g));
        }
        return gradInput;
    }

    @Override
    public void accGradParameters(Table input, Table gradOutput, double scale) {
        for (int i = 0; i < modules.size(); i++) {
            try {
                data(modules.get(i)).accGradParameters(input.get(i), gradOutput.get(i), scale);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, input.get(i), e);
            }
        }
    }

    @Override
    public String toString() {
        return ContainerSupport.branches(torchTypeName(), modules);
    }

    /** The {@code .t7} form of {@code nn.ParallelTable}: {@code modules} (a Lua array). */
    static final T7Codec<ParallelTable> T7 = LuaFields.codec("nn.ParallelTable", ParallelTable.class, (o, in) -> {
        ParallelTable s = new ParallelTable();
        for (Module<?, ?> m : in.children(o)) {
            s.add(m);
        }
        return s;
    }, LuaFields::writeChildren);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public ParallelTable training() {
        super.training();
        return this;
    }

    @Override
    public ParallelTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public ParallelTable reset() {
        super.reset();
        return this;
    }

    @Override
    public ParallelTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
