package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * The normalisation family keeps its statistics and scratch buffers: after a warm-up, many
 * forward/backward pairs of one input size allocate (almost) nothing on the calling thread (as
 * {@link SteadyStateAllocationTest}; skipped on JVMs without HotSpot's per-thread counter).
 */
class NormalisationAllocationTest {

    private static final int WARMUP = 10_000;
    private static final int CALLS = 2_000;
    private static final int ROUNDS = 8;
    private static final long SLACK_BYTES = 16 * 1024;

    @Test
    void forwardAndBackwardAllocateNothingOnceWarm() {
        SteadyState.threadBean();
        Tensor kernel = Tensor.of(new double[][] {{1, 2, 1}, {2, 4, 2}, {1, 2, 1}});
        Tensor flat = Tensor.uniform(-1, 1, 4, 16);
        Tensor planes = Tensor.uniform(-1, 1, 2, 3, 6, 5);
        List<Module<Tensor, Tensor>> modules = List.of(new BatchNormalization(16),
                new BatchNormalization(16, 1e-5, 0.1, false).evaluate(), new SpatialBatchNormalization(3),
                new SpatialBatchNormalization(3).evaluate(), new SpatialCrossMapLRN(3, 0.5),
                new SpatialSubtractiveNormalization(3, kernel), new SpatialDivisiveNormalization(3, kernel),
                new SpatialContrastiveNormalization(3, Tensor.of(1, 2, 1)), new SpatialSoftMax(),
                new SpatialLogSoftMax());
        for (Module<Tensor, Tensor> m : modules) {
            Tensor x = m instanceof BatchNormalization && !(m instanceof SpatialBatchNormalization) ? flat : planes;
            Tensor g = Tensor.uniform(-1, 1, m.forward(x).sizes());
            long allocated = SteadyState.bytesOnceWarm(m, x, g, WARMUP, CALLS, ROUNDS, SLACK_BYTES);
            assertTrue(allocated < SLACK_BYTES, m + " allocated " + allocated + " bytes in " + CALLS
                    + " forward/backward pairs, in each of " + ROUNDS + " rounds");
        }
    }
}
