package io.github.nn4j.optim;

/**
 * What one epoch of {@link Trainer#fit} achieved (the values also passed to
 * {@link TrainingListener#onEpoch(EpochResult)}).
 *
 * @param epoch the epoch, 0-based
 * @param meanLoss the mean of the epoch's batch losses
 * @param trainAccuracy the fraction of training samples classified correctly during the epoch
 * @param validationAccuracy the validation accuracy after the epoch, {@code NaN} without a
 *     validation set or without labels
 * @param validationLoss the mean of the criterion's losses over the validation batches after the
 *     epoch, in evaluation mode, {@code NaN} without a validation set
 */
public record EpochResult(int epoch, double meanLoss, double trainAccuracy, double validationAccuracy,
                          double validationLoss) {

    /**
     * A result without a validation loss (NaN).
     *
     * @param epoch the epoch, 0-based
     * @param meanLoss the mean of the epoch's batch losses
     * @param trainAccuracy the training accuracy
     * @param validationAccuracy the validation accuracy
     */
    public EpochResult(int epoch, double meanLoss, double trainAccuracy, double validationAccuracy) {
        this(epoch, meanLoss, trainAccuracy, validationAccuracy, Double.NaN);
    }
}
