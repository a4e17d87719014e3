package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * The convolution modules allocate nothing per forward/backward pair once warm (their columns and
 * permutation buffers are reused), measured with HotSpot's per-thread allocation counter as in
 * {@link SteadyStateAllocationTest}; skipped on JVMs without it.
 */
class ConvolutionAllocationTest {

    private static final int WARMUP = 3_000;
    private static final int CALLS = 1_000;
    private static final int ROUNDS = 8;
    private static final long SLACK_BYTES = 16 * 1024;

    @Test
    void forwardAndBackwardAllocateNothingOnceWarm() {
        SteadyState.threadBean();
        List<Module<Tensor, Tensor>> modules = List.of(new SpatialConvolution(3, 4, 3, 3, 1, 1, 1, 1),
                new SpatialConvolution(3, 4, 3, 3, 2, 2, 1, 1).noBias(), new SpatialConvolutionMM(3, 4, 3, 3),
                new SpatialDilatedConvolution(3, 4, 3, 3, 1, 1, 2, 2, 2, 2),
                new SpatialFullConvolution(3, 4, 3, 3, 2, 2, 1, 1, 1, 1), new SpatialConvolutionLocal(3, 4, 8, 8, 3, 3),
                new SpatialSubSampling(3, 2, 2, 2, 2));
        for (Tensor x : List.of(Tensor.uniform(-1, 1, 4, 3, 8, 8), Tensor.uniform(-1, 1, 3, 8, 8))) {
            for (Module<Tensor, Tensor> m : modules) {
                Tensor g = Tensor.uniform(-1, 1, m.forward(x).sizes());
                long allocated = SteadyState.bytesOnceWarm(m, x, g, WARMUP, CALLS, ROUNDS, SLACK_BYTES);
                assertTrue(allocated < SLACK_BYTES, m + " on " + x.shapeString() + " allocated " + allocated
                        + " bytes in " + CALLS + " forward/backward pairs, in each of " + ROUNDS + " rounds");
            }
        }
    }
}
