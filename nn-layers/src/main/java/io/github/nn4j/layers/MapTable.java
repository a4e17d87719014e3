package io.github.nn4j.layers;

import static io.github.nn4j.layers.ContainerSupport.childError;
import static io.github.nn4j.layers.ContainerSupport.data;
import static io.github.nn4j.layers.ContainerSupport.requireGradInput;

import java.util.Objects;

import io.github.nn4j.Container;
import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7Table;

/**
 * One module applied to every entry of a table (Torch's {@code nn.MapTable}, {@code MapTable.lua}).
 *
 * <p>{@code y = {f(x₀), f(x₁), …}}: entry {@code i} goes through clone {@code i} of the module;
 * the clones are made on demand as {@link Module#copy()} followed by
 * {@code share(module, "weight", "bias", "gradWeight", "gradBias")} (Torch's
 * {@code clone('weight', 'bias', 'gradWeight', 'gradBias')}), so they share the parameters and
 * their gradients, and keep buffers of their own.
 *
 * <table class="striped">
 *   <caption>Types</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>a table of n entries</td><td>a table, entry i = clone i's output (the same object)</td>
 *       <td>a table, entry i = clone i's gradInput (the same object)</td></tr>
 * </table>
 *
 * <p>As in Torch: {@link #children()} and {@link #parameters()} list every clone made so far
 * (the shared tensors once per clone, so an optimiser stepping through {@code parameters()}
 * would step the shared weight once per clone); {@link #zeroGradParameters()} and
 * {@link #updateParameters} act on the module only; {@link #clearState()} drops the clones.
 * <b>Differences from Torch:</b> {@link #reset()} re-draws the module's parameters once (Torch's
 * {@code Container:reset} resets every clone, drawing the shared weights once per clone);
 * {@link #share} re-shares the clones with the module. {@code add} of a second module is an
 * {@link IllegalStateException} (Torch's assertion).
 */
public final class MapTable extends Container<Table, Table> {

    private static final String[] SHARED = {"weight", "bias", "gradWeight", "gradBias"};

    static final T7Codec<MapTable> T7 = LuaFields.codec("nn.MapTable", MapTable.class, (o, in) -> {
        Object m = o.get("module");
        int clones = 1;
        if (o.get("modules") instanceof T7Table t && t.isList() && !t.list().isEmpty()) {
            clones = t.list().size();
            if (m == null) {
                m = t.list().get(0);
            }
        }
        if (m == null) {
            throw in.error("nn.MapTable: missing its module (field module)");
        }
        // the stored clones are re-made from the module, sharing its parameters again
        MapTable map = new MapTable(in.module(m, "module"));
        map.extend(clones);
        return map;
    }, (m, f, out) -> {
        T7Table mods = new T7Table();
        for (Module<?, ?> child : m.children()) {
            mods.append(out.convert(child));
        }
        f.put("module", out.convert(m.module));
        f.put("modules", mods);
        f.put("shared", true);
        f.put("sharedparams", T7Table.listOf((Object[]) SHARED));
    });

    private Module<?, ?> module;

    /**
     * Maps {@code module} over a table.
     *
     * @param module the module; its clones share its weight, bias and their gradients
     */
    public MapTable(Module<?, ?> module) {
        super(new Table(), new Table());
        add(module);
    }

    /**
     * The module that is mapped (clone 0).
     *
     * @return the module
     */
    public Module<?, ?> module() {
        return module;
    }

    /**
     * Sets the module (the constructor's job).
     *
     * @throws IllegalStateException if the module is already set (Torch: a single module required)
     */
    @Override
    public MapTable add(Module<?, ?> m) {
        if (module != null) {
            throw new IllegalStateException(torchTypeName() + ": a single module required, it already maps " + module);
        }
        module = Objects.requireNonNull(m, "module");
        super.add(m);
        return this;
    }

    private void extend(int n) {
        while (modules.size() < n) {
            Module<?, ?> c = module.copy();
            c.share(module, SHARED);
            modules.add(c);
        }
    }

    @Override
    public Table updateOutput(Table input) {
        extend(input.size());
        output.truncate(input.size());
        for (int i = 0; i < input.size(); i++) {
            Data y;
            try {
                y = data(modules.get(i)).updateOutput(input.get(i));
            } catch (IllegalArgumentException | ClassCastException e) {
                IllegalArgumentException c = childError(this, i, input.get(i), e);
                throw new IllegalArgumentException(c.getMessage() + "\n(entry " + i + " of the input "
                        + input.shapeString() + ")", e);
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

    private void checkGradOutput(Table input, Table gradOutput) {
        if (gradOutput.size() < input.size()) {
            throw new IllegalArgumentException(torchTypeName() + ": gradOutput " + gradOutput.shapeString()
                    + " has fewer entries than the input " + input.shapeString());
        }
    }

    private Table walk(Table input, Table gradOutput, boolean full, double scale) {
        checkGradOutput(input, gradOutput);
        extend(input.size());
        gradInput.truncate(input.size());
        for (int i = 0; i < input.size(); i++) {
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
        checkGradOutput(input, gradOutput);
        extend(input.size());
        for (int i = 0; i < input.size(); i++) {
            try {
                data(modules.get(i)).accGradParameters(input.get(i), gradOutput.get(i), scale);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, input.get(i), e);
            }
        }
    }

    /** Zeroes the module's gradients (which the clones share). */
    @Override
    public void zeroGradParameters() {
        module.zeroGradParameters();
    }

    /** Steps the module's parameters (which the clones share) once. */
    @Override
    public void updateParameters(double learningRate) {
        module.updateParameters(learningRate);
    }

    /** Re-draws the module's parameters (which the clones share) once. */
    @Override
    public MapTable reset() {
        module.reset();
        return this;
    }

    @Override
    public MapTable reset(double stdv) {
        module.reset(stdv);
        return this;
    }

    /** Drops the clones, then clears the module's state. */
    @Override
    public MapTable clearState() {
        while (modules.size() > 1) {
            modules.remove(modules.size() - 1);
        }
        super.clearState();
        return this;
    }

    /** Shares the module's fields with {@code other}'s module, then re-shares the clones with it. */
    @Override
    public MapTable share(Module<?, ?> other, String... names) {
        if (!(other instanceof MapTable o)) {
            throw new IllegalArgumentException("cannot share " + this + " with " + other + ": the structures differ");
        }
        module.share(o.module, names);
        for (int i = 1; i < modules.size(); i++) {
            modules.get(i).share(module, SHARED);
        }
        return this;
    }

    /** Torch's {@code MapTable:__tostring__}. */
    @Override
    public String toString() {
        return torchTypeName() + " {\n  " + module.toString().replace("\n", "\n        ") + "\n}";
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public MapTable training() {
        super.training();
        return this;
    }

    @Override
    public MapTable evaluate() {
        super.evaluate();
        return this;
    }
}
