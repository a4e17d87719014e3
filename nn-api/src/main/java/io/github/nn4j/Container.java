package io.github.nn4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A module made of child modules (Torch's {@code nn.Container}): parameters, gradient zeroing,
 * updates, modes, resets and state clearing all forward to the children, in order.
 *
 * <p>Children are numbered from 0 ({@code get(0)} is Lua's {@code get(1)}).
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public abstract class Container<I extends Data, O extends Data> extends Module<I, O> {

    /** The children, in order. */
    protected final List<Module<?, ?>> modules = new ArrayList<>();

    /**
     * Creates an empty container.
     *
     * @param output the initial output buffer
     * @param gradInput the initial gradInput buffer
     */
    protected Container(O output, I gradInput) {
        super(output, gradInput);
    }

    /**
     * Appends a child.
     *
     * @param module the child
     * @return this, for chaining
     * @throws IllegalArgumentException if {@code module} is this container or contains it (a
     *         module graph that contains itself would recurse forever)
     */
    public Container<I, O> add(Module<?, ?> module) {
        modules.add(checkNotAncestor(module));
        return this;
    }

    /**
     * Checks that a module can become a child: not null, and neither this container nor one
     * that holds it among its descendants.
     *
     * @param module the would-be child
     * @return the module
     * @throws IllegalArgumentException if adding it would make this container its own descendant
     */
    protected final Module<?, ?> checkNotAncestor(Module<?, ?> module) {
        java.util.Objects.requireNonNull(module, "module");
        if (module == this || module instanceof Container<?, ?> c && c.contains(this)) {
            throw new IllegalArgumentException("cannot add " + module.torchTypeName() + " to " + torchTypeName()
                    + ": the container would contain itself");
        }
        return module;
    }

    private boolean contains(Module<?, ?> target) {
        for (Module<?, ?> m : modules) {
            if (m == target || m instanceof Container<?, ?> c && c.contains(target)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One child, typed as the caller declares it: {@code Linear fc = net.get(0);} needs no cast.
     * The type is checked when the result is assigned; a child of another class is a
     * {@link ClassCastException} there, as with an explicit cast.
     *
     * @param index 0-based
     * @param <M> the child's type, inferred from the assignment
     * @return the child
     */
    @SuppressWarnings("unchecked")
    public <M extends Module<?, ?>> M get(int index) {
        if (index < 0 || index >= modules.size()) {
            throw new IndexOutOfBoundsException(
                    "index " + index + " out of range for " + torchTypeName() + " of " + modules.size() + " modules");
        }
        return (M) modules.get(index);
    }

    /**
     * The number of children.
     *
     * @return the count
     */
    public int size() {
        return modules.size();
    }

    @Override
    public List<Module<?, ?>> children() {
        return Collections.unmodifiableList(modules);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        for (Module<?, ?> m : modules) {
            all.addAll(m.parameters());
        }
        return all;
    }

    @Override
    public void zeroGradParameters() {
        for (Module<?, ?> m : modules) {
            m.zeroGradParameters();
        }
    }

    @Override
    public void updateParameters(double learningRate) {
        for (Module<?, ?> m : modules) {
            m.updateParameters(learningRate);
        }
    }

    @Override
    public Container<I, O> training() {
        super.training();
        for (Module<?, ?> m : modules) {
            m.training();
        }
        return this;
    }

    @Override
    public Container<I, O> evaluate() {
        super.evaluate();
        for (Module<?, ?> m : modules) {
            m.evaluate();
        }
        return this;
    }

    @Override
    public Container<I, O> reset() {
        for (Module<?, ?> m : modules) {
            m.reset();
        }
        return this;
    }

    @Override
    public Container<I, O> reset(double stdv) {
        for (Module<?, ?> m : modules) {
            m.reset(stdv);
        }
        return this;
    }

    @Override
    public Container<I, O> clearState() {
        super.clearState();
        for (Module<?, ?> m : modules) {
            m.clearState();
        }
        return this;
    }

    /**
     * Shares the named fields child by child: child {@code i} of this with child {@code i} of
     * {@code other} (Torch's {@code Container:share}).
     */
    @Override
    public Container<I, O> share(Module<?, ?> other, String... names) {
        if (other.getClass() != getClass() || other.children().size() != modules.size()) {
            throw new IllegalArgumentException("cannot share " + this + " with " + other
                    + ": the structures differ");
        }
        List<Module<?, ?>> theirs = other.children();
        for (int i = 0; i < modules.size(); i++) {
            modules.get(i).share(theirs.get(i), names);
        }
        return this;
    }
}
