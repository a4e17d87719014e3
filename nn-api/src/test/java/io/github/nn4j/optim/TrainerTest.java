package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Criterion;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;

/**
 * {@link Trainer} with a test-only softmax regression ({@link SoftmaxRegression},
 * {@link SoftmaxCrossEntropy}) on three well separated Gaussian blobs.
 */
class TrainerTest {

    static Dataset blobsForTests(int perClass, long seed) {
        return blobs(perClass, seed);
    }

    private static final double[][] CENTRES = {{3, 0}, {-3, 3}, {-3, -3}};

    /** {@code perClass} points around each centre (σ = 0.5), classes interleaved. */
    private static Dataset blobs(int perClass, long seed) {
        TorchRandom rng = new TorchRandom(seed);
        int n = perClass * CENTRES.length;
        double[] f = new double[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = i % CENTRES.length;
            f[2 * i] = CENTRES[k][0] + rng.normal(0, 0.5);
            f[2 * i + 1] = CENTRES[k][1] + rng.normal(0, 0.5);
            labels[i] = k;
        }
        return new Dataset(Tensor.fromArray(f, n, 2), labels, CENTRES.length);
    }

    /** Records everything a trainer reports. */
    private static final class Recorder implements TrainingListener {
        final List<String> batches = new ArrayList<>();
        final List<Double> losses = new ArrayList<>();
        final List<EpochResult> epochs = new ArrayList<>();

        @Override
        public void onBatch(int epoch, int batch, double loss) {
            batches.add(epoch + ":" + batch);
            losses.add(loss);
        }

        @Override
        public void onEpoch(EpochResult result) {
            epochs.add(result);
        }
    }

    @Test
    void testModelsHaveCorrectGradients() {
        SoftmaxRegression model = new SoftmaxRegression(4, 3, new TorchRandom(1));
        GradientChecker.check(model, Tensor.uniform(-2, 2, 5, 4)).assertPassed(1e-6);
        GradientChecker.check(new SoftmaxCrossEntropy(), Tensor.uniform(-2, 2, 5, 3), Tensor.of(0, 2, 1, 1, 0))
                .assertPassed(1e-6);
    }

    @Test
    void anOptimizerOverAnotherNetworksParametersIsRefused() {
        SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
        SoftmaxRegression other = new SoftmaxRegression(2, 3, new TorchRandom(6));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder(model, new SoftmaxCrossEntropy(), Sgd.of(other.parameters(), 0.1)).build());
        assertTrue(e.getMessage().contains("not one of") && e.getMessage().contains("parameters()"), e.getMessage());
        Trainer.builder(model, new SoftmaxCrossEntropy(), Sgd.of(model.parameters(), 0.1)).build();
    }

    @Test
    void lossGoesDownAndTheSeparableProblemIsLearned() {
        Dataset train = blobs(40, 1);
        Dataset validation = blobs(20, 2);
        SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
        Recorder recorder = new Recorder();
        Trainer trainer = Trainer.builder(model, new SoftmaxCrossEntropy(), Sgd.of(model.parameters(), 0.1))
                .batchSize(16).epochs(8).seed(7).listener(recorder).build();
        double before = trainer.accuracy(validation);
        List<EpochResult> history = trainer.fit(train, validation);

        assertEquals(8, history.size());
        assertEquals(history, recorder.epochs);
        int batchesPerEpoch = (120 + 15) / 16;
        assertEquals(8 * batchesPerEpoch, recorder.batches.size());
        assertEquals("0:0", recorder.batches.get(0));
        assertEquals("7:" + (batchesPerEpoch - 1), recorder.batches.get(recorder.batches.size() - 1));
        assertEquals(8 * batchesPerEpoch, trainer.optimizer().evalCounter());

        EpochResult first = history.get(0);
        EpochResult last = history.get(7);
        assertTrue(last.meanLoss() < 0.25 * first.meanLoss(), history.toString());
        for (int e = 1; e < history.size(); e++) {
            assertTrue(history.get(e).meanLoss() < history.get(e - 1).meanLoss(), history.toString());
        }
        assertTrue(before < 0.7, "an untrained model should not already classify: " + before);
        assertEquals(1.0, last.trainAccuracy(), history.toString());
        assertEquals(1.0, last.validationAccuracy(), history.toString());
        assertEquals(1.0, trainer.accuracy(validation));
        // the mean of the epoch's batch losses
        double sum = 0;
        for (int b = 0; b < batchesPerEpoch; b++) {
            sum += recorder.losses.get(7 * batchesPerEpoch + b);
        }
        assertEquals(sum / batchesPerEpoch, last.meanLoss(), 1e-15);
    }

    private static List<Double> batchLosses(long shuffleSeed) {
        SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
        Recorder recorder = new Recorder();
        Trainer.builder(model, new SoftmaxCrossEntropy(), Adam.of(model.parameters(), 0.01))
                .batchSize(8).epochs(3).seed(shuffleSeed).listener(recorder).build().fit(blobs(10, 1));
        return recorder.losses;
    }

    @Test
    void shufflingIsDeterministicUnderASeed() {
        List<Double> a = batchLosses(11);
        assertEquals(a, batchLosses(11));
        assertNotEquals(a, batchLosses(12));

        // the global generator is the default: manualSeed makes a run repeatable
        List<List<Double>> runs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            TorchRandom.manualSeed(99);
            SoftmaxRegression model = new SoftmaxRegression(2, 3, TorchRandom.global());
            Recorder recorder = new Recorder();
            Trainer.builder(model, new SoftmaxCrossEntropy(), Sgd.of(model.parameters(), 0.05)).epochs(2)
                    .batchSize(7).listener(recorder).build().fit(blobs(10, 3));
            runs.add(recorder.losses);
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    /** Returns NaN (or another value) from one given call of forward on. */
    private static final class FailingCriterion extends Criterion<Tensor, Tensor> {
        private final SoftmaxCrossEntropy inner = new SoftmaxCrossEntropy();
        private final int failAt;
        private final double value;
        private int calls;

        FailingCriterion(int failAt, double value) {
            super(Tensor.empty());
            this.failAt = failAt;
            this.value = value;
        }

        @Override
        public double updateOutput(Tensor input, Tensor target) {
            double loss = inner.updateOutput(input, target);
            return calls++ == failAt ? value : loss;
        }

        @Override
        public Tensor updateGradInput(Tensor input, Tensor target) {
            return inner.updateGradInput(input, target);
        }
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingEpochAndBatch() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
            Sgd sgd = Sgd.of(model.parameters(), 0.1);
            Recorder recorder = new Recorder();
            // 30 samples in batches of 10: the 6th call is epoch 1, batch 2
            Trainer trainer = Trainer.builder(model, new FailingCriterion(5, bad), sgd).batchSize(10).epochs(4)
                    .seed(1).listener(recorder).build();
            TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                    () -> trainer.fit(blobs(10, 1)));
            assertEquals(1, e.epoch());
            assertEquals(2, e.batch());
            assertEquals(bad, e.loss());
            assertTrue(e.getMessage().contains("epoch 1, batch 2"), e.getMessage());
            assertEquals(5, sgd.evalCounter(), "the step of the failing batch is not taken");
            assertEquals(5, recorder.batches.size());
            assertEquals(1, recorder.epochs.size());
        }
    }

    @Test
    void validationRunsInEvaluateModeAndTrainingResumesAfter() {
        SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
        Trainer trainer = Trainer.builder(model, new SoftmaxCrossEntropy(), Sgd.of(model.parameters(), 0.1))
                .batchSize(10).epochs(2).seed(1).build();
        trainer.fit(blobs(10, 1), blobs(5, 2));
        // per epoch: 3 training batches (training mode), then 2 validation batches (evaluate mode)
        List<Boolean> expected = List.of(true, true, true, false, false, true, true, true, false, false);
        assertEquals(expected, model.modes);
        assertTrue(model.isTraining());

        model.evaluate();
        trainer.accuracy(blobs(5, 2));
        assertFalse(model.isTraining(), "accuracy() restores the previous mode");

        List<EpochResult> none = trainer.fit(blobs(10, 1));
        assertTrue(Double.isNaN(none.get(0).validationAccuracy()));
    }

    @Test
    void rejectsAnOutputThatIsNotOneRowOfScoresPerSample() {
        SoftmaxRegression inner = new SoftmaxRegression(2, 3, new TorchRandom(5));
        Module<Tensor, Tensor> flat = new Module<>(Tensor.empty(), Tensor.empty()) {
            @Override
            public Tensor updateOutput(Tensor input) {
                output = inner.forward(input).view(-1);
                return output;
            }

            @Override
            public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
                return inner.updateGradInput(input, gradOutput.view(input.size(0), -1));
            }
        };
        Criterion<Tensor, Tensor> constant = new Criterion<>(Tensor.empty()) {
            @Override
            public double updateOutput(Tensor input, Tensor target) {
                return 1;
            }

            @Override
            public Tensor updateGradInput(Tensor input, Tensor target) {
                return gradInput.copyFrom(input).zero();
            }
        };
        Trainer trainer = Trainer.builder(flat, constant, Sgd.of(flat.parameters(), 0.1)).batchSize(4).epochs(1)
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(blobs(4, 1)));
        assertTrue(e.getMessage().contains("expected the output of") && e.getMessage().contains("got [12]"),
                e.getMessage());
    }

    @Test
    void aTrainingStepAllocatesNothingInSteadyState() {
        SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
        model.recordModes = false;
        Dataset train = blobs(40, 1);
        Trainer short1 = Trainer.builder(model, new SoftmaxCrossEntropy(), Sgd.of(model.parameters(), 0.01))
                .batchSize(12).epochs(1).seed(1).build();
        Trainer long11 = Trainer.builder(model, new SoftmaxCrossEntropy(), Sgd.of(model.parameters(), 0.01))
                .batchSize(12).epochs(11).seed(1).build();
        int times = 20;
        long oneEpoch = Allocation.bytesAllocatedBy(() -> short1.fit(train), times);
        long manyEpochs = Allocation.bytesAllocatedBy(() -> long11.fit(train), times);
        // 10 extra epochs of 10 batches each: per extra epoch only its EpochResult remains
        double perBatch = (manyEpochs - oneEpoch - Allocation.NOISE) / (10.0 * 10 * times);
        assertTrue(perBatch < 16, "bytes allocated per batch: " + perBatch);
    }

    @Test
    @SuppressWarnings("deprecation")
    void argmaxTakesTheFirstOfTiesAndIsTensorMax() {
        Tensor scores = Tensor.of(new double[][] {{1, 3, 3}, {5, 1, 5}, {0, 0, 1}, {1, Double.NaN, 2}});
        assertArrayEquals(scores.max(1).indices(), Trainer.argmaxRows(scores));
        assertEquals(1, Trainer.argmaxRows(scores)[3]); // the NaN, as Torch's max
        int[] got = Trainer.argmaxRows(Tensor.of(new double[][] {{1, 3, 3}, {5, 1, 5}, {0, 0, 1}}));
        assertEquals(List.of(1, 0, 2), List.of(got[0], got[1], got[2]));
    }
}
