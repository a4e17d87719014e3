package io.github.nn4j.optim;

/**
 * Receives the progress of a {@link Trainer}: this is how a training loop reports, since it never
 * prints. Both methods do nothing by default; implement the ones you need. Epochs and batches
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
}
