package io.github.nn4j.optim;

/**
 * Thrown by {@link Trainer} when the loss of a batch is NaN or infinite: the parameters are no
 * longer usable, so training stops at once, naming where (0-based epoch and batch). The step of
 * that batch is not taken.
 */
public final class TrainingDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The epoch, 0-based. */
    private final int epoch;
    /** The batch within the epoch, 0-based. */
    private final int batch;
    /** The offending loss. */
    private final double loss;

    /**
     * Creates the exception.
     *
     * @param epoch the epoch, 0-based
     * @param batch the batch within the epoch, 0-based
     * @param loss the non-finite loss
     */
    public TrainingDivergedException(int epoch, int batch, double loss) {
        super("training diverged: the loss is " + loss + " at epoch " + epoch + ", batch " + batch
                + " (both 0-based); try a smaller learning rate or check the inputs for NaN");
        this.epoch = epoch;
        this.batch = batch;
        this.loss = loss;
    }

    /**
     * The epoch where the loss stopped being finite.
     *
     * @return the epoch, 0-based
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The batch where the loss stopped being finite.
     *
     * @return the batch within the epoch, 0-based
     */
    public int batch() {
        return batch;
    }

    /**
     * The loss that was not finite.
     *
     * @return NaN or an infinity
     */
    public double loss() {
        return loss;
    }
}
