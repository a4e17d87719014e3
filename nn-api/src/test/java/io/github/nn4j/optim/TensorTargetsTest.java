package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

/**
 * Data sets with tensor targets (regression, one-hot), their batches, and a {@link Trainer} fitting
 * a linear model with a squared error through them.
 */
class TensorTargetsTest {

    /** Sample i: features (i, −i), target row (2i, i + 0.5). */
    private static Dataset regression(int n) {
        Tensor f = Tensor.zeros(n, 2);
        Tensor t = Tensor.zeros(n, 2);
        for (int i = 0; i < n; i++) {
            f.put(i, i, 0);
            f.put(-i, i, 1);
            t.put(2 * i, i, 0);
            t.put(i + 0.5, i, 1);
        }
        return Dataset.regression(f, t);
    }

    @Test
    void aRegressionSetHasTargetsAndNoLabels() {
        Dataset d = regression(5);
        assertFalse(d.hasLabels());
        assertTrue(d.hasTensorTargets());
        assertEquals(0, d.numClasses());
        assertArrayEquals(new int[] {2}, d.targetSampleSize());
        assertEquals(2, d.targetNumel());
        assertEquals("Dataset(5 samples of size [2], targets of size [2])", d.toString());
        Dataset s = d.select(new int[] {4, 1});
        assertEquals(0, s.targets().maxAbsDiff(Tensor.of(new double[][] {{8, 4.5}, {2, 1.5}})));
        assertEquals(0, s.features().maxAbsDiff(Tensor.of(new double[][] {{4, -4}, {1, -1}})));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.label(0));
        assertTrue(e.getMessage().contains("no class labels"), e.getMessage());
        assertThrows(IllegalStateException.class, d::classCounts);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Dataset.regression(Tensor.zeros(3, 2), Tensor.zeros(4)));
        assertTrue(bad.getMessage().contains("[4]") && bad.getMessage().contains("3 rows"), bad.getMessage());
        Tensor t = Tensor.of(1, 2, 3);
        Dataset one = Dataset.regression(Tensor.zeros(3, 1), t);
        t.fill(0);
        assertEquals(3, one.targets().get(2), 0, "a copy");
        assertArrayEquals(new int[0], one.targetSampleSize());
    }

    @Test
    void oneHotTargetsKeepTheLabels() {
        Dataset d = new Dataset(Tensor.zeros(3, 2), new int[] {2, 0, 1}, 3).withOneHotTargets();
        assertTrue(d.hasLabels());
        assertArrayEquals(new int[] {2, 0, 1}, d.labels());
        assertEquals(0, d.targets().maxAbsDiff(Tensor.of(new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}})));
        assertEquals("Dataset(3 samples of size [2], 3 classes, targets of size [3])", d.toString());
        assertThrows(IllegalStateException.class, () -> regression(2).withOneHotTargets());
    }

    /** Target rows follow the shuffled samples; the short last batch has short targets. */
    @Test
    void batchesCarryTheTargetRowsOfTheirSamples() {
        BatchIterator it = new BatchIterator(regression(7), 3, new TorchRandom(3));
        it.startEpoch();
        int seen = 0;
        while (it.hasNext()) {
            int b = it.next();
            assertEquals(b, it.targets().size(0));
            assertEquals(2, it.targets().size(1));
            for (int j = 0; j < b; j++) {
                double i = it.inputs().get(j, 0);
                assertEquals(2 * i, it.targets().get(j, 0), 0);
                assertEquals(i + 0.5, it.targets().get(j, 1), 0);
            }
            seen += b;
        }
        assertEquals(7, seen);
        assertThrows(IllegalStateException.class, it::labels);
        BatchIterator labelled = new BatchIterator(new Dataset(Tensor.zeros(2, 1), new int[] {1, 0}, 2), 2, null);
        labelled.startEpoch();
        labelled.next();
        assertSame(labelled.labels(), labelled.targets(), "labels are the criterion's targets");
    }

    /** Σ (x − t)² / n, as MSECriterion (which nn-api cannot see). */
    private static final class SquaredError extends Criterion<Tensor, Tensor> {
        SquaredError() {
            super(Tensor.empty());
        }

        @Override
        public double updateOutput(Tensor input, Tensor target) {
            double s = 0;
            for (int k = 0; k < input.numel(); k++) {
                double z = input.data()[k] - target.data()[k];
                s += z * z;
            }
            return s / input.numel();
        }

        @Override
        public Tensor updateGradInput(Tensor input, Tensor target) {
            gradInput.resizeAs(input);
            for (int k = 0; k < input.numel(); k++) {
                gradInput.data()[k] = 2 * (input.data()[k] - target.data()[k]) / input.numel();
            }
            return gradInput;
        }
    }

    /** A linear model fits y = A x + b from tensor targets: the loss falls, accuracy is NaN. */
    @Test
    void trainerFitsARegression() {
        TorchRandom rng = new TorchRandom(7);
        int n = 64;
        Tensor f = Tensor.zeros(n, 2).uniform(rng, -1, 1);
        Tensor t = Tensor.zeros(n, 3);
        for (int i = 0; i < n; i++) {
            double a = f.get(i, 0);
            double b = f.get(i, 1);
            t.put(a - 2 * b + 0.5, i, 0);
            t.put(3 * a, i, 1);
            t.put(-b, i, 2);
        }
        SoftmaxRegression linear = new SoftmaxRegression(2, 3, rng);
        Trainer trainer = Trainer.builder(linear, new SquaredError(),
                Sgd.builder().learningRate(0.3).build(linear.parameters())).batchSize(16).epochs(60).seed(1).build();
        List<EpochResult> history = trainer.fit(Dataset.regression(f, t), Dataset.regression(f, t));
        assertTrue(history.get(59).meanLoss() < 1e-3 * history.get(0).meanLoss(),
                history.get(0).meanLoss() + " -> " + history.get(59).meanLoss());
        assertTrue(Double.isNaN(history.get(59).trainAccuracy()));
        assertTrue(Double.isNaN(history.get(59).validationAccuracy()));
        assertTrue(Double.isNaN(trainer.accuracy(Dataset.regression(f, t))));
    }
}
