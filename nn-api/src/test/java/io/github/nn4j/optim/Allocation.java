package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/** Measures the heap bytes the current thread allocates (HotSpot's per-thread counter). */
final class Allocation {

    private Allocation() {
    }

    /**
     * Bytes the measurement itself may be charged with (the counter is an approximation, and
     * the JVM occasionally allocates on the measuring thread, e.g. for class loading):
     * totals below this say nothing. One allocation per call of a measured action, over the
     * hundreds of calls the tests use, is far above it.
     */
    static final long NOISE = 1024;

    /**
     * Runs {@code action} {@code times} times after as many warm-up runs and returns the bytes
     * allocated by the measured runs, the least of up to five rounds (a late JIT compilation on
     * a busy machine can charge one round; an action that allocates per call is charged in
     * every round); skips the test where the JVM has no such counter.
     */
    static long bytesAllocatedBy(Runnable action, int times) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counter disabled");
        for (int i = 0; i < times; i++) {
            action.run();
        }
        long id = Thread.currentThread().getId();
        hotspot.getThreadAllocatedBytes(id);
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 5 && least >= NOISE; round++) {
            long before = hotspot.getThreadAllocatedBytes(id);
            for (int i = 0; i < times; i++) {
                action.run();
            }
            least = Math.min(least, hotspot.getThreadAllocatedBytes(id) - before);
        }
        return least;
    }
}
