package io.github.nn4j.linalg;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The measuring tool behind the EJML/blocked thresholds of each kernel ({@link GemmKernel#beatsEjml}),
 * not a test: for each form and depth {@code k} it prints a grid of speed ratios
 * (blocked kernel / EJML, {@code > 1} means the kernel wins) over rows {@code m} and columns
 * {@code n}. Times are the calling thread's CPU time (best of 5 rounds), so that other processes
 * on a shared machine disturb the ratio less.
 *
 * <p>Run from the worktree root after {@code mvn -pl nn-api -am test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector \
 *   -cp nn-api/target/classes:nn-api/target/test-classes:$(cat cp.txt) \
 *   io.github.nn4j.linalg.GemmThresholdSweep vector|portable
 * </pre>
 * where {@code cp.txt} comes from {@code mvn -pl nn-api dependency:build-classpath -Dmdep.outputFile=cp.txt}.
 */
final class GemmThresholdSweep {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int[] SIDES = {1, 2, 4, 8, 16, 32, 64, 256};
    private static final int[] DEPTHS = {1, 2, 4, 8, 64, 512};

    private GemmThresholdSweep() {
    }

    /**
     * Prints the ratio grids.
     *
     * @param args {@code vector} or {@code portable}
     * @throws ReflectiveOperationException if the vector kernel cannot be created
     */
    public static void main(String[] args) throws ReflectiveOperationException {
        GemmKernel kernel = args.length > 0 && args[0].equals("portable") ? new PortableGemmKernel()
                : Gemm.Kernels.newVectorKernel();
        sweep(kernel, System.out);
    }

    static void sweep(GemmKernel kernel, PrintStream out) {
        Random rnd = new Random(1);
        // warm-up: compile every path of both implementations before measuring
        for (int form = 0; form < 4; form++) {
            for (int s : new int[] {3, 17, 70}) {
                ratio(kernel, (form & 1) != 0, (form & 2) != 0, s, s, s, rnd);
            }
        }
        out.println(kernel);
        for (int form = 0; form < 4; form++) {
            boolean ta = (form & 1) != 0;
            boolean tb = (form & 2) != 0;
            for (int k : DEPTHS) {
                out.printf(Locale.ROOT, "%s k=%d, rows m down, columns n across%n", (ta ? "T" : "N") + (tb ? "T" : "N"), k);
                out.print("        ");
                for (int n : SIDES) {
                    out.printf(Locale.ROOT, "%7d", n);
                }
                out.println();
                for (int m : SIDES) {
                    out.printf(Locale.ROOT, "  m=%3d ", m);
                    for (int n : SIDES) {
                        out.printf(Locale.ROOT, "%7.2f", ratio(kernel, ta, tb, m, n, k, rnd));
                    }
                    out.println();
                }
            }
        }
    }

    private static double ratio(GemmKernel kernel, boolean ta, boolean tb, int m, int n, int k, Random rnd) {
        DMatrixRMaj a = ta ? GemmReference.random(k, m, rnd) : GemmReference.random(m, k, rnd);
        DMatrixRMaj b = tb ? GemmReference.random(n, k, rnd) : GemmReference.random(k, n, rnd);
        a.data = java.util.Arrays.copyOf(a.data, m * k);
        b.data = java.util.Arrays.copyOf(b.data, k * n);
        DMatrixRMaj c = new DMatrixRMaj(m, n);
        Runnable blocked = () -> BlockedGemm.multiplyAdd(kernel, ta, tb, 1.0, a, b, c, null, 1);
        Runnable ejml = () -> {
            if (!ta && !tb) {
                CommonOps_DDRM.multAdd(a, b, c);
            } else if (ta && !tb) {
                CommonOps_DDRM.multAddTransA(a, b, c);
            } else if (!ta) {
                CommonOps_DDRM.multAddTransB(a, b, c);
            } else {
                CommonOps_DDRM.multAddTransAB(a, b, c);
            }
        };
        int reps = Math.max(1, (int) Math.min(1 << 20, 2_000_000L / Math.max(1L, (long) m * n * k)));
        double best1 = Double.MAX_VALUE;
        double best2 = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            double t1 = time(blocked, reps);
            double t2 = time(ejml, reps);
            if (round > 0) {
                best1 = Math.min(best1, t1);
                best2 = Math.min(best2, t2);
            }
        }
        return best2 / best1;
    }

    private static double time(Runnable r, int reps) {
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
            r.run();
        }
        return CPU.getCurrentThreadCpuTime() - start;
    }
}
