package io.github.nn4j.optim;

/**
 * The learning rate of each epoch, set on the optimiser by {@link Trainer} before the epoch
 * starts ({@link Optimizer#setLearningRate}). Torch's {@code learningRateDecay} still applies on
 * top, per step.
 *
 * <pre>{@code
 * Trainer.builder(net, loss, sgd).epochs(30).schedule(LearningRateSchedule.step(10, 0.1)).build();
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate for an epoch.
     *
     * @param epoch the epoch, 0-based
     * @param baseLearningRate the optimiser's learning rate when {@link Trainer#fit} started
     * @return the learning rate for that epoch, finite and &gt;= 0
     */
    double learningRate(int epoch, double baseLearningRate);

    /**
     * Step decay (PyTorch's {@code StepLR}): {@code base · gamma^⌊epoch / stepSize⌋}.
     *
     * @param stepSize the epochs between two decays, positive
     * @param gamma the factor of each decay, in (0, 1]
     * @return the schedule
     */
    static LearningRateSchedule step(int stepSize, double gamma) {
        if (stepSize < 1) {
            throw new IllegalArgumentException("step schedule: stepSize must be positive, got " + stepSize);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("step schedule: gamma must be in (0, 1], got " + gamma);
        }
        return (epoch, base) -> base * Math.pow(gamma, epoch / stepSize);
    }

    /**
     * Cosine annealing (PyTorch's {@code CosineAnnealingLR}, SGDR without restarts):
     * {@code min + (base − min) · (1 + cos(π · epoch / epochs)) / 2}, from {@code base} at epoch 0
     * down to {@code min} at epoch {@code epochs} (and {@code min} after it).
     *
     * @param epochs the length of the annealing, positive
     * @param minLearningRate the final learning rate, &gt;= 0
     * @return the schedule
     */
    static LearningRateSchedule cosine(int epochs, double minLearningRate) {
        if (epochs < 1) {
            throw new IllegalArgumentException("cosine schedule: epochs must be positive, got " + epochs);
        }
        OptimizerSupport.nonNegative("cosine schedule: minLearningRate", minLearningRate);
        return (epoch, base) -> epoch >= epochs ? minLearningRate
                : minLearningRate + (base - minLearningRate) * (1 + Math.cos(Math.PI * epoch / epochs)) / 2;
    }
}
