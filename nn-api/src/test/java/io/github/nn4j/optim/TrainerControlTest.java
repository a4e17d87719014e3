package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

/**
 * Issue #15 item 10: stopping {@link Trainer#fit} from a listener, learning-rate schedules and the
 * optimisers' setter, and the validation loss of each epoch.
 */
class TrainerControlTest {

    private static Trainer.Builder trainer(SoftmaxRegression model, Optimizer opt) {
        return Trainer.builder(model, new SoftmaxCrossEntropy(), opt).batchSize(16).seed(7);
    }

    @Test
    void aListenerStopsTraining() {
        SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
        Sgd sgd = Sgd.of(model.parameters(), 0.1);
        List<Integer> seen = new ArrayList<>();
        TrainingListener stopAtTwo = new TrainingListener() {
            @Override
            public void onEpoch(int epoch, double meanLoss, double trainAccuracy, double validationAccuracy) {
                seen.add(epoch); // the four-argument form is still called
            }

            @Override
            public boolean shouldStop(EpochResult result) {
                return result.epoch() == 2;
            }
        };
        List<EpochResult> history = trainer(model, sgd).epochs(10).listener(stopAtTwo).build()
                .fit(TrainerTest.blobsForTests(40, 1));
        assertEquals(3, history.size());
        assertEquals(List.of(0, 1, 2), seen);
        assertEquals(3 * ((120 + 15) / 16), sgd.evalCounter(), "no step after the stop");
    }

    @Test
    void earlyStoppingWaitsPatienceEpochsWithoutImprovement() {
        EarlyStopping stop = new EarlyStopping(1, 0.01);
        assertFalse(stop.shouldStop(new EpochResult(0, 1.0, 0, 0, 2.0)));
        assertFalse(stop.shouldStop(new EpochResult(1, 1.0, 0, 0, 1.0)));
        assertFalse(stop.shouldStop(new EpochResult(2, 1.0, 0, 0, 0.995)), "below minDelta: no improvement, patience 1");
        assertTrue(stop.shouldStop(new EpochResult(3, 1.0, 0, 0, 1.5)));
        assertEquals(1.0, stop.bestLoss());
        assertEquals(1, stop.bestEpoch());

        // without a validation set it watches the training loss: with lr 0 and no shuffle it never improves
        SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
        List<EpochResult> history = trainer(model, Sgd.of(model.parameters(), 0)).shuffle(false).epochs(50)
                .listener(new EarlyStopping(2, 0)).build().fit(TrainerTest.blobsForTests(40, 1));
        assertEquals(4, history.size(), history.toString());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(-1, 0));
    }

    @Test
    void stepAndCosineSchedulesSetTheLearningRateOfEachEpoch() {
        assertArrayEquals(new double[] {0.1, 0.1, 0.05, 0.05, 0.025}, ratesOf(LearningRateSchedule.step(2, 0.5), 5), 1e-17);
        // 0.1 · (1 + cos(π e / 4)) / 2: 0.1, 0.1·(2+√2)/4, 0.05, 0.1·(2−√2)/4, then 0 from epoch 4 on
        double r2 = Math.sqrt(2);
        assertArrayEquals(new double[] {0.1, 0.1 * (2 + r2) / 4, 0.05, 0.1 * (2 - r2) / 4, 0, 0},
                ratesOf(LearningRateSchedule.cosine(4, 0), 6), 1e-16);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(3, -1));
    }

    /** The learning rate each epoch's steps used, recorded by a listener holding the optimiser. */
    private static double[] ratesOf(LearningRateSchedule schedule, int epochs) {
        SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
        Sgd sgd = Sgd.of(model.parameters(), 0.1);
        double[] rates = new double[epochs];
        trainer(model, sgd).epochs(epochs).schedule(schedule).listener(new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, double loss) {
                rates[epoch] = sgd.currentLearningRate();
            }
        }).build().fit(TrainerTest.blobsForTests(10, 1));
        return rates;
    }

    @Test
    void theSetterChangesTheNextStep() {
        Tensor x = Tensor.of(1.0);
        Tensor g = Tensor.of(2.0);
        Sgd sgd = Sgd.of(List.of(new Parameter("x", x, g)), 0.1);
        sgd.setLearningRate(0.25);
        sgd.step();
        assertEquals(1.0 - 0.25 * 2.0, x.get(0));
        assertEquals(0.25, sgd.learningRate());

        Adam adam = Adam.of(List.of(new Parameter("x", Tensor.of(1.0), Tensor.of(2.0))), 0.001);
        adam.setLearningRate(0.5);
        assertEquals(0.5, adam.currentLearningRate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.setLearningRate(-1));
        assertTrue(e.getMessage().contains("learningRate"), e.getMessage());
    }

    @Test
    void eachEpochReportsTheValidationLoss() {
        Dataset train = TrainerTest.blobsForTests(40, 1);
        Dataset validation = TrainerTest.blobsForTests(20, 2);
        SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
        List<EpochResult> reported = new ArrayList<>();
        List<EpochResult> history = Trainer.builder(model, new SoftmaxCrossEntropy(), Sgd.of(model.parameters(), 0.1))
                .batchSize(64).epochs(3).seed(7).listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochResult result) {
                        reported.add(result);
                    }
                }).build().fit(train, validation);
        assertEquals(history, reported);

        // the last epoch's validation loss is the criterion's loss on the 60 samples (one batch of 64)
        model.evaluate();
        double expected = new SoftmaxCrossEntropy().forward(model.forward(validation.features()),
                Tensor.fromArray(java.util.Arrays.stream(validation.labels()).asDoubleStream().toArray(), 60));
        assertEquals(expected, history.get(2).validationLoss(), 1e-15);
        assertTrue(history.get(2).validationLoss() < history.get(0).validationLoss(), history.toString());
        assertTrue(Double.isNaN(trainer(model, Sgd.of(model.parameters(), 0.1)).epochs(1).build().fit(train).get(0)
                .validationLoss()));
    }

    @Test
    void theReadmeBlock() {
        Dataset train = TrainerTest.blobsForTests(40, 1);
        Dataset validation = TrainerTest.blobsForTests(20, 2);
        SoftmaxRegression model = new SoftmaxRegression(2, 3, new TorchRandom(5));
        io.github.nn4j.Criterion<Tensor, Tensor> criterion = new SoftmaxCrossEntropy();
        // README: trainer control (copied into README.md)
        Sgd sgd = Sgd.builder().learningRate(0.1).momentum(0.9).build(model.parameters());
        Trainer trainer = Trainer.builder(model, criterion, sgd)
                .epochs(100).schedule(LearningRateSchedule.cosine(100, 0.001)) // or step(30, 0.1)
                .listener(new EarlyStopping(3, 1e-4))        // stop when the validation loss stalls
                .build();
        List<EpochResult> history = trainer.fit(train, validation); // validationLoss() of each epoch
        sgd.setLearningRate(0.01);                           // or set it by hand, e.g. between fits
        // README: end

        assertTrue(history.size() < 100, "stopped early: " + history.size());
        assertTrue(history.get(history.size() - 1).validationLoss() < history.get(0).validationLoss());
    }
}
