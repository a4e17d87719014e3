package io.github.nn4j.linalg;

import static io.github.nn4j.linalg.GemmReference.assertProduct;
import static io.github.nn4j.linalg.GemmReference.copyOf;
import static io.github.nn4j.linalg.GemmReference.float32Tolerance;
import static io.github.nn4j.linalg.GemmReference.random;
import static io.github.nn4j.linalg.GemmReference.threadedShapes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Gemm#setPrecision} / {@link Gemm#withPrecision}: float32 products and the setting itself. */
@SuppressWarnings("try") // scopes held only for their effect on this thread
class GemmPrecisionTest {

    private static final double[] BETAS = {0.0, 1.0, -0.75};

    @AfterEach
    void reset() {
        Gemm.setPrecision(Precision.FLOAT64);
        Gemm.setNumThreads(1);
    }

    @Test
    void float32ProductsMatchTheTripleLoopToTheFloatBound() {
        Gemm.setPrecision(Precision.FLOAT32);
        Random rnd = new Random(17);
        int[][] shapes = {{1, 1, 1}, {3, 5, 2}, {8, 8, 8}, {31, 33, 32}, {64, 10, 256}, {65, 47, 129},
            {300, 3, 100}, {129, 130, 17}, {97, 257, 203}, {9, 1001, 77}, {263, 41, 601}};
        for (int[] s : shapes) {
            for (int form = 0; form < 4; form++) {
                boolean ta = (form & 1) != 0;
                boolean tb = (form & 2) != 0;
                for (double beta : BETAS) {
                    double alpha = beta == 1.0 ? -0.75 : 1.5;
                    DMatrixRMaj a = ta ? random(s[2], s[0], rnd) : random(s[0], s[2], rnd);
                    DMatrixRMaj b = tb ? random(s[1], s[2], rnd) : random(s[2], s[1], rnd);
                    DMatrixRMaj c = random(s[0], s[1], rnd);
                    if (beta == 0.0) {
                        Arrays.fill(c.data, 0, s[0] * s[1], Double.NaN);
                    }
                    DMatrixRMaj c0 = copyOf(c);
                    Gemm.gemm(ta, tb, alpha, a, b, beta, c);
                    assertProduct("float32 Gemm.gemm", ta, tb, alpha, a, b, beta, c0, c, float32Tolerance(s[2]));
                }
            }
        }
    }

    @Test
    void float32RunsTheFloatKernelWhenTheVectorApiIsPresent() {
        Random rnd = new Random(5);
        DMatrixRMaj a = random(200, 300, rnd);
        DMatrixRMaj b = random(300, 190, rnd);
        DMatrixRMaj c64 = new DMatrixRMaj(200, 190);
        DMatrixRMaj c32 = new DMatrixRMaj(200, 190);
        Gemm.gemm(false, false, 1.0, a, b, 0.0, c64);
        double maxRel = 0;
        try (Gemm.Scope s = Gemm.withPrecision(Precision.FLOAT32)) {
            Gemm.gemm(false, false, 1.0, a, b, 0.0, c32);
            assertTrue(Gemm.kernelName().startsWith(Gemm.Kernels.vectorApiPresent() ? "VectorFloatGemmKernel"
                    : "PortableGemmKernel"), Gemm.kernelName());
        }
        for (int i = 0; i < 200 * 190; i++) {
            maxRel = Math.max(maxRel, Math.abs(c32.data[i] - c64.data[i]) / Math.max(1e-300, Math.abs(c64.data[i])));
        }
        if (Gemm.Kernels.vectorApiPresent()) {
            // rounded operands: far from float64's last bits, far within float's precision on average
            assertTrue(maxRel > 1e-9, "float32 gave float64's numbers: max relative difference " + maxRel);
        } else {
            assertEquals(0.0, maxRel, "without the Vector API float32 products run in float64");
        }
    }

    @Test
    void float32ResultsDoNotDependOnTheThreadCount() {
        Gemm.setPrecision(Precision.FLOAT32);
        Random rnd = new Random(23);
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
    void theDefaultIsFloat64AndScopesNestAndRestore() {
        assertEquals(Precision.FLOAT64, Gemm.precision());
        try (Gemm.Scope outer = Gemm.withPrecision(Precision.FLOAT32)) {
            assertEquals(Precision.FLOAT32, Gemm.precision());
            try (Gemm.Scope inner = Gemm.withPrecision(Precision.FLOAT64)) {
                assertEquals(Precision.FLOAT64, Gemm.precision());
            }
            assertEquals(Precision.FLOAT32, Gemm.precision());
            Gemm.setPrecision(Precision.FLOAT64);
            assertEquals(Precision.FLOAT32, Gemm.precision(), "a scope wins over the process-wide setting");
        }
        assertEquals(Precision.FLOAT64, Gemm.precision());
        Gemm.Scope once = Gemm.withPrecision(Precision.FLOAT32);
        Gemm.Scope twice = once;
        once.close();
        twice.close(); // idempotent: a second close must not restore anything else
        assertEquals(Precision.FLOAT64, Gemm.precision());
        Gemm.setPrecision(Precision.FLOAT32);
        assertEquals(Precision.FLOAT32, Gemm.precision());
    }

    @Test
    void aScopeBelongsToItsThread() throws InterruptedException {
        AtomicReference<Precision> seen = new AtomicReference<>();
        try (Gemm.Scope s = Gemm.withPrecision(Precision.FLOAT32)) {
            Thread t = new Thread(() -> seen.set(Gemm.precision()));
            t.start();
            t.join();
        }
        assertEquals(Precision.FLOAT64, seen.get());
    }

    @Test
    void nullPrecisionIsRejected() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Gemm.setPrecision(null));
        assertEquals("Gemm.setPrecision: precision is null", e.getMessage());
        assertThrows(NullPointerException.class, () -> Gemm.withPrecision(null));
        assertEquals(Precision.FLOAT64, Gemm.precision());
    }
}
