package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * {@link SteadyStateAllocationTest}'s promise for the transfer functions, Normalize and L1Penalty
 * (training mode, so RReLU draws its slopes): once warm, forward/backward pairs of one batch size
 * allocate (almost) nothing on the calling thread.
 */
class TransferFunctionsAllocationTest {

    private static final int WARMUP = 20_000;
    private static final int CALLS = 5_000;
    private static final int ROUNDS = 8;
    private static final long SLACK_BYTES = 16 * 1024;

    @Test
    void forwardAndBackwardAllocateNothingOnceWarm() {
        SteadyState.threadBean();
        List<Module<Tensor, Tensor>> modules = List.of(new HardTanh(), new Clamp(-0.3, 0.7), new LeakyReLU(),
                new ELU(), new PReLU(), new PReLU(16), new RReLU(), new SoftPlus(), new SoftSign(), new SoftShrink(),
                new HardShrink(), new TanhShrink(), new LogSigmoid(), new SoftMin(), new ReLU6(),
                new GradientReversal(0.5), new Normalize(2), new Normalize(1.5), new Normalize(Double.POSITIVE_INFINITY),
                new L1Penalty(0.1));
        Tensor x = Tensor.uniform(-1, 1, 4, 16);
        for (Module<Tensor, Tensor> m : modules) {
            Tensor g = Tensor.uniform(-1, 1, m.forward(x).sizes());
            long allocated = SteadyState.bytesOnceWarm(m, x, g, WARMUP, CALLS, ROUNDS, SLACK_BYTES);
            assertTrue(allocated < SLACK_BYTES, m + " allocated " + allocated + " bytes in " + CALLS
                    + " forward/backward pairs, in each of " + ROUNDS + " rounds");
        }
    }
}
