package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * The pooling, padding and resampling modules allocate (almost) nothing per forward/backward
 * pair once warm, on batch and non-batch input (HotSpot's per-thread allocation counter, as in
 * {@link SteadyStateAllocationTest}; skipped on JVMs without it).
 */
class PoolingAllocationTest {

    private static final int WARMUP = 5_000;
    private static final int CALLS = 2_000;
    private static final int ROUNDS = 8;
    private static final long SLACK_BYTES = 16 * 1024;

    static List<Module<Tensor, Tensor>> modules() {
        SpatialMaxPooling pool = new SpatialMaxPooling(2, 2);
        return List.of(new SpatialMaxPooling(3, 3, 2, 2, 1, 1).ceil(), new SpatialAveragePooling(3, 3, 2, 2, 1, 1),
                new SpatialAveragePooling(2, 2, 2, 2).ceil().setCountExcludePad(), new SpatialAdaptiveMaxPooling(3, 2),
                new SpatialAdaptiveAveragePooling(3, 2),
                new Sequential<Tensor, Tensor>().add(pool).add(new SpatialMaxUnpooling(pool)),
                new SpatialLPPooling(3, 2, 2, 2), new SpatialLPPooling(3, 3, 2, 2), new SpatialZeroPadding(1, 2, -1, 1),
                new SpatialReflectionPadding(2, 1, 1, 2), new SpatialReplicationPadding(0, 2, 3, 1),
                new SpatialUpSamplingNearest(2), new SpatialUpSamplingBilinear(2), new SpatialUpSamplingBilinear(9, 7));
    }

    @Test
    void forwardAndBackwardAllocateNothingOnceWarm() {
        SteadyState.threadBean();
        for (Tensor x : new Tensor[] {Tensor.uniform(0.1, 1, 4, 3, 6, 6), Tensor.uniform(0.1, 1, 3, 6, 6)}) {
            for (Module<Tensor, Tensor> m : modules()) {
                Tensor g = Tensor.uniform(-1, 1, m.forward(x).sizes());
                long allocated = SteadyState.bytesOnceWarm(m, x, g, WARMUP, CALLS, ROUNDS, SLACK_BYTES);
                assertTrue(allocated < SLACK_BYTES, m + " allocated " + allocated + " bytes in " + CALLS
                        + " forward/backward pairs on " + x.shapeString());
            }
        }
    }
}
