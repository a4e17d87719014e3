package io.github.nn4j.layers;

import static io.github.nn4j.layers.ContainerSupport.childError;
import static io.github.nn4j.layers.ContainerSupport.data;


import io.github.nn4j.Container;
import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.torch7.T7Codec;

/**
 * Children applied one after the other (Torch's {@code nn.Sequential}, {@code Sequential.lua}).
 *
 * <p>{@code y = fₙ(… f₂(f₁(x)))}; backward walks the children in reverse, giving child {@code i}
 * the output of child {@code i − 1} as its input and the gradInput of child {@code i + 1} as its
 * gradOutput. {@link #backward} calls each child's {@code backward} (as Torch does, so a child's
 * own {@code backward} override runs); {@link #updateGradInput} and {@link #accGradParameters}
 * make the same walk with the children's methods of those names.
 *
 * <table class="striped">
 *   <caption>Types</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code I}: the first child's input</td><td>{@code O}: the last child's output
 *       (the same object)</td><td>the first child's gradInput (the same object)</td></tr>
 * </table>
 *
 * <p><b>Types.</b> {@code I} and {@code O} are the network's input and output types, chosen by the
 * user: {@code Sequential<Tensor, Tensor> net = new Sequential<>()} returns a {@code Tensor} from
 * {@code forward} without a cast. Any {@code Module<?, ?>} can be added; that consecutive children
 * fit is checked when data flows (a tensor where a table is expected is an
 * {@link IllegalArgumentException} naming the child), as in Torch.
 *
 * <p><b>Errors.</b> An {@link IllegalArgumentException} of a child is re-thrown as an
 * {@code IllegalArgumentException} whose message starts like Torch's {@code rethrowErrors}:
 * {@code "In 2 module of nn.Sequential (get(1)):"} — the 1-based number is the one
 * {@code toString} prints, the 0-based index the one {@link #get} takes; nested containers add
 * one line each, outermost first.
 *
 * <p><b>Indices</b> of {@link #get}, {@link #insert} and {@link #remove(int)} are 0-based (Lua's
 * {@code get(1)} is {@code get(0)}). Deliberate difference: an empty {@code Sequential} is the
 * identity (Torch's backward fails on it).
 *
 * <p><b>Stopping backward early</b> (opt-in, a difference from Torch, like PyTorch's autograd
 * when the input needs no gradient): after {@link #stopBackwardAt(int) stopBackwardAt(k)},
 * {@code backward} and {@code accGradParameters} accumulate child {@code k}'s parameter gradients
 * ({@code accGradParameters} only) and go no further: neither child {@code k}'s gradInput nor
 * anything of the children before it is computed, and this container's gradInput is
 * {@code null}. For a network whose first modules are a fixed normalisation in front of the
 * first trained layer, that skips the first layer's gradInput product (a Torch {@code Sequential}
 * computes it). The setting is not saved in {@code .t7} files; {@link #backwardToInput()} restores
 * Torch's behaviour. A gradient check of the container's input needs the default.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public final class Sequential<I extends Data, O extends Data> extends Container<I, O>
        implements io.github.nn4j.torch7.LuaIndexed {

    /** The child where backward stops ({@link #stopBackwardAt}), or -1 to go back to the input. */
    private int stopAt = -1;

    /** An empty network; {@link #add} children. */
    public Sequential() {
        super(null, null);
    }

    /**
     * Makes {@code backward} and {@code accGradParameters} stop at child {@code index}: its
     * parameter gradients are accumulated, its gradInput and the children before it are skipped,
     * and {@link #gradInput()} is {@code null} (see the class comment). The index is a position:
     * it does not follow {@link #insert} or {@link #remove}.
     *
     * @param index 0-based child, from 0 to {@code size() - 1}
     * @return this
     * @throws IndexOutOfBoundsException if there is no such child
     */
    public Sequential<I, O> stopBackwardAt(int index) {
        if (index < 0 || index >= modules.size()) {
            throw new IndexOutOfBoundsException("stopBackwardAt: index " + index + " out of range for nn.Sequential of "
                    + modules.size() + " modules");
        }
        stopAt = index;
        return this;
    }

    /**
     * Torch's backward again: back to the input, through every child (the default).
     *
     * @return this
     */
    public Sequential<I, O> backwardToInput() {
        stopAt = -1;
        return this;
    }

    /**
     * Where backward stops.
     *
     * @return the child given to {@link #stopBackwardAt}, or -1 when backward reaches the input
     */
    public int backwardStop() {
        return stopAt;
    }

    /** The lowest child backward visits; fails if {@link #stopBackwardAt} points past the end. */
    private int lowestBackward() {
        if (stopAt >= modules.size()) {
            throw new IllegalStateException("nn.Sequential: backward stops at child " + stopAt + " (stopBackwardAt), "
                    + "but there are only " + modules.size() + " modules");
        }
        return Math.max(stopAt, 0);
    }

    /**
     * Appends a child.
     *
     * @param module the child
     * @return this, for chaining
     */
    @Override
    public Sequential<I, O> add(Module<?, ?> module) {
        super.add(module);
        alias();
        return this;
    }

    /**
     * Inserts a child at a position (Torch's {@code insert(module, index)}).
     *
     * @param module the child
     * @param index 0-based, from 0 to {@link #size()} (the end)
     * @return this
     * @throws IndexOutOfBoundsException if the index is out of that range
     */
    public Sequential<I, O> insert(Module<?, ?> module, int index) {
        if (index < 0 || index > modules.size()) {
            throw new IndexOutOfBoundsException("index " + index + " is not contiguous to the "
                    + modules.size() + " modules of nn.Sequential (0 to " + modules.size() + ")");
        }
        modules.add(index, checkNotAncestor(module));
        alias();
        return this;
    }

    /**
     * Removes a child (Torch's {@code remove(index)}).
     *
     * @param index 0-based
     * @return the removed child
     * @throws IndexOutOfBoundsException if there is no such child
     */
    public Module<?, ?> remove(int index) {
        if (index < 0 || index >= modules.size()) {
            throw new IndexOutOfBoundsException("index " + index + " out of range for nn.Sequential of "
                    + modules.size() + " modules");
        }
        Module<?, ?> removed = modules.remove(index);
        alias();
        return removed;
    }

    /**
     * Removes the last child (Torch's {@code remove()}).
     *
     * @return the removed child
     * @throws IndexOutOfBoundsException if there is none
     */
    public Module<?, ?> remove() {
        return remove(modules.size() - 1);
    }

    /** Points output and gradInput at the last child's output and the first child's gradInput. */
    @SuppressWarnings("unchecked")
    private void alias() {
        if (!modules.isEmpty()) {
            output = (O) modules.get(modules.size() - 1).output();
            gradInput = (I) modules.get(0).gradInput();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public O updateOutput(I input) {
        Data current = input;
        for (int i = 0; i < modules.size(); i++) {
            try {
                current = data(modules.get(i)).updateOutput(current);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, current, e);
            }
        }
        output = (O) current;
        return output;
    }

    @Override
    public I updateGradInput(I input, O gradOutput) {
        return walkBack(input, gradOutput, false, 1.0);
    }

    @Override
    public I backward(I input, O gradOutput, double scale) {
        return walkBack(input, gradOutput, true, scale);
    }

    @SuppressWarnings("unchecked")
    private I walkBack(I input, O gradOutput, boolean full, double scale) {
        Data current = gradOutput;
        int lowest = lowestBackward();
        for (int i = modules.size() - 1; i >= lowest; i--) {
            Data in = i == 0 ? input : modules.get(i - 1).output();
            try {
                Module<Data, Data> m = data(modules.get(i));
                if (i == stopAt) {
                    if (full) {
                        m.accGradParameters(in, current, scale);
                    }
                    current = null;
                    break;
                }
                current = full ? m.backward(in, current, scale) : m.updateGradInput(in, current);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, in, e);
            }
            checkGradInputFor(i, current);
        }
        gradInput = (I) current;
        return gradInput;
    }

    /**
     * Fails clearly when child {@code i} computed no gradInput ({@code Linear.noGradInput()}, or a
     * {@code .t7} file without the field) although child {@code i - 1} needs it as its gradOutput;
     * Torch fails there too, inside the earlier child.
     */
    private void checkGradInputFor(int i, Data gradInputOfChild) {
        if (gradInputOfChild == null && i > 0) {
            throw new IllegalStateException("In " + (i + 1) + " module of " + torchTypeName() + " (get(" + i + ")): "
                    + modules.get(i).toString().lines().findFirst().orElse("") + " computes no gradInput"
                    + " (noGradInput(), or gradInput = nil in a .t7 file), but module " + i + " ("
                    + modules.get(i - 1).toString().lines().findFirst().orElse("") + ") needs it to go backward;"
                    + " only the first module may skip it (enableGradInput() turns it back on)");
        }
    }

    @Override
    public void accGradParameters(I input, O gradOutput, double scale) {
        Data current = gradOutput;
        int lowest = lowestBackward();
        for (int i = modules.size() - 1; i >= lowest; i--) {
            Data in = i == 0 ? input : modules.get(i - 1).output();
            Module<Data, Data> m = data(modules.get(i));
            try {
                m.accGradParameters(in, current, scale);
            } catch (IllegalArgumentException | ClassCastException e) {
                throw childError(this, i, in, e);
            }
            if (i == stopAt) {
                break;
            }
            current = m.gradInput();
            checkGradInputFor(i, current);
        }
    }

    @Override
    public Sequential<I, O> clearState() {
        super.clearState();
        alias();
        return this;
    }

    /** {@inheritDoc} Typed: {@code Sequential<Tensor, Tensor> e = net.training();} needs no cast. */
    @Override
    public Sequential<I, O> training() {
        super.training();
        return this;
    }

    /** {@inheritDoc} Typed: {@code Sequential<Tensor, Tensor> e = net.evaluate();} needs no cast. */
    @Override
    public Sequential<I, O> evaluate() {
        super.evaluate();
        return this;
    }

    /** {@inheritDoc} Typed, as {@link #training()}. */
    @Override
    public Sequential<I, O> reset() {
        super.reset();
        return this;
    }

    /**
     * A Lua input in Java's form: shifted by the first child when it takes indices (a network that
     * begins with {@code LookupTable} or {@code OneHot}); else unchanged.
     */
    @Override
    public Data fromLua(Data lua) {
        return !modules.isEmpty() && modules.get(0) instanceof io.github.nn4j.torch7.LuaIndexed l ? l.fromLua(lua) : lua;
    }

    @Override
    public String toString() {
        return ContainerSupport.chain(torchTypeName(), modules);
    }

    /** The {@code .t7} form of {@code nn.Sequential}: {@code modules} (a Lua array). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static final T7Codec<Sequential> T7 = LuaFields.codec("nn.Sequential", (Class<Sequential>) (Class) Sequential.class,
            (o, in) -> {
                Sequential<?, ?> s = new Sequential<>();
                for (Module<?, ?> m : in.children(o)) {
                    s.add(m);
                }
                return s;
            }, LuaFields::writeChildren);

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Sequential<I, O> reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
