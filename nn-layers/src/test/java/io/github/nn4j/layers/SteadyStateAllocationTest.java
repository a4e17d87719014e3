package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * The "no allocation per call in steady state" promise, measured: after a warm-up, many
 * forward/backward pairs of one batch size must allocate (almost) nothing on the calling thread.
 * Uses HotSpot's per-thread allocation counter, and is skipped on JVMs without it.
 */
class SteadyStateAllocationTest {

    private static final int WARMUP = 20_000;
    private static final int CALLS = 5_000;
    private static final int ROUNDS = 8;
    /** Slack for the odd JIT or safepoint bookkeeping; a single leaked int[2] per call is 120 kB. */
    private static final long SLACK_BYTES = 16 * 1024;

    @Test
    void forwardAndBackwardAllocateNothingOnceWarm() {
        SteadyState.threadBean();
        List<Module<Tensor, Tensor>> modules = List.of(new Linear(16, 8), new Linear(16, 8, false), new ReLU(),
                new Threshold(0.1, -0.5), new Sigmoid(), new Tanh(), new MulConstant(0.5), new Add(16),
                new Add(16, true), new Mul(), new CMul(16), new SoftMax(), new LogSoftMax(), new Dropout(0.3),
                new ReLU(true), new MulConstant(2.0, true));
        Tensor x = Tensor.uniform(-1, 1, 4, 16);
        for (Module<Tensor, Tensor> m : modules) {
            Tensor g = Tensor.uniform(-1, 1, m.forward(x).sizes());
            long allocated = SteadyState.bytesOnceWarm(m, x, g, WARMUP, CALLS, ROUNDS, SLACK_BYTES);
            assertTrue(allocated < SLACK_BYTES, m + " allocated " + allocated + " bytes in " + CALLS
                    + " forward/backward pairs, in each of " + ROUNDS + " rounds");
        }
    }
}
