package io.github.nn4j.linalg;

import static io.github.nn4j.linalg.GemmReference.assertProduct;
import static io.github.nn4j.linalg.GemmReference.copyOf;
import static io.github.nn4j.linalg.GemmReference.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockedGemm} with each micro-kernel, called directly (the facade would send small shapes
 * to EJML): the portable kernel always, the Vector API kernel when its module is present (always
 * under surefire), each with its tuned blocking and with a tiny blocking that makes every loop
 * run several blocks on small shapes; the float32 kernel likewise, to its float rounding bound.
 */
class GemmKernelsTest {

    private static ExecutorService pool;

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(3);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdown();
    }

    static List<GemmKernel> kernels() throws ReflectiveOperationException {
        List<GemmKernel> list = new ArrayList<>();
        list.add(new PortableGemmKernel());
        list.add(new PortableGemmKernel(6, 9));
        if (Gemm.Kernels.vectorApiPresent()) {
            GemmKernel v = Gemm.Kernels.newVectorKernel();
            list.add(v);
            list.add((GemmKernel) Class.forName("io.github.nn4j.linalg.VectorGemmKernel")
                    .getDeclaredConstructor(int.class, int.class, int.class)
                    .newInstance(7, 2 * v.rowUnit, 2 * v.colUnit));
            GemmKernel f = Gemm.Float32Kernel.newVectorKernel();
            list.add(f);
            list.add((GemmKernel) Class.forName("io.github.nn4j.linalg.VectorFloatGemmKernel")
                    .getDeclaredConstructor(int.class, int.class, int.class)
                    .newInstance(7, 2 * f.rowUnit, 2 * f.colUnit));
        }
        return list;
    }

    /** The bound each kernel must meet: float64 kernels 1e-12, the float32 kernel its rounding bound. */
    private static double tolerance(GemmKernel kernel, int k) {
        return kernel instanceof PackedFloatGemmKernel ? GemmReference.float32Tolerance(k) : 1e-12;
    }

    @Test
    void sizesAroundEveryBlockSize() throws ReflectiveOperationException {
        Random rnd = new Random(1);
        for (GemmKernel kernel : kernels()) {
            TreeSet<Integer> sizes = new TreeSet<>(List.of(1, 2, 3));
            for (int block : kernel.blockSizes()) {
                for (int d = -1; d <= 1; d++) {
                    sizes.add(Math.max(1, block + d));
                }
            }
            // one dimension sweeps the sizes, the other two stay small and odd
            for (int s : sizes) {
                int form = rnd.nextInt(4);
                check(kernel, form, s, 3, 5, rnd);
                check(kernel, form, 5, s, 3, rnd);
                check(kernel, form, 3, 5, s, rnd);
            }
        }
    }

    @Test
    void randomShapesAllForms() throws ReflectiveOperationException {
        Random rnd = new Random(2);
        for (GemmKernel kernel : kernels()) {
            for (int form = 0; form < 4; form++) {
                for (int t = 0; t < 12; t++) {
                    check(kernel, form, 1 + rnd.nextInt(70), 1 + rnd.nextInt(70), 1 + rnd.nextInt(70), rnd);
                }
                check(kernel, form, 1 + rnd.nextInt(300), 1 + rnd.nextInt(300), 1 + rnd.nextInt(300), rnd);
            }
        }
    }

    @Test
    void threadsGiveBitIdenticalResults() throws ReflectiveOperationException {
        Random rnd = new Random(3);
        int[][] shapes = {{37, 301, 45}, {301, 37, 45}, {130, 129, 270}, {5, 40, 9}};
        for (GemmKernel kernel : kernels()) {
            for (int[] s : shapes) {
                for (int form = 0; form < 4; form++) {
                    boolean ta = (form & 1) != 0;
                    boolean tb = (form & 2) != 0;
                    DMatrixRMaj a = ta ? random(s[2], s[0], rnd) : random(s[0], s[2], rnd);
                    DMatrixRMaj b = tb ? random(s[1], s[2], rnd) : random(s[2], s[1], rnd);
                    DMatrixRMaj c = random(s[0], s[1], rnd);
                    DMatrixRMaj single = copyOf(c);
                    BlockedGemm.multiplyAdd(kernel, ta, tb, -1.25, a, b, single, null, 1);
                    for (int parts = 2; parts <= 4; parts++) {
                        DMatrixRMaj multi = copyOf(c);
                        BlockedGemm.multiplyAdd(kernel, ta, tb, -1.25, a, b, multi, pool, parts);
                        assertArrayEquals(single.data, multi.data, 0.0, kernel + " with " + parts + " parts, "
                                + Arrays.toString(s) + " transA=" + ta + " transB=" + tb);
                    }
                }
            }
        }
    }

    /** {@code C += alpha op(A) op(B)} through the blocked driver, against the triple loop. */
    private static void check(GemmKernel kernel, int form, int m, int n, int k, Random rnd) {
        boolean ta = (form & 1) != 0;
        boolean tb = (form & 2) != 0;
        DMatrixRMaj a = ta ? random(k, m, rnd) : random(m, k, rnd);
        DMatrixRMaj b = tb ? random(n, k, rnd) : random(k, n, rnd);
        DMatrixRMaj c = random(m, n, rnd);
        DMatrixRMaj c0 = copyOf(c);
        double alpha = rnd.nextBoolean() ? 1.0 : -0.625;
        BlockedGemm.multiplyAdd(kernel, ta, tb, alpha, a, b, c, null, 1);
        assertProduct(kernel.toString(), ta, tb, alpha, a, b, 1.0, c0, c, tolerance(kernel, k));
    }
}
