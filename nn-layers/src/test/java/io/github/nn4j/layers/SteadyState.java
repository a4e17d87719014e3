package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import io.github.nn4j.Data;
import io.github.nn4j.Module;

/**
 * The measurement behind the "no allocation per call in steady state" tests
 * ({@link SteadyStateAllocationTest} and the family {@code *AllocationTest}s): HotSpot's per-thread
 * allocation counter around many forward/backward pairs of one module on one input, after a
 * warm-up. Skips the calling test on JVMs without that counter.
 */
final class SteadyState {

    private SteadyState() {
    }

    /** HotSpot's thread bean; skips the test (an assumption) where it has no enabled allocation counter. */
    static com.sun.management.ThreadMXBean threadBean() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(sun.isThreadAllocatedMemorySupported() && sun.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off");
        return sun;
    }

    /**
     * Bytes the calling thread allocates in {@code calls} forward/backward pairs of {@code m} on
     * {@code x} and {@code g}, each measurement preceded by {@code warmup} unmeasured pairs. The JIT
     * compiles in the background: on a busy machine the first rounds may still run code that has
     * not had its escape analysis, so this measures again, up to {@code rounds} times, until one
     * round stays below {@code slack}; it returns the last round's bytes.
     */
    static <I extends Data, O extends Data> long bytesOnceWarm(Module<I, O> m, I x, O g, int warmup, int calls,
            int rounds, long slack) {
        com.sun.management.ThreadMXBean bean = threadBean();
        long thread = Thread.currentThread().getId();
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < rounds && allocated >= slack; round++) {
            for (int i = 0; i < warmup; i++) {
                m.forward(x);
                m.backward(x, g);
            }
            long before = bean.getThreadAllocatedBytes(thread);
            for (int i = 0; i < calls; i++) {
                m.forward(x);
                m.backward(x, g);
            }
            allocated = bean.getThreadAllocatedBytes(thread) - before;
        }
        return allocated;
    }
}
