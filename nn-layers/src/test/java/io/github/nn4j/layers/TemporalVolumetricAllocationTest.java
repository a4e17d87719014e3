package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/**
 * The steady-state promise of {@link SteadyStateAllocationTest} for the temporal, volumetric,
 * dropout and product modules, batch and non-batch: once warm, forward/backward pairs of one size
 * allocate (almost) nothing on the calling thread.
 */
class TemporalVolumetricAllocationTest {

    private static final int WARMUP = 10_000;
    private static final int CALLS = 2_000;
    private static final int ROUNDS = 8;
    private static final long SLACK_BYTES = 16 * 1024;

    @Test
    @SuppressWarnings("unchecked")
    void forwardAndBackwardAllocateNothingOnceWarm() {
        SteadyState.threadBean();
        Map<Module<?, ?>, Data> cases = new LinkedHashMap<>();
        cases.put(new TemporalConvolution(3, 4, 2, 2), Tensor.uniform(-1, 1, 2, 7, 3));
        cases.put(new TemporalConvolution(3, 4, 3), Tensor.uniform(-1, 1, 7, 3));
        cases.put(new TemporalMaxPooling(2, 1), Tensor.uniform(-1, 1, 2, 7, 3));
        cases.put(new TemporalSubSampling(3, 2), Tensor.uniform(-1, 1, 2, 7, 3));
        cases.put(new VolumetricConvolution(2, 3, 2, 2, 2, 1, 1, 1, 1), Tensor.uniform(-1, 1, 2, 2, 3, 3, 3));
        cases.put(new VolumetricConvolution(2, 3, 2, 2, 2), Tensor.uniform(-1, 1, 2, 3, 3, 3));
        cases.put(new VolumetricMaxPooling(2, 2, 2, 1, 1, 1, 1, 1, 1), Tensor.uniform(-1, 1, 2, 2, 3, 3, 3));
        cases.put(new SpatialDropout(0.3), Tensor.uniform(-1, 1, 2, 3, 4, 4));
        cases.put(new VolumetricDropout(0.3).evaluate(), Tensor.uniform(-1, 1, 2, 3, 2, 4, 4));
        cases.put(new MM(true, false), Table.of(Tensor.uniform(-1, 1, 2, 3, 2), Tensor.uniform(-1, 1, 2, 3, 4)));
        cases.put(new MM(), Table.of(Tensor.uniform(-1, 1, 2, 3), Tensor.uniform(-1, 1, 3, 4)));
        cases.put(new MV(), Table.of(Tensor.uniform(-1, 1, 2, 3, 4), Tensor.uniform(-1, 1, 2, 4)));
        cases.put(new MV(true), Table.of(Tensor.uniform(-1, 1, 3, 4), Tensor.uniform(-1, 1, 3)));
        cases.put(new Bilinear(4, 3, 2), Table.of(Tensor.uniform(-1, 1, 5, 4), Tensor.uniform(-1, 1, 5, 3)));
        for (Map.Entry<Module<?, ?>, Data> e : cases.entrySet()) {
            Module<Data, Data> m = (Module<Data, Data>) e.getKey();
            Data x = e.getValue();
            Tensor g = Tensor.uniform(-1, 1, ((Tensor) m.forward(x)).sizes());
            long allocated = SteadyState.bytesOnceWarm(m, x, g, WARMUP, CALLS, ROUNDS, SLACK_BYTES);
            assertTrue(allocated < SLACK_BYTES, m + " allocated " + allocated + " bytes in " + CALLS
                    + " forward/backward pairs, in each of " + ROUNDS + " rounds");
        }
    }
}
