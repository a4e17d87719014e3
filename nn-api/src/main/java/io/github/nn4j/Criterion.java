package io.github.nn4j;

/**
 * A Torch {@code nn.Criterion}: a loss of an input given a target.
 *
 * <ul>
 *   <li>{@link #forward(Data, Data)} ({@link #updateOutput}) returns the loss as a number;</li>
 *   <li>{@link #backward(Data, Data)} ({@link #updateGradInput}) returns dLoss/dinput; it takes
 *       no gradOutput, as in Torch.</li>
 * </ul>
 *
 * <p>{@code sizeAverage} is on by default, as in every Torch criterion; what it divides by is
 * each criterion's own definition (documented on the class). Class labels are 0-based.
 *
 * @param <I> the input type
 * @param <T> the target type
 */
public abstract class Criterion<I extends Data, T extends Data> {

    /** The loss of the last forward. */
    protected double output;
    /** dLoss/dinput of the last backward; owned by the criterion. */
    protected I gradInput;
    /** Whether the loss is averaged (each criterion defines over what). */
    protected boolean sizeAverage = true;

    /**
     * Creates a criterion with the given (usually empty) gradInput buffer.
     *
     * @param gradInput the initial gradInput buffer
     */
    protected Criterion(I gradInput) {
        this.gradInput = gradInput;
    }

    /**
     * Computes the loss.
     *
     * @param input the input (scores, probabilities, ...)
     * @param target the target
     * @return the loss
     * @throws IllegalArgumentException on a wrong shape or an invalid target
     */
    public abstract double updateOutput(I input, T target);

    /**
     * Computes dLoss/dinput into {@link #gradInput}.
     *
     * @param input the input
     * @param target the target
     * @return {@link #gradInput}
     */
    public abstract I updateGradInput(I input, T target);

    /**
     * Whether the loss reads its target; {@code forward}/{@code backward} refuse a null target
     * only then. Criteria that ignore it (Torch's {@code nn.L1Cost}) return false.
     *
     * @return true by default
     */
    protected boolean usesTarget() {
        return true;
    }

    /**
     * The loss ({@link #updateOutput}).
     *
     * @param input the input
     * @param target the target
     * @return the loss
     * @throws IllegalArgumentException naming the criterion for a {@code null} argument or a
     *         {@link Table} where a {@link Tensor} is expected (or the reverse)
     */
    public double forward(I input, T target) {
        Module.requireData(this, input, "input");
        if (usesTarget()) {
            Module.requireData(this, target, "target");
        }
        try {
            output = updateOutput(input, target);
        } catch (ClassCastException e) {
            throw Module.wrongKind(this, e);
        }
        return output;
    }

    /**
     * dLoss/dinput ({@link #updateGradInput}).
     *
     * @param input the input
     * @param target the target
     * @return the gradient, owned by the criterion
     */
    public I backward(I input, T target) {
        Module.requireData(this, input, "input");
        if (usesTarget()) {
            Module.requireData(this, target, "target");
        }
        try {
            return updateGradInput(input, target);
        } catch (ClassCastException e) {
            throw Module.wrongKind(this, e);
        }
    }

    /**
     * The loss of the last forward.
     *
     * @return the loss
     */
    public double output() {
        return output;
    }

    /**
     * The gradient of the last backward.
     *
     * @return the gradInput buffer (not a copy)
     */
    public I gradInput() {
        return gradInput;
    }

    /**
     * Whether the loss is averaged.
     *
     * @return the flag
     */
    public boolean sizeAverage() {
        return sizeAverage;
    }

    /**
     * Switches averaging on or off (Torch's {@code c.sizeAverage = false}).
     *
     * @param sizeAverage the flag
     * @return this
     */
    public Criterion<I, T> setSizeAverage(boolean sizeAverage) {
        this.sizeAverage = sizeAverage;
        return this;
    }

    /**
     * The Torch class this criterion mirrors, e.g. {@code "nn.MSECriterion"}.
     *
     * @return the Torch type name
     */
    public String torchTypeName() {
        return "nn." + getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return torchTypeName();
    }
}
