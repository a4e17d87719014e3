package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.Affine;

/**
 * "No allocation per call in steady state" for Max, Min, View, Reshape, the table gates and the
 * containers: after a warm-up, many forward/backward pairs of one input size must allocate
 * (almost) nothing on the calling thread (HotSpot's per-thread allocation counter; skipped on
 * JVMs without it).
 */
class GatesAndContainersAllocationTest {

    private static final int WARMUP = 20_000;
    private static final int CALLS = 5_000;
    /** Slack for JIT or safepoint bookkeeping; a leaked int[2] per call is 120 kB. */
    private static final long SLACK_BYTES = 16 * 1024;

    @Test
    @SuppressWarnings("unchecked")
    void forwardAndBackwardAllocateNothingOnceWarm() {
        SteadyState.threadBean();
        Tensor x = Tensor.uniform(-1, 1, 4, 16);
        Table t3 = Table.of(Tensor.uniform(-1, 1, 4, 16), Tensor.uniform(-1, 1, 4, 16), Tensor.uniform(-1, 1, 4, 16));
        Table t2 = Table.of(Tensor.uniform(-1, 1, 4, 16), Tensor.uniform(-1, 1, 4, 8));
        Table nested = Table.of(Tensor.uniform(-1, 1, 4, 16), Table.of(Tensor.uniform(-1, 1, 2), Tensor.uniform(-1, 1, 3)));
        Map<Module<?, ?>, Data> cases = new LinkedHashMap<>();
        cases.put(new Max(-1), x);
        cases.put(new Min(0, 1), x);
        cases.put(new View(2, -1).setNumInputDims(1), x);
        cases.put(new Reshape(4, 4), x);
        cases.put(new CAddTable(), t3);
        cases.put(new CSubTable(), Table.of(t3.get(0), t3.get(1)));
        cases.put(new CMulTable(), t3);
        cases.put(new CMaxTable(), t3);
        cases.put(new JoinTable(-1), t2);
        cases.put(new SelectTable(1), nested);
        cases.put(new Sequential<Tensor, Tensor>().add(new Affine(16, Affine.Fault.NONE)).add(new Reshape(4, 4))
                .add(new Max(-1)), x);
        cases.put(new ConcatTable<Tensor>().add(new Affine(16, Affine.Fault.NONE)).add(new Max(-1)), x);
        cases.put(new ConcatTable<Table>().add(new SelectTable(0)).add(new SelectTable(1)), nested);
        cases.put(new ParallelTable().add(new Affine(16, Affine.Fault.NONE)).add(new Max(-1)), t2);
        cases.put(new Concat(1).add(new Affine(16, Affine.Fault.NONE)).add(new Affine(16, Affine.Fault.NONE)), x);
        for (Map.Entry<Module<?, ?>, Data> e : cases.entrySet()) {
            Module<Data, Data> m = (Module<Data, Data>) e.getKey();
            Data in = e.getValue();
            Data g = m.forward(in).deepCopy();
            long allocated = SteadyState.bytesOnceWarm(m, in, g, WARMUP, CALLS, 1, SLACK_BYTES);
            assertTrue(allocated < SLACK_BYTES, m.toString().lines().findFirst().orElse("") + " allocated "
                    + allocated + " bytes in " + CALLS + " forward/backward pairs");
        }
    }
}
