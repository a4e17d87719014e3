package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/** Measures the heap bytes the current thread allocates (HotSpot's per-thread counter). */
final class Allocation {

    private Allocation() {
    }

    /**
     * Runs {@code action} {@code times} times after as many warm-up runs and returns the bytes
     * allocated by the measured runs; skips the test where the JVM has no such counter.
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
        long before = hotspot.getThreadAllocatedBytes(id);
        for (int i = 0; i < times; i++) {
            action.run();
        }
        return hotspot.getThreadAllocatedBytes(id) - before;
    }
}
