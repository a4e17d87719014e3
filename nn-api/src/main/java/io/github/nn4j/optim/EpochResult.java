package io.github.nn4j.optim;

/**
 * What one epoch of {@link Trainer#fit} achieved (the values also passed to
 * {@link TrainingListener#onEpoch}).
 *
 * @param epoch the epoch, 0-based
 * @param meanLoss the mean of the epoch's batch losses
 * @param trainAccuracy the fraction of training samples classified correctly during the epoch
 * @param validationAccuracy the validation accuracy after the epoch, {@code NaN} without a
 *     validation set
 */
public record EpochResult(int epoch, double meanLoss, double trainAccuracy, double validationAccuracy) {
}
