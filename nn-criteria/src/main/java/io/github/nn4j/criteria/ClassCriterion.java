package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.LuaIndexed;

/**
 * A criterion whose target is a class label per sample ({@link ClassNLLCriterion},
 * {@link CrossEntropyCriterion}, {@link MultiMarginCriterion}): besides a target tensor of
 * 0-based class indices it takes plain {@code int[]} labels or a single {@code int} label, with
 * no allocation in steady use. Lua Torch's labels are 1-based: Lua's class {@code k} is Java's
 * {@code k − 1}, and {@link #fromLua} shifts a target read from a Lua file.
 */
public abstract class ClassCriterion extends Criterion<Tensor, Tensor> implements LuaIndexed {

    /** Checks inputs and labels, and holds the reused target buffers. */
    final ClassTargets targets = new ClassTargets(this);

    /** Creates the criterion with an empty gradInput buffer. */
    ClassCriterion() {
        super(Tensor.empty());
    }

    /**
     * The loss for plain 0-based labels, one per row of a {@code [B, C]} input (or one for a
     * {@code [C]} input).
     *
     * @param input the input
     * @param labels the labels
     * @return the loss
     */
    public double forward(Tensor input, int[] labels) {
        return forward(input, targets.of(labels));
    }

    /**
     * dLoss/dinput for plain 0-based labels.
     *
     * @param input the input
     * @param labels the labels
     * @return the gradient, owned by the criterion
     */
    public Tensor backward(Tensor input, int[] labels) {
        return backward(input, targets.of(labels));
    }

    /**
     * The loss of one sample ({@code [C]} or {@code [1, C]} input) with a 0-based label.
     *
     * @param input the input
     * @param label the label
     * @return the loss
     */
    public double forward(Tensor input, int label) {
        return forward(input, targets.of(label));
    }

    /**
     * dLoss/dinput of one sample with a 0-based label.
     *
     * @param input the input
     * @param label the label
     * @return the gradient, owned by the criterion
     */
    public Tensor backward(Tensor input, int label) {
        return backward(input, targets.of(label));
    }

    /**
     * Lua's 1-based labels as Java's: every entry of the tensor minus one, in place (a sentinel
     * such as an ignoreIndex shifts the same way, see {@link ClassNLLCriterion}).
     *
     * @param lua a tensor of Lua labels
     * @return the same tensor, holding 0-based labels
     * @throws IllegalArgumentException if {@code lua} is not a tensor
     */
    @Override
    public Data fromLua(Data lua) {
        if (!(lua instanceof Tensor t)) {
            throw new IllegalArgumentException(this + ": expected a tensor of class labels, got " + lua.shapeString());
        }
        double[] a = t.data();
        for (int i = 0; i < t.numel(); i++) {
            a[i] -= 1;
        }
        return t;
    }
}
