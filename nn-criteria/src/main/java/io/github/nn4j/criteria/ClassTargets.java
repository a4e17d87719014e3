package io.github.nn4j.criteria;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;

/**
 * The class targets of one classification criterion: checks the input ({@code [C]} or
 * {@code [B, C]}), reads and checks the labels (0-based, integer, in {@code [0, C)}), checks
 * per-class weights, and owns the reused buffers behind the {@code int} overloads, so that steady
 * use allocates nothing.
 */
final class ClassTargets {

    private final Criterion<?, ?> owner;
    /** The target built from plain {@code int} labels; resized in place. */
    private final Tensor intTarget = Tensor.empty();
    /** The checked labels of the last read; grown when a larger batch arrives. */
    private int[] labels = new int[1];

    ClassTargets(Criterion<?, ?> owner) {
        this.owner = owner;
    }

    /**
     * Checks that the input is {@code [C]} or {@code [B, C]} with {@code B, C ≥ 1}.
     *
     * @param input the scores or log-probabilities
     * @throws IllegalArgumentException naming the criterion and the shape
     */
    void checkInput(Tensor input) {
        if ((input.dim() != 1 && input.dim() != 2) || input.numel() == 0) {
            throw new IllegalArgumentException(owner + ": expected input of size [C] or [B, C] (B samples of C"
                    + " class scores), got " + input.shapeString());
        }
    }

    /**
     * The number of samples: 1 for a {@code [C]} input, {@code B} for {@code [B, C]}.
     *
     * @param input a checked input
     * @return the number of samples
     */
    static int samples(Tensor input) {
        return input.dim() == 1 ? 1 : input.size(0);
    }

    /**
     * The number of classes {@code C}: the size of the last dimension.
     *
     * @param input a checked input
     * @return the number of classes
     */
    static int classes(Tensor input) {
        return input.size(input.dim() - 1);
    }

    /**
     * Reads and checks the labels of a target.
     *
     * @param input a checked input
     * @param target the class indices
     * @return the labels, valid up to {@code samples(input)} (the array may be longer); owned by
     *         this object and overwritten by the next read
     */
    int[] read(Tensor input, Tensor target) {
        return read(input, target, false, 0);
    }

    /**
     * Reads and checks the labels of a target, letting {@code ignoreIndex} through unchecked
     * (it is stored as is, so the caller skips labels equal to it).
     *
     * @param input a checked input
     * @param target the class indices
     * @param ignoreIndex the label to skip
     * @return the labels, valid up to {@code samples(input)}
     */
    int[] read(Tensor input, Tensor target, int ignoreIndex) {
        return read(input, target, true, ignoreIndex);
    }

    private int[] read(Tensor input, Tensor target, boolean ignoring, int ignoreIndex) {
        int n = samples(input);
        int c = classes(input);
        if (input.dim() == 1 ? target.numel() != 1 : target.dim() != 1 || target.size(0) != n) {
            throw new IllegalArgumentException(owner + ": expected a target of size [" + n
                    + "] (one 0-based class index per sample) for input of size " + input.shapeString()
                    + ", got " + target.shapeString());
        }
        if (labels.length < n) {
            labels = new int[n];
        }
        double[] t = target.data();
        for (int i = 0; i < n; i++) {
            double v = t[i];
            if (ignoring && v == ignoreIndex) {
                labels[i] = ignoreIndex;
                continue;
            }
            if (v != Math.rint(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(owner + ": the target at position " + i + " is " + v
                        + ", not an integer class index (labels are 0-based, in [0, " + c + ") for C = " + c
                        + " classes)");
            }
            if (!(v >= 0 && v < c)) {
                throw new IllegalArgumentException(owner + ": the target at position " + i + " is "
                        + (long) v + ", outside [0, " + c + ") for an input of C = " + c
                        + " classes (labels are 0-based; Lua Torch's are 1-based)");
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    /**
     * Checks per-class weights against the input's number of classes.
     *
     * @param weights the weights, or null
     * @param input a checked input
     * @return the weights' array, or null when there are no weights
     */
    double[] weights(Tensor weights, Tensor input) {
        if (weights == null) {
            return null;
        }
        if (weights.numel() != classes(input)) {
            throw new IllegalArgumentException(owner + ": " + weights.numel() + " class weights (size "
                    + weights.shapeString() + ") for an input of size " + input.shapeString() + " with C = "
                    + classes(input) + " classes");
        }
        return weights.data();
    }

    /**
     * Checks at construction that weights, if given, form a 1-D tensor (Torch's assertion).
     *
     * @param name the criterion, for the message
     * @param weights the weights, or null
     * @return the weights
     */
    static Tensor checkWeightsShape(String name, Tensor weights) {
        if (weights != null && weights.dim() != 1) {
            throw new IllegalArgumentException(name + ": weights must be a 1-D tensor (one per class), got size "
                    + weights.shapeString());
        }
        return weights;
    }

    /**
     * The target tensor for plain labels, in the reused buffer.
     *
     * @param values one 0-based label per sample
     * @return the buffer, size {@code [values.length]}
     */
    Tensor of(int[] values) {
        resize(values.length);
        double[] d = intTarget.data();
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return intTarget;
    }

    /**
     * The target tensor for one label, in the reused buffer.
     *
     * @param value a 0-based label
     * @return the buffer, size {@code [1]}
     */
    Tensor of(int value) {
        resize(1);
        intTarget.data()[0] = value;
        return intTarget;
    }

    /** Resizes the int-label buffer to {@code [n]}, without the varargs array when it already is. */
    private void resize(int n) {
        if (intTarget.dim() != 1 || intTarget.size(0) != n) {
            intTarget.resize(n);
        }
    }
}
