package io.github.nn4j.linalg;

import static io.github.nn4j.linalg.GemmReference.assertProduct;
import static io.github.nn4j.linalg.GemmReference.copyOf;
import static io.github.nn4j.linalg.GemmReference.random;
import static io.github.nn4j.linalg.GemmReference.threadedShapes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The public facade: dispatch (EJML or blocked), beta/alpha semantics, threads, errors. */
class GemmTest {

    private static final double[] BETAS = {0.0, 1.0, -0.75};

    @AfterEach
    void resetThreads() {
        Gemm.setNumThreads(1);
    }

    @Test
    void matchesTripleLoopOnBothSidesOfTheDispatchThreshold() {
        Random rnd = new Random(7);
        int[][] shapes = {{1, 1, 1}, {3, 5, 2}, {7, 9, 300}, {8, 8, 8}, {31, 33, 32}, {64, 10, 256},
            {10, 64, 256}, {65, 47, 129}, {300, 3, 100}, {100, 2, 300}, {129, 130, 17}};
        for (int[] s : shapes) {
            for (int form = 0; form < 4; form++) {
                boolean ta = (form & 1) != 0;
                boolean tb = (form & 2) != 0;
                for (double beta : BETAS) {
                    check(ta, tb, s[0], s[1], s[2], 1.5, beta, rnd);
                }
            }
        }
        assertTrue(Gemm.useBlocked(65, 47, 129), "some shapes above must take the blocked path");
        assertTrue(!Gemm.useBlocked(3, 5, 2), "some shapes above must take the EJML path");
    }

    @Test
    void betaZeroIgnoresNaNInC() {
        Random rnd = new Random(3);
        for (int[] s : new int[][] {{2, 3, 4}, {70, 90, 80}}) {
            DMatrixRMaj a = random(s[0], s[2], rnd);
            DMatrixRMaj b = random(s[2], s[1], rnd);
            DMatrixRMaj c = new DMatrixRMaj(s[0], s[1]);
            Arrays.fill(c.data, Double.NaN);
            DMatrixRMaj c0 = copyOf(c);
            Gemm.gemm(false, false, 1.0, a, b, 0.0, c);
            assertProduct("beta=0 over NaN " + Arrays.toString(s), false, false, 1.0, a, b, 0.0, c0, c);
        }
    }

    @Test
    void alphaZeroOnlyScalesC() {
        Random rnd = new Random(4);
        DMatrixRMaj a = random(40, 50, rnd);
        Arrays.fill(a.data, Double.NaN);
        DMatrixRMaj b = random(50, 60, rnd);
        DMatrixRMaj c = random(40, 60, rnd);
        DMatrixRMaj c0 = copyOf(c);
        Gemm.gemm(false, false, 0.0, a, b, 2.0, c);
        for (int i = 0; i < 40 * 60; i++) {
            assertEquals(2.0 * c0.data[i], c.data[i], 0.0);
        }
    }

    @Test
    void emptyInnerDimensionScalesC() {
        DMatrixRMaj c = new DMatrixRMaj(3, 4);
        Arrays.fill(c.data, 2.0);
        Gemm.gemm(false, false, 1.0, new DMatrixRMaj(3, 0), new DMatrixRMaj(0, 4), 0.5, c);
        for (double v : c.data) {
            assertEquals(1.0, v, 0.0);
        }
    }

    @Test
    void threadsGiveBitIdenticalResults() {
        Random rnd = new Random(11);
        for (int[] s : threadedShapes()) {
            for (int form = 0; form < 4; form++) {
                boolean ta = (form & 1) != 0;
                boolean tb = (form & 2) != 0;
                DMatrixRMaj a = ta ? random(s[2], s[0], rnd) : random(s[0], s[2], rnd);
                DMatrixRMaj b = tb ? random(s[1], s[2], rnd) : random(s[2], s[1], rnd);
                DMatrixRMaj c = random(s[0], s[1], rnd);
                double[] expected = null;
                for (int threads = 1; threads <= 3; threads++) {
                    Gemm.setNumThreads(threads);
                    DMatrixRMaj ct = copyOf(c);
                    Gemm.gemm(ta, tb, 0.5, a, b, 1.0, ct);
                    if (expected == null) {
                        expected = ct.data;
                    } else {
                        assertArrayEquals(expected, ct.data, 0.0, threads + " threads differ from 1 thread for "
                                + Arrays.toString(s) + " transA=" + ta + " transB=" + tb);
                    }
                }
            }
        }
    }

    @Test
    void numThreadsIsASetting() {
        assertEquals(1, Gemm.numThreads());
        Gemm.setNumThreads(2);
        assertEquals(2, Gemm.numThreads());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gemm.setNumThreads(0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertEquals(2, Gemm.numThreads());
    }

    @Test
    void rejectsMismatchedShapes() {
        DMatrixRMaj a = new DMatrixRMaj(2, 3);
        DMatrixRMaj b = new DMatrixRMaj(4, 5);
        DMatrixRMaj c = new DMatrixRMaj(2, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 1.0, a, b, 0.0, c));
        assertEquals("gemm: op(A) is 2x3, op(B) is 4x5, C is 2x5", e.getMessage());
        DMatrixRMaj bt = new DMatrixRMaj(5, 3);
        DMatrixRMaj wrongC = new DMatrixRMaj(5, 2);
        e = assertThrows(IllegalArgumentException.class, () -> Gemm.gemm(false, true, 1.0, a, bt, 0.0, wrongC));
        assertEquals("gemm: op(A) is 2x3, op(B) is 3x5, C is 5x2", e.getMessage());
    }

    @Test
    void rejectsAliasing() {
        DMatrixRMaj a = new DMatrixRMaj(3, 3);
        DMatrixRMaj b = new DMatrixRMaj(3, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 1.0, a, b, 0.0, a));
        assertTrue(e.getMessage().contains("share storage"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gemm.gemm(false, false, 1.0, a, b, 0.0, b));
    }

    @Test
    void runsTheKernelTheJvmAllows() {
        // surefire runs this class twice: with --add-modules jdk.incubator.vector (property "true")
        // and without it (property "false")
        String expected = System.getProperty("nn4j.test.vectorApi");
        boolean present = Gemm.Kernels.vectorApiPresent();
        if (expected != null) {
            assertEquals(Boolean.parseBoolean(expected), present, "jdk.incubator.vector in the boot layer");
        }
        String kernel = Gemm.kernelName();
        assertTrue(kernel.startsWith(present ? "VectorGemmKernel" : "PortableGemmKernel"), kernel);
    }

    @Test
    void choosingTheKernelSaysNothingAtInfoLevel() {
        // issue #15: the Vector API line was an INFO line on every command, even without a large product
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Gemm.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        ch.qos.logback.classic.Level level = log.getLevel();
        boolean additive = log.isAdditive();
        log.setLevel(ch.qos.logback.classic.Level.DEBUG);
        log.setAdditive(false); // the events go to the list only: tests print nothing
        log.addAppender(events);
        try {
            Gemm.Kernels.select();
        } finally {
            log.detachAppender(events);
            log.setAdditive(additive);
            log.setLevel(level);
        }
        assertTrue(events.list.stream().noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO)),
                () -> "logged at INFO or above: " + events.list);
        assertTrue(!events.list.isEmpty(), "the choice is logged at DEBUG");
    }

    private static void check(boolean ta, boolean tb, int m, int n, int k, double alpha, double beta, Random rnd) {
        DMatrixRMaj a = ta ? random(k, m, rnd) : random(m, k, rnd);
        DMatrixRMaj b = tb ? random(n, k, rnd) : random(k, n, rnd);
        DMatrixRMaj c = random(m, n, rnd);
        if (beta == 0.0) {
            Arrays.fill(c.data, 0, m * n, Double.NaN);
        }
        DMatrixRMaj c0 = copyOf(c);
        Gemm.gemm(ta, tb, alpha, a, b, beta, c);
        assertProduct("Gemm.gemm", ta, tb, alpha, a, b, beta, c0, c);
    }
}
