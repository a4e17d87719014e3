package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class ChartPreparerTest {

    @Test
    void startsThePreparationOnceAfterTheFirstEpoch() {
        AtomicInteger runs = new AtomicInteger();
        TrainingSession.ChartPreparer preparer = new TrainingSession.ChartPreparer(runs::incrementAndGet);
        preparer.onBatch(0, 0, 1.0);
        assertEquals(0, runs.get(), "not before an epoch has ended");
        preparer.onEpoch(0, 1.0, 0.5, 0.5);
        assertEquals(1, runs.get());
        preparer.onEpoch(1, 0.8, 0.6, 0.6);
        preparer.onEpoch(2, 0.7, 0.7, 0.6);
        assertEquals(1, runs.get(), "only once per training run");
    }
}
