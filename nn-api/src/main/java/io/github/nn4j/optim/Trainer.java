package io.github.nn4j.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.nn4j.Criterion;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

/**
 * A mini-batch training loop, for classifiers and regressors: the loop every Torch tutorial writes
 * by hand, once. Any criterion whose target is a tensor fits: class labels
 * ({@code CrossEntropyCriterion}, {@code ClassNLLCriterion} after a {@code LogSoftMax}, ...) for a
 * {@link Dataset} with labels, target rows ({@code MSECriterion}, {@code SmoothL1Criterion}, ...)
 * for one with tensor targets ({@link Dataset#regression}, {@link Dataset#withOneHotTargets}).
 *
 * <pre>{@code
 * for epoch = 0 … epochs−1:
 *     optimizer.setLearningRate(schedule(epoch, base))   (with a schedule)
 *     model.training(); shuffle the training set
 *     for each mini-batch (x, y):                 // y: BatchIterator.targets(): labels [B] or target rows
 *         out  = model.forward(x)                 // [B, C] scores, or predictions
 *         loss = criterion.forward(out, y)        // stop if NaN or infinite
 *         model.zeroGradParameters()
 *         model.backward(x, criterion.backward(out, y))
 *         optimizer.step()
 *         listeners.onBatch(epoch, batch, loss)
 *     validation loss and accuracy in model.evaluate() mode, then model.training()   (NaN without them)
 *     listeners.onEpoch(result); stop if a listener's shouldStop(result) is true      (early stopping)
 * }</pre>
 *
 * <table class="striped">
 *   <caption>What flows through the loop</caption>
 *   <tr><th>value</th><th>size</th></tr>
 *   <tr><td>batch input</td><td>{@code [B, …sample size]}</td></tr>
 *   <tr><td>model output</td><td>what the criterion takes; for accuracy (data sets with labels)
 *       {@code [B, C]}: one score per class (log-probabilities, probabilities or raw scores: the
 *       predicted class is the arg-max)</td></tr>
 *   <tr><td>criterion target</td><td>{@code [B]}, 0-based class indices as doubles (Lua Torch's
 *       criteria take 1-based ones), or {@code [B, …]} target rows</td></tr>
 * </table>
 *
 * <p>Accuracy is counted on the labels when the data set has them (NaN for a regression set), and
 * takes the arg-max of each output row, the first index winning ties (as Torch's
 * {@code max}). The optimiser must have been created over the model's parameters. Mini-batches
 * come from a {@link BatchIterator}: shuffled each epoch with the generator given to the builder
 * (by default {@link TorchRandom#global()}, so {@code TorchRandom.manualSeed(s)} makes a run
 * repeatable), written into reused tensors.
 *
 * <p>The loop never prints: progress goes to {@link TrainingListener}s (and a debug line per
 * epoch to the SLF4J logger). A NaN or infinite loss stops it with a
 * {@link TrainingDivergedException} naming the epoch and batch, before the step.
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final Module<Tensor, Tensor> model;
    private final Criterion<Tensor, Tensor> criterion;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int epochs;
    private final TorchRandom random;
    private final boolean shuffle;
    private final TrainingListener[] listeners;
    private final LearningRateSchedule schedule;

    private Trainer(Builder b) {
        this.model = b.model;
        this.criterion = b.criterion;
        this.optimizer = b.optimizer;
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.random = b.random != null ? b.random : TorchRandom.global();
        this.shuffle = b.shuffle;
        this.listeners = b.listeners.toArray(new TrainingListener[0]);
        this.schedule = b.schedule;
        checkOptimizerOwnsModelParameters();
    }

    /** An optimiser over another network's parameters would train nothing: refuse it. */
    private void checkOptimizerOwnsModelParameters() {
        List<Parameter> own = model.parameters();
        for (Parameter p : optimizer.parameters()) {
            boolean found = false;
            for (Parameter q : own) {
                if (q.value().sharesStorageWith(p.value())) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw new IllegalArgumentException("Trainer: the optimizer updates a parameter (" + p.name() + " "
                        + p.value().shapeString() + ") that is not one of " + model
                        + "'s parameters; create the optimizer over this model's parameters()");
            }
        }
    }

    /**
     * A builder for a trainer of the given model, criterion and optimiser.
     *
     * @param model the network, mapping {@code [B, …]} inputs to {@code [B, C]} scores (or to
     *     predictions for a regression)
     * @param criterion the loss, taking the model's output and the batch targets
     *     ({@link BatchIterator#targets()}: {@code [B]} 0-based labels, or target rows)
     * @param optimizer the optimiser, created over {@code model.parameters()}
     * @return the builder (defaults: batch size 32, 10 epochs, shuffling with the global
     *     generator)
     */
    public static Builder builder(Module<Tensor, Tensor> model, Criterion<Tensor, Tensor> criterion,
                                  Optimizer optimizer) {
        return new Builder(model, criterion, optimizer);
    }

    /**
     * Trains on {@code train} for the configured number of epochs, without a validation set.
     *
     * @param train the training set
     * @return one result per epoch
     * @throws TrainingDivergedException if a loss is NaN or infinite
     */
    public List<EpochResult> fit(Dataset train) {
        return fit(train, null);
    }

    /**
     * Trains on {@code train} for the configured number of epochs (fewer if a listener stops it),
     * measuring the loss and the accuracy on
     * {@code validation} after each.
     *
     * @param train the training set
     * @param validation the validation set, or {@code null}
     * @return one result per epoch
     * @throws TrainingDivergedException if a loss is NaN or infinite
     * @throws IllegalArgumentException if the data set has labels and the model's output is not
     *     {@code [B, C]}
     */
    public List<EpochResult> fit(Dataset train, Dataset validation) {
        Objects.requireNonNull(train, "train");
        BatchIterator batches = new BatchIterator(train, batchSize, shuffle ? random : null);
        BatchIterator validationBatches = validation == null ? null : new BatchIterator(validation, batchSize, null);
        List<EpochResult> history = new ArrayList<>(epochs);
        boolean labelled = train.hasLabels();
        double baseLearningRate = schedule != null ? optimizer.learningRate() : Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (schedule != null) {
                optimizer.setLearningRate(schedule.learningRate(epoch, baseLearningRate));
            }
            model.training();
            batches.startEpoch();
            double lossSum = 0;
            long correct = 0;
            int batch = 0;
            while (batches.hasNext()) {
                batches.next();
                Tensor x = batches.inputs();
                Tensor y = batches.targets();
                Tensor out = model.forward(x);
                double loss = criterion.forward(out, y);
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(epoch, batch, loss);
                }
                if (labelled) {
                    correct += countCorrect(out, batches.labels());
                }
                model.zeroGradParameters();
                model.backward(x, criterion.backward(out, y));
                optimizer.step();
                lossSum += loss;
                for (TrainingListener l : listeners) {
                    l.onBatch(epoch, batch, loss);
                }
                batch++;
            }
            double meanLoss = lossSum / batch;
            double trainAccuracy = labelled ? (double) correct / train.size() : Double.NaN;
            double validationAccuracy = Double.NaN;
            double validationLoss = Double.NaN;
            if (validationBatches != null) {
                model.evaluate();
                double[] lossAndAccuracy = lossAndAccuracy(validationBatches);
                validationLoss = lossAndAccuracy[0];
                validationAccuracy = lossAndAccuracy[1];
                model.training();
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("epoch {}: mean loss {}, train accuracy {}, validation loss {}, validation accuracy {}", epoch,
                        meanLoss, trainAccuracy, validationLoss, validationAccuracy);
            }
            EpochResult result = new EpochResult(epoch, meanLoss, trainAccuracy, validationAccuracy, validationLoss);
            history.add(result);
            boolean stop = false;
            for (TrainingListener l : listeners) {
                l.onEpoch(result);
            }
            for (TrainingListener l : listeners) {
                stop |= l.shouldStop(result);
            }
            if (stop) {
                LOG.debug("epoch {}: a listener stopped training", epoch);
                break;
            }
        }
        return history;
    }

    /**
     * The fraction of a data set the model classifies correctly, computed in evaluation mode in
     * batches of the configured size. The model's previous mode is restored afterwards.
     *
     * @param data the data set
     * @return the accuracy in {@code [0, 1]}, or NaN if the data set has no labels
     */
    public double accuracy(Dataset data) {
        boolean wasTraining = model.isTraining();
        model.evaluate();
        try {
            return accuracy(new BatchIterator(data, batchSize, null));
        } finally {
            if (wasTraining) {
                model.training();
            }
        }
    }

    /**
     * One pass over a data set in the model's current mode: the mean of the criterion's batch
     * losses and the accuracy (NaN without labels).
     */
    private double[] lossAndAccuracy(BatchIterator it) {
        boolean labelled = it.dataset().hasLabels();
        it.startEpoch();
        double sum = 0;
        long correct = 0;
        int batches = 0;
        while (it.hasNext()) {
            it.next();
            Tensor out = model.forward(it.inputs());
            sum += criterion.forward(out, it.targets());
            if (labelled) {
                correct += countCorrect(out, it.labels());
            }
            batches++;
        }
        return new double[] {batches == 0 ? Double.NaN : sum / batches,
            labelled ? (double) correct / it.dataset().size() : Double.NaN};
    }

    private double accuracy(BatchIterator it) {
        if (!it.dataset().hasLabels()) {
            return Double.NaN;
        }
        it.startEpoch();
        long correct = 0;
        while (it.hasNext()) {
            it.next();
            correct += countCorrect(model.forward(it.inputs()), it.labels());
        }
        return (double) correct / it.dataset().size();
    }

    private int countCorrect(Tensor out, Tensor targets) {
        int b = targets.numel();
        if (out.dim() != 2 || out.size(0) != b) {
            throw new IllegalArgumentException("Trainer: expected the output of " + model + " to be of size [" + b
                    + ", C] (one row of class scores per sample), got " + out.shapeString());
        }
        int c = out.size(1);
        double[] o = out.data();
        double[] t = targets.data();
        int correct = 0;
        for (int i = 0; i < b; i++) {
            int best = 0;
            double bestValue = o[i * c];
            for (int j = 1; j < c; j++) {
                double v = o[i * c + j];
                if (v > bestValue) {
                    best = j;
                    bestValue = v;
                }
            }
            if (best == (int) t[i]) {
                correct++;
            }
        }
        return correct;
    }

    /**
     * The index of the largest value of each row, 0-based.
     *
     * @param scores a {@code [B, C]} tensor
     * @return {@code B} class indices, 0-based
     * @deprecated the argmax of each row is {@code scores.max(1).indices()} ({@link Tensor#max(int)}:
     *             first index on ties, the first NaN wins, as Torch's {@code max(2)})
     */
    @Deprecated
    public static int[] argmaxRows(Tensor scores) {
        if (scores.dim() != 2) {
            throw new IllegalArgumentException("expected scores of size [B, C], got " + scores.shapeString());
        }
        return scores.max(1).indices();
    }

    /**
     * The number of epochs {@link #fit} runs.
     *
     * @return the epoch count
     */
    public int epochs() {
        return epochs;
    }

    /**
     * The mini-batch size.
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The optimiser.
     *
     * @return the optimiser stepping the model's parameters
     */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Settings of a {@link Trainer}. */
    public static final class Builder {
        private final Module<Tensor, Tensor> model;
        private final Criterion<Tensor, Tensor> criterion;
        private final Optimizer optimizer;
        private int batchSize = 32;
        private int epochs = 10;
        private TorchRandom random;
        private boolean shuffle = true;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private LearningRateSchedule schedule;

        private Builder(Module<Tensor, Tensor> model, Criterion<Tensor, Tensor> criterion, Optimizer optimizer) {
            this.model = Objects.requireNonNull(model, "model");
            this.criterion = Objects.requireNonNull(criterion, "criterion");
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        }

        /**
         * Sets the mini-batch size (default 32).
         *
         * @param value the batch size, positive
         * @return this
         */
        public Builder batchSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("batch size must be positive, got " + value);
            }
            batchSize = value;
            return this;
        }

        /**
         * Sets the number of epochs (default 10).
         *
         * @param value the epoch count, &gt;= 0
         * @return this
         */
        public Builder epochs(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("epochs must be >= 0, got " + value);
            }
            epochs = value;
            return this;
        }

        /**
         * Shuffles with a private generator seeded with {@code seed}: the same seed gives the
         * same batches.
         *
         * @param seed the seed
         * @return this
         */
        public Builder seed(long seed) {
            random = new TorchRandom(seed);
            return this;
        }

        /**
         * Shuffles with the given generator (default {@link TorchRandom#global()}).
         *
         * @param value the generator
         * @return this
         */
        public Builder random(TorchRandom value) {
            random = Objects.requireNonNull(value, "random");
            return this;
        }

        /**
         * Switches the per-epoch shuffle on or off (default on).
         *
         * @param value whether to shuffle
         * @return this
         */
        public Builder shuffle(boolean value) {
            shuffle = value;
            return this;
        }

        /**
         * Adds a listener; listeners are called in the order added.
         *
         * @param listener the listener
         * @return this
         */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Sets the learning rate of each epoch ({@link LearningRateSchedule#step},
         * {@link LearningRateSchedule#cosine}, or your own), applied through
         * {@link Optimizer#setLearningRate} before each epoch from the optimiser's learning rate
         * when {@code fit} starts. Default: none, the learning rate stays as it is.
         *
         * @param value the schedule
         * @return this
         */
        public Builder schedule(LearningRateSchedule value) {
            schedule = Objects.requireNonNull(value, "schedule");
            optimizer.learningRate(); // an optimiser without a learning rate fails here, not in fit
            return this;
        }

        /**
         * Creates the trainer.
         *
         * @return the trainer
         */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
