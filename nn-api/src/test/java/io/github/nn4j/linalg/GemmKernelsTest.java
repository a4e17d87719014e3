package io.github.nn4j.linalg;

import static io.github.nn4j.linalg.GemmReference.assertProduct;
import static io.github.nn4j.linalg.GemmReference.copyOf;
import static io.github.nn4j.linalg.GemmReference.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
            // both loop orders on every machine (the default one depends on the vector width)
            for (boolean rowPanels : new boolean[] {false, true}) {
                list.add((GemmKernel) Class.forName("io.github.nn4j.linalg.VectorFloatGemmKernel")
                        .getDeclaredConstructor(int.class, int.class, int.class, boolean.class)
                        .newInstance(7, 2 * f.rowUnit, 2 * f.colUnit, rowPanels));
            }
        }
        return list;
    }

    /**
     * The run with the JVM held to AVX2 ({@code -XX:UseAVX=2}, surefire execution
     * {@code avx2-kernels}) really runs the 6-row tiles: {@code nn4j.test.vectorRows} names the
     * tile height the Vector API kernels must have.
     */
    @Test
    void vectorKernelsHaveTheExpectedTile() throws ReflectiveOperationException {
        String rows = System.getProperty("nn4j.test.vectorRows");
        org.junit.jupiter.api.Assumptions.assumeTrue(rows != null && Gemm.Kernels.vectorApiPresent(),
                "only in the run that names the tile height");
        assertEquals(Integer.parseInt(rows), Gemm.Kernels.newVectorKernel().rowUnit);
        assertEquals(Integer.parseInt(rows), Gemm.Float32Kernel.newVectorKernel().rowUnit);
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

    /**
     * A kernel's own packing (the Vector API kernels load and gather whole panels) writes exactly
     * what the scalar copy writes, edge panels and zero padding included, for both layouts of
     * each operand and an {@code alpha} that is not 1: the results must not depend on which
     * packing ran. Float32 kernels' panels are compared widened to double (exact).
     */
    @Test
    void packingIsTheScalarCopyBitForBit() throws ReflectiveOperationException {
        Random rnd = new Random(4);
        for (GemmKernel kernel : kernels()) {
            if (!(kernel instanceof PackedGemmKernel) && !(kernel instanceof PackedFloatGemmKernel)) {
                continue;
            }
            int mr = kernel.rowUnit;
            int nr = kernel.colUnit;
            for (boolean trans : new boolean[] {false, true}) {
                for (int[] s : new int[][] {{3 * mr, 11, 2}, {2 * mr + 3, 9, 0}, {mr - 1, 5, 1}}) {
                    int rows = s[0];
                    int cols = rows * nr / mr;
                    int depth = s[1];
                    int p0 = s[2];
                    // blocks one row / column into the matrices, `depth` deep from p0
                    DMatrixRMaj a = trans ? random(p0 + depth + 1, rows + 2, rnd) : random(rows + 2, p0 + depth + 1, rnd);
                    DMatrixRMaj b = trans ? random(cols + 2, p0 + depth + 1, rnd) : random(p0 + depth + 1, cols + 2, rnd);
                    for (boolean ofA : new boolean[] {true, false}) {
                        assertArrayEquals(packed(kernel, ofA, false, trans, ofA ? a : b, ofA ? rows : cols, p0, depth),
                                packed(kernel, ofA, true, trans, ofA ? a : b, ofA ? rows : cols, p0, depth), 0.0,
                                kernel + (ofA ? " packA" : " packB") + " trans=" + trans + " " + Arrays.toString(s));
                    }
                }
            }
        }
    }

    /**
     * The packed block of {@code count} rows of A ({@code ofA}) or columns of B from index 1, by
     * the kernel's own packing ({@code own}) or panel by panel with the float64 scalar copy
     * (rounded to float for a float32 kernel, which is what its scalar copy packs); unwritten
     * entries stay NaN.
     */
    private static double[] packed(GemmKernel kernel, boolean ofA, boolean own, boolean trans, DMatrixRMaj m,
                                   int count, int p0, int depth) {
        int unit = ofA ? kernel.rowUnit : kernel.colUnit;
        int size = roundUp(count, unit) * depth;
        double alpha = -0.625;
        double[] dst = new double[size];
        Arrays.fill(dst, Double.NaN);
        if (own && kernel instanceof PackedFloatGemmKernel k) {
            // B packed behind a 5-element offset, as A is not: the offset must only move it
            int off = ofA ? 0 : 5;
            float[] narrow = new float[size + off];
            Arrays.fill(narrow, Float.NaN);
            if (ofA) {
                k.packA(trans, m, alpha, 1, count, p0, depth, narrow);
            } else {
                k.packB(trans, m, p0, depth, 1, count, narrow, off);
            }
            for (int i = 0; i < off; i++) {
                assertEquals(Float.NaN, narrow[i], kernel + " packB wrote before its offset");
            }
            for (int i = 0; i < size; i++) {
                dst[i] = narrow[off + i];
            }
        } else if (own) {
            PackedGemmKernel k = (PackedGemmKernel) kernel;
            if (ofA) {
                k.packA(trans, m, alpha, 1, count, p0, depth, dst);
            } else {
                // packed behind a 3-element offset, then shifted back: the offset must only move it
                double[] shifted = new double[size + 3];
                Arrays.fill(shifted, Double.NaN);
                k.packB(trans, m, p0, depth, 1, count, shifted, 3);
                for (int i = 0; i < 3; i++) {
                    assertEquals(Double.NaN, shifted[i], kernel + " packB wrote before its offset");
                }
                System.arraycopy(shifted, 3, dst, 0, size);
            }
        } else {
            for (int r = 0; r < count; r += unit) {
                int h = Math.min(unit, count - r);
                if (ofA) {
                    PackedGemmKernel.packAPanel(trans, m, alpha, 1 + r, h, p0, depth, unit, dst, r * depth);
                } else {
                    PackedGemmKernel.packBPanel(trans, m, p0, depth, 1 + r, h, unit, dst, r * depth);
                }
            }
            for (int i = 0; kernel instanceof PackedFloatGemmKernel && i < size; i++) {
                dst[i] = (float) dst[i];
            }
        }
        return dst;
    }

    /**
     * The scalar transposing copy behind {@code packAPanel} (rows of A) and {@code packBPanel}
     * ({@code Bᵀ}), which the test above takes as the reference, against its definition: every
     * depth around its steps of four, fewer rows than the panel is wide (zero padding), a scale,
     * and nothing written outside the panel; the float copy rounds the scaled value once.
     */
    @Test
    void transposedPanelsAreTheDefinition() {
        Random rnd = new Random(5);
        int ld = 13;
        int s0 = 2 * ld + 1;
        int base = 3;
        for (int width : new int[] {6, 8}) {
            for (int rows = 1; rows <= width; rows++) {
                for (int kb = 1; kb <= 10; kb++) {
                    double[] src = new double[s0 + width * ld];
                    for (int i = 0; i < src.length; i++) {
                        src[i] = rnd.nextGaussian();
                    }
                    for (double scale : new double[] {1.0, -0.625}) {
                        double[] dst = new double[base + kb * width + 2];
                        float[] fdst = new float[dst.length];
                        Arrays.fill(dst, Double.NaN);
                        Arrays.fill(fdst, Float.NaN);
                        PackedGemmKernel.transposeInto(src, s0, ld, rows, kb, scale, dst, base, width);
                        PackedFloatGemmKernel.transposeInto(src, s0, ld, rows, kb, scale, fdst, base, width);
                        String at = "width " + width + " rows " + rows + " kb " + kb + " scale " + scale;
                        for (int i = 0; i < dst.length; i++) {
                            int q = i - base;
                            boolean inside = q >= 0 && q < kb * width;
                            int p = Math.floorDiv(q, width);
                            int r = Math.floorMod(q, width);
                            double want = !inside ? Double.NaN : r < rows ? scale * src[s0 + r * ld + p] : 0.0;
                            assertEquals(want, dst[i], 0.0, at + " index " + i);
                            assertEquals((float) want, fdst[i], 0.0f, at + " float index " + i);
                        }
                    }
                }
            }
        }
    }

    /**
     * The row-at-a-time packing of an {@code Aᵀ} block (large blocks, {@code ROWS_FIRST_A} rows and
     * more) writes what the panel-by-panel copy writes, partial last panel and zero padding
     * included, in float64 and float32, for blocks that start inside {@code A} and an alpha that is
     * not 1.
     */
    @Test
    void transposedABlockRowsAreThePanels() {
        Random rnd = new Random(6);
        for (int mr : new int[] {6, 8}) {
            for (int mb : new int[] {mr - 1, mr, 2 * mr + 3, 3 * mr, 131}) {
                int i0 = 2;
                int p0 = 3;
                int kb = 11;
                DMatrixRMaj a = random(p0 + kb + 1, i0 + mb + 2, rnd);
                int size = (mb + mr - 1) / mr * mr * kb;
                double[] want = new double[size + 2];
                double[] got = new double[size + 2];
                float[] gotFloat = new float[size + 2];
                float[] wantFloat = new float[size + 2];
                Arrays.fill(want, Double.NaN);
                Arrays.fill(got, Double.NaN);
                Arrays.fill(wantFloat, Float.NaN);
                Arrays.fill(gotFloat, Float.NaN);
                for (int ir = 0; ir < mb; ir += mr) {
                    PackedGemmKernel.packAPanel(true, a, -0.625, i0 + ir, Math.min(mr, mb - ir), p0, kb, mr, want, ir * kb);
                    PackedFloatGemmKernel.packAPanel(true, a, -0.625, i0 + ir, Math.min(mr, mb - ir), p0, kb, mr, wantFloat,
                            ir * kb);
                }
                PackedGemmKernel.packTransposedA(a, -0.625, i0, mb, p0, kb, mr, got);
                PackedFloatGemmKernel.packTransposedA(a, -0.625, i0, mb, p0, kb, mr, gotFloat);
                assertArrayEquals(want, got, 0.0, "mr " + mr + " mb " + mb);
                assertArrayEquals(wantFloat, gotFloat, 0.0f, "float, mr " + mr + " mb " + mb);
            }
        }
    }

    /** Panels of equal depth: as few as {@code kc} allows, never deeper than it, covering {@code k}. */
    @Test
    void panelsShareTheDepthEvenly() {
        assertEquals(100, PackedGemmKernel.panelDepth(100, 192));
        assertEquals(192, PackedGemmKernel.panelDepth(192, 192));
        assertEquals(97, PackedGemmKernel.panelDepth(193, 192));
        assertEquals(157, PackedGemmKernel.panelDepth(784, 192)); // 4 x 157 + 156, not 4 x 192 + 16
        for (int kc : new int[] {7, 64, 192}) {
            for (int k = 1; k <= 5 * kc; k++) {
                int depth = PackedGemmKernel.panelDepth(k, kc);
                int panels = (k + depth - 1) / depth;
                int last = k - (panels - 1) * depth;
                assertEquals((k + kc - 1) / kc, panels, "k=" + k + " kc=" + kc);
                assertEquals(true, depth <= kc && last >= 1 && depth - last < panels, "k=" + k + " kc=" + kc);
            }
        }
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
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
