package io.github.nn4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Torch {@code nn.Module}: a function with a forward pass, a backward pass and, for layers with
 * weights, gradient buffers that {@code accGradParameters} accumulates into.
 *
 * <h2>The contract (as Torch's {@code Module.lua})</h2>
 * <ul>
 *   <li>{@link #updateOutput} computes {@link #output} from the input and returns it;</li>
 *   <li>{@link #updateGradInput} computes {@link #gradInput} = dL/dinput from the input and
 *       dL/doutput, using state cached by the last forward on the same input;</li>
 *   <li>{@link #accGradParameters} <b>adds</b> {@code scale · dL/dθ} into the gradient buffers
 *       and never zeroes them; call {@link #zeroGradParameters()} between steps;</li>
 *   <li>{@link #forward} and {@link #backward} are the calls users make.</li>
 * </ul>
 *
 * <p><b>Buffers.</b> {@code output} and {@code gradInput} belong to the module and are overwritten
 * by the next call, exactly as in Torch: copy them to keep them. Implementations resize them in
 * place, so a training step of a steady batch size allocates nothing.
 *
 * <p><b>Differences from Lua Torch.</b> Indices and class labels are 0-based. Gradient buffers
 * start zeroed (Torch leaves them uninitialised). {@code train} starts {@code true}.
 * A module is not thread-safe; {@link #copy()} with {@link #share} gives one replica per thread.
 *
 * <p>Implementing a layer means writing {@code updateOutput}, {@code updateGradInput}, and where
 * it has weights {@code accGradParameters}, {@code parameters} and {@code reset}, with no casts:
 * {@code class Tanh extends Module<Tensor, Tensor>} receives and returns {@link Tensor}s.
 *
 * @param <I> the input type: {@link Tensor}, {@link Table} or {@link Data} for either
 * @param <O> the output type
 */
public abstract class Module<I extends Data, O extends Data> implements Cloneable {

    /** The result of the last {@link #updateOutput}; owned by the module. */
    protected O output;
    /** The result of the last {@link #updateGradInput}; owned by the module. */
    protected I gradInput;
    /** Training mode ({@link #training()}) or evaluation mode ({@link #evaluate()}). */
    protected boolean train = true;

    /**
     * Creates a module with the given (usually empty) output and gradInput buffers.
     *
     * @param output the initial output buffer
     * @param gradInput the initial gradInput buffer
     */
    protected Module(O output, I gradInput) {
        this.output = output;
        this.gradInput = gradInput;
    }

    // ------------------------------------------------------------------ the Torch contract

    /**
     * Computes the output for {@code input} into {@link #output} and returns it.
     *
     * @param input the input, not modified (unless the module is documented as in-place)
     * @return {@link #output}
     * @throws IllegalArgumentException if the input's shape is wrong for this module
     */
    public abstract O updateOutput(I input);

    /**
     * Computes dL/dinput into {@link #gradInput} and returns it. Must follow a forward on the
     * same input.
     *
     * @param input the input of the last forward
     * @param gradOutput dL/doutput, shaped like the output
     * @return {@link #gradInput}
     */
    public abstract I updateGradInput(I input, O gradOutput);

    /**
     * Adds {@code scale · dL/dθ} into each parameter's gradient buffer (never overwrites).
     * Modules without parameters do nothing, which is the default.
     *
     * @param input the input of the last forward
     * @param gradOutput dL/doutput
     * @param scale the factor of the accumulated gradient
     */
    public void accGradParameters(I input, O gradOutput, double scale) {
    }

    /**
     * Runs the forward pass ({@link #updateOutput}).
     *
     * @param input the input
     * @return the output, owned by the module
     * @throws IllegalArgumentException naming the module for a {@code null} input or a
     *         {@link Table} where a {@link Tensor} is expected (or the reverse)
     */
    public O forward(I input) {
        requireData(this, input, "input");
        try {
            return updateOutput(input);
        } catch (ClassCastException e) {
            throw wrongKind(this, e);
        }
    }

    /**
     * Checks an argument of a forward or backward entry point: one comparison, no per-element cost.
     *
     * @param who the module or criterion, for the message
     * @param d the argument
     * @param what its name ("input", "gradOutput", "target")
     * @throws IllegalArgumentException if {@code d} is null
     */
    static void requireData(Object who, Data d, String what) {
        if (d == null) {
            throw new IllegalArgumentException(name(who) + ": " + what + " is null");
        }
    }

    /** The message for a Table passed where a Tensor is expected, or the reverse. */
    static IllegalArgumentException wrongKind(Object who, ClassCastException e) {
        return new IllegalArgumentException(name(who) + ": wrong kind of input, a Table where a Tensor is expected"
                + " or the reverse (" + e.getMessage() + ")", e);
    }

    private static String name(Object who) {
        return who instanceof Module<?, ?> m ? m.torchTypeName()
                : who instanceof Criterion<?, ?> c ? c.torchTypeName() : String.valueOf(who);
    }

    /**
     * Runs the backward pass with scale 1: {@link #updateGradInput} then
     * {@link #accGradParameters}.
     *
     * @param input the input of the last forward
     * @param gradOutput dL/doutput
     * @return dL/dinput, owned by the module
     * @throws IllegalArgumentException naming the module for a {@code null} argument or a
     *         {@link Table} where a {@link Tensor} is expected (or the reverse)
     */
    public I backward(I input, O gradOutput) {
        // checked here too: containers override the three-argument form
        requireData(this, input, "input");
        requireData(this, gradOutput, "gradOutput");
        return backward(input, gradOutput, 1.0);
    }

    /**
     * Runs the backward pass: {@link #updateGradInput}, then
     * {@code accGradParameters(input, gradOutput, scale)}.
     *
     * @param input the input of the last forward
     * @param gradOutput dL/doutput
     * @param scale the factor of the accumulated parameter gradients
     * @return dL/dinput, owned by the module
     */
    public I backward(I input, O gradOutput, double scale) {
        requireData(this, input, "input");
        requireData(this, gradOutput, "gradOutput");
        try {
            updateGradInput(input, gradOutput);
            accGradParameters(input, gradOutput, scale);
        } catch (ClassCastException e) {
            throw wrongKind(this, e);
        }
        return gradInput;
    }

    /**
     * The output of the last forward.
     *
     * @return the output buffer (not a copy)
     */
    public O output() {
        return output;
    }

    /**
     * The gradInput of the last backward.
     *
     * @return the gradInput buffer (not a copy)
     */
    public I gradInput() {
        return gradInput;
    }

    // ------------------------------------------------------------------ parameters

    /**
     * The learnable parameters with their gradients, in Torch's order: depth-first through
     * containers, weight before bias. Empty for a module without parameters.
     *
     * @return the parameters (the module's own tensors, not copies)
     */
    public List<Parameter> parameters() {
        return Collections.emptyList();
    }

    /**
     * The number of learnable scalars.
     *
     * @return the sum of the parameters' element counts
     */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.value().numel();
        }
        return n;
    }

    /**
     * All parameters as one flat vector and all gradients as another (Torch's
     * {@code getParameters()}), over the module's own tensors: writing the vector changes the
     * next forward, and {@code backward} accumulates into the gradient vector. Shared tensors
     * appear once. Calling it again gives vectors over the same tensors (nothing moves, unlike
     * Torch, whose second call re-flattens into new storage).
     *
     * @return the parameter and gradient vectors
     * @see FlatParameters
     */
    public FlatParameters getParameters() {
        return FlatParameters.of(parameters());
    }

    /** Sets every gradient buffer to zero. */
    public void zeroGradParameters() {
        for (Parameter p : parameters()) {
            p.grad().zero();
        }
    }

    /**
     * Plain gradient descent: {@code θ ← θ − lr · dL/dθ} for every parameter.
     *
     * @param learningRate the step size
     */
    public void updateParameters(double learningRate) {
        for (Parameter p : parameters()) {
            p.value().add(-learningRate, p.grad());
        }
    }

    /**
     * Re-initialises the parameters with the module's default distribution (Torch's
     * {@code reset()}). Modules without parameters do nothing.
     *
     * @return this
     */
    public Module<I, O> reset() {
        return this;
    }

    /**
     * Re-initialises the parameters with a given standard deviation (Torch's
     * {@code reset(stdv)}: uniform in ±stdv·√3 for most layers). Modules without parameters do
     * nothing.
     *
     * @param stdv the standard deviation
     * @return this
     */
    public Module<I, O> reset(double stdv) {
        return this;
    }

    // ------------------------------------------------------------------ modes and state

    /**
     * Switches to training mode (containers recurse).
     *
     * @return this
     */
    public Module<I, O> training() {
        train = true;
        return this;
    }

    /**
     * Switches to evaluation mode (containers recurse).
     *
     * @return this
     */
    public Module<I, O> evaluate() {
        train = false;
        return this;
    }

    /**
     * Whether the module is in training mode.
     *
     * @return the {@code train} flag
     */
    public boolean isTraining() {
        return train;
    }

    /**
     * Empties {@code output}, {@code gradInput} and any cached buffers, freeing their memory
     * (Torch's {@code clearState}, used before saving). The next forward reallocates them.
     *
     * @return this
     */
    public Module<I, O> clearState() {
        output = emptyLike(output);
        gradInput = emptyLike(gradInput);
        return this;
    }

    @SuppressWarnings("unchecked")
    private static <D extends Data> D emptyLike(D d) {
        if (d instanceof Tensor) {
            return (D) Tensor.empty();
        }
        if (d instanceof Table) {
            return (D) new Table();
        }
        return d;
    }

    // ------------------------------------------------------------------ tree traversal

    /**
     * The direct children (empty for a plain layer; containers return their modules).
     *
     * @return the children, in order
     */
    public List<Module<?, ?>> children() {
        return Collections.emptyList();
    }

    /**
     * Calls {@code fn} on this module, then on every descendant, pre-order (Torch's
     * {@code apply}).
     *
     * @param fn the function
     */
    public void apply(Consumer<Module<?, ?>> fn) {
        fn.accept(this);
        for (Module<?, ?> child : children()) {
            child.apply(fn);
        }
    }

    /**
     * This module and all its descendants, pre-order (Torch's {@code listModules}).
     *
     * @return the modules
     */
    public List<Module<?, ?>> listModules() {
        List<Module<?, ?>> all = new ArrayList<>();
        apply(all::add);
        return all;
    }

    /**
     * The modules of exactly the given class in the tree, pre-order (Torch's
     * {@code findModules}; subclasses do not match, as in Torch).
     *
     * @param type the class to look for
     * @param <M> the module type
     * @return the matching modules
     */
    public <M extends Module<?, ?>> List<M> findModules(Class<M> type) {
        List<M> found = new ArrayList<>();
        apply(m -> {
            if (m.getClass() == type) {
                found.add(type.cast(m));
            }
        });
        return found;
    }

    /**
     * The modules whose Torch type name ({@link #torchTypeName()}, e.g. {@code "nn.Linear"})
     * equals {@code typeName}, pre-order.
     *
     * @param typeName the Torch class name
     * @return the matching modules
     */
    public List<Module<?, ?>> findModules(String typeName) {
        List<Module<?, ?>> found = new ArrayList<>();
        apply(m -> {
            if (m.torchTypeName().equals(typeName)) {
                found.add(m);
            }
        });
        return found;
    }

    // ------------------------------------------------------------------ copy and share

    /**
     * A deep copy: parameters, gradient buffers and state are new tensors with the same values;
     * tensors that share storage inside this module share it inside the copy (Torch's
     * {@code clone()}, which round-trips through serialization).
     *
     * @return an independent module of the same class
     */
    public Module<I, O> copy() {
        return ModuleCopier.deepCopy(this);
    }

    /**
     * Makes the named tensor fields of this module views of the same fields of {@code other}
     * (Torch's {@code share(other, 'weight', 'bias', ...)}): after it, an update of either
     * module's weight is seen by both. Containers pair their children one to one. Typical
     * names are {@code "weight"}, {@code "bias"}, {@code "gradWeight"}, {@code "gradBias"};
     * names a module does not have are ignored, as in Torch.
     *
     * @param other a module of the same structure
     * @param names the field names to share
     * @return this
     * @throws IllegalArgumentException if {@code other} is of another class
     */
    public Module<I, O> share(Module<?, ?> other, String... names) {
        if (other.getClass() != getClass()) {
            throw new IllegalArgumentException("cannot share " + torchTypeName() + " with "
                    + other.torchTypeName());
        }
        ModuleCopier.shareFields(this, other, names);
        return this;
    }

    // ------------------------------------------------------------------ printing and errors

    /**
     * The Torch class this module mirrors, e.g. {@code "nn.Linear"}. The default is
     * {@code "nn."} followed by the simple class name.
     *
     * @return the Torch type name
     */
    public String torchTypeName() {
        return "nn." + getClass().getSimpleName();
    }

    /**
     * Prints as Torch does: the type name, and for layers with arguments their values, e.g.
     * {@code nn.Linear(784 -> 256)}; containers print an indented tree.
     */
    @Override
    public String toString() {
        return torchTypeName();
    }

    /**
     * The exception for a wrong input: names this module, what it expects and what it got, e.g.
     * {@code nn.Linear(784 -> 256): expected input of size [N, 784] or [784], got [64, 785]}.
     *
     * @param expected what the module accepts
     * @param got the input received
     * @return the exception, to throw
     */
    protected IllegalArgumentException shapeError(String expected, Data got) {
        return new IllegalArgumentException(
                this + ": expected input of size " + expected + ", got " + got.shapeString());
    }

    /**
     * Makes a shallow field-by-field copy; used by {@link #copy()}.
     *
     * @return the shallow copy
     */
    @Override
    protected Module<I, O> clone() {
        try {
            @SuppressWarnings("unchecked")
            Module<I, O> c = (Module<I, O>) super.clone();
            return c;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
