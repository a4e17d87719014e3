package io.github.nn4j.optim;

/**
 * Receives the progress of a {@link Trainer}: this is how a training loop reports, since it never
 * prints, and how it is stopped early ({@link #shouldStop}, e.g. {@link EarlyStopping}). The methods do nothing by default; implement the ones you need. Epochs and batches
 * are numbered from 0.
 */
public interface TrainingListener {

    /**
     * Called after each optimisation step.
     *
     * @param epoch the epoch, 0-based
     * @param batch the batch within the epoch, 0-based
     * @param loss the criterion's loss on that batch, before the step
     */
    default void onBatch(int epoch, int batch, double loss) {
    }

    /**
     * Called at the end of each epoch.
     *
     * @param epoch the epoch, 0-based
     * @param meanLoss the mean of the epoch's batch losses
     * @param trainAccuracy the fraction of training samples classified correctly during the
     *     epoch (each batch scored by its forward pass, before its step)
     * @param validationAccuracy the fraction of validation samples classified correctly after
     *     the epoch, in evaluation mode; {@code NaN} when there is no validation set
     */
    default void onEpoch(int epoch, double meanLoss, double trainAccuracy, double validationAccuracy) {
    }

    /**
     * Called at the end of each epoch with everything measured, validation loss included. The
     * default calls {@link #onEpoch(int, double, double, double)}; override one or the other.
     *
     * @param result the epoch's result
     */
    default void onEpoch(EpochResult result) {
        onEpoch(result.epoch(), result.meanLoss(), result.trainAccuracy(), result.validationAccuracy());
    }

    /**
     * Asked after each epoch's {@link #onEpoch(EpochResult)}: {@code true} ends {@link Trainer#fit}
     * there (early stopping), with that epoch the last of the history. The default never stops.
     *
     * @param result the epoch's result
     * @return whether to stop training
     */
    default boolean shouldStop(EpochResult result) {
        return false;
    }
}
