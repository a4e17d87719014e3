package io.github.nn4j.criteria;

import static io.github.nn4j.criteria.CriterionChecks.ints;
import static io.github.nn4j.criteria.CriterionChecks.labels;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

/**
 * After the first call, forward and backward allocate nothing: buffers (gradInput, the
 * log-probabilities, the label buffers) are resized in place. Measured with HotSpot's per-thread
 * allocation counter over many calls, so a single allocation per call (≥ 16 bytes × calls) fails.
 */
class SteadyStateAllocationTest {

    private static final int CALLS = 2000;
    private static final int ROUNDS = 5;

    @Test
    void criteriaAllocateNothingPerCallInSteadyState() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);

        TorchRandom rng = new TorchRandom(1);
        Tensor scores = Tensor.zeros(32, 10).uniform(rng, -2, 2);
        Tensor probabilities = Tensor.zeros(32, 10).uniform(rng, 0.05, 0.95);
        Tensor y = labels(rng, 32, 10);
        int[] labels = ints(y);
        CrossEntropyCriterion ce = new CrossEntropyCriterion(Tensor.zeros(10).uniform(rng, 0.5, 1.5));
        MultiMarginCriterion mm = new MultiMarginCriterion(2, Tensor.zeros(10).uniform(rng, 0.5, 1.5), 0.7);
        ClassNLLCriterion nll = new ClassNLLCriterion();
        MSECriterion mse = new MSECriterion();
        BCECriterion bce = new BCECriterion(Tensor.zeros(10).uniform(rng, 0.5, 1.5));
        Runnable step = () -> {
            ce.forward(scores, labels);
            ce.backward(scores, labels);
            mm.forward(scores, labels);
            mm.backward(scores, labels);
            nll.forward(scores, y);
            nll.backward(scores, y);
            mse.forward(scores, probabilities);
            mse.backward(scores, probabilities);
            bce.forward(probabilities, probabilities);
            bce.backward(probabilities, probabilities);
        };
        // the JIT compiles in the background: on a busy machine a round may still run code without
        // its escape analysis (e.g. of varargs arrays in library calls), so measure until one round is clean
        long tid = Thread.currentThread().getId();
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS && allocated >= 16L * CALLS; round++) {
            for (int i = 0; i < 200; i++) {
                step.run();
            }
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < CALLS; i++) {
                step.run();
            }
            allocated = mx.getThreadAllocatedBytes(tid) - before;
        }
        assertTrue(allocated < 16L * CALLS, allocated + " bytes allocated over " + CALLS + " steps, in each of "
                + ROUNDS + " rounds");
    }
}
