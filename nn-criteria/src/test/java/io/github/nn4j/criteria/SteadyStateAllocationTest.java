package io.github.nn4j.criteria;

import static io.github.nn4j.criteria.CriterionChecks.ints;
import static io.github.nn4j.criteria.CriterionChecks.labels;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Table;
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
        assertSteady(() -> {
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
        });
    }

    @Test
    void theNewCriteriaAllocateNothingPerCallInSteadyState() {
        TorchRandom rng = new TorchRandom(2);
        Tensor x = Tensor.zeros(8, 6).uniform(rng, -2, 2);
        Tensor t = Tensor.zeros(8, 6).uniform(rng, -2, 2);
        Tensor p = Tensor.zeros(8, 6).uniform(rng, 0.05, 0.95);
        Tensor signs = CriterionChecks.signs(8, 6);
        Tensor rowSigns = CriterionChecks.signs(8);
        Tensor y = labels(rng, 8, 6);
        int[] labels = ints(y);
        Tensor multi = Tensor.filled(-1, 8, 6);
        for (int r = 0; r < 8; r++) {
            multi.put(r % 6, r, 0);
            multi.put((r + 2) % 6, r, 1);
        }
        Tensor maps = Tensor.zeros(2, 6, 3, 4).uniform(rng, -3, 0);
        Tensor mapLabels = labels(rng, 24, 6).view(2, 3, 4);
        Table pair = Table.of(Tensor.zeros(8, 6).uniform(rng, -1, 1), Tensor.zeros(8, 6).uniform(rng, -1, 1));
        Table scores = Table.of(Tensor.zeros(8).uniform(rng, -1, 1), Tensor.zeros(8).uniform(rng, -1, 1));
        Table vectors = Table.of(Tensor.zeros(6).uniform(rng, -1, 1), Tensor.zeros(6).uniform(rng, -1, 1));
        Tensor minusOne = Tensor.of(-1);
        Table both = Table.of(x, x);
        Table bothTargets = Table.of(t, y);
        java.util.List<io.github.nn4j.Criterion<Tensor, Tensor>> plain = java.util.List.of(new AbsCriterion(),
                new SmoothL1Criterion(), new DistKLDivCriterion(), new WeightedMSECriterion(Tensor.of(1, 2, 3, 4, 5, 6)),
                new MultiCriterion().add(new MSECriterion(), 0.5).add(new AbsCriterion(false)));
        MarginCriterion margin = new MarginCriterion(0.7);
        SoftMarginCriterion soft = new SoftMarginCriterion();
        HingeEmbeddingCriterion hinge = new HingeEmbeddingCriterion();
        MultiLabelMarginCriterion mlm = new MultiLabelMarginCriterion();
        MultiLabelSoftMarginCriterion mlsm = new MultiLabelSoftMarginCriterion(Tensor.of(1, 2, 3, 4, 5, 6));
        ClassSimplexCriterion simplex = new ClassSimplexCriterion(6);
        SpatialClassNLLCriterion spatial = new SpatialClassNLLCriterion(Tensor.of(1, 2, 3, 4, 5, 6));
        L1Cost l1 = new L1Cost();
        CosineEmbeddingCriterion cosine = new CosineEmbeddingCriterion(0.1);
        MarginRankingCriterion ranking = new MarginRankingCriterion();
        L1HingeEmbeddingCriterion l1hinge = new L1HingeEmbeddingCriterion(100);
        ParallelCriterion parallel = new ParallelCriterion().add(new MSECriterion(), 0.3).add(new ClassNLLCriterion());
        assertSteady(() -> {
            for (int k = 0; k < plain.size(); k++) {
                io.github.nn4j.Criterion<Tensor, Tensor> c = plain.get(k);
                c.forward(x, p);
                c.backward(x, p);
            }
            margin.forward(x, signs);
            margin.backward(x, signs);
            soft.forward(x, signs);
            soft.backward(x, signs);
            hinge.forward(p, signs);
            hinge.backward(p, signs);
            mlm.forward(x, multi);
            mlm.backward(x, multi);
            mlsm.forward(x, p);
            mlsm.backward(x, p);
            simplex.forward(x, labels);
            simplex.backward(x, labels);
            spatial.forward(maps, mapLabels);
            spatial.backward(maps, mapLabels);
            l1.forward(x, null);
            l1.backward(x, null);
            cosine.forward(pair, rowSigns);
            cosine.backward(pair, rowSigns);
            ranking.forward(scores, rowSigns);
            ranking.backward(scores, rowSigns);
            l1hinge.forward(vectors, minusOne);
            l1hinge.backward(vectors, minusOne);
            parallel.forward(both, bothTargets);
            parallel.backward(both, bothTargets);
        });
    }

    /**
     * Runs {@code step} {@code CALLS} times after a warm-up and asserts it allocated less than 16
     * bytes per call. The JIT compiles in the background: on a busy machine a round may still run
     * code without its escape analysis (e.g. of varargs arrays in library calls), so this measures
     * again, up to {@code ROUNDS} times, until one round is clean.
     */
    private static void assertSteady(Runnable step) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
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
