package io.github.nn4j.optim;

/**
 * A listener that stops {@link Trainer#fit} when the monitored loss has not improved for
 * {@code patience} epochs: the validation loss when there is a validation set, the mean training
 * loss otherwise. "Improved" means lower than the best so far by more than {@code minDelta}.
 *
 * <pre>{@code
 * Trainer.builder(net, loss, sgd).epochs(200).listener(new EarlyStopping(5, 0)).build().fit(train, validation);
 * }</pre>
 *
 * <p>It keeps its best loss across {@code fit} calls; make a new one per run.
 */
public final class EarlyStopping implements TrainingListener {

    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private int sinceBest;

    /**
     * Creates the listener.
     *
     * @param patience the epochs without improvement allowed before stopping, &gt;= 0
     * @param minDelta the improvement that counts, &gt;= 0
     */
    public EarlyStopping(int patience, double minDelta) {
        if (patience < 0) {
            throw new IllegalArgumentException("EarlyStopping: patience must be >= 0, got " + patience);
        }
        this.patience = patience;
        this.minDelta = OptimizerSupport.nonNegative("EarlyStopping: minDelta", minDelta);
    }

    @Override
    public boolean shouldStop(EpochResult result) {
        double loss = Double.isNaN(result.validationLoss()) ? result.meanLoss() : result.validationLoss();
        if (loss < best - minDelta) {
            best = loss;
            bestEpoch = result.epoch();
            sinceBest = 0;
            return false;
        }
        sinceBest++;
        return sinceBest > patience;
    }

    /**
     * The lowest monitored loss seen.
     *
     * @return the best loss, infinite before the first epoch
     */
    public double bestLoss() {
        return best;
    }

    /**
     * The epoch of {@link #bestLoss()}.
     *
     * @return the 0-based epoch, -1 before the first
     */
    public int bestEpoch() {
        return bestEpoch;
    }
}
