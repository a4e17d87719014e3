package io.github.nn4j.examples.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.ejml.data.DMatrixRMaj;

import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.linalg.Precision;

/**
 * A quick GEMM benchmark for the command line ({@code nn4j bench gemm}): for each shape one line
 * with the shape, GFLOPS through the {@link Gemm} facade, GFLOPS of plain EJML, and their ratio.
 *
 * <p>Method: per shape both variants are warmed up, then timed alternately in rounds of about
 * {@code seconds / 10}; the best round of each counts (the least disturbed by other processes).
 * The JMH benchmark {@link GemmBenchmark} measures the same products more carefully.
 *
 * <p>Run it with {@code --add-modules jdk.incubator.vector} to measure the Vector API kernel.
 */
public final class GemmBench {

    private GemmBench() {
    }

    /**
     * Benchmarks the three key wide shapes and every workload shape with the current
     * {@link Gemm#numThreads()}, about 0.6 s per shape.
     *
     * @param out where the table goes
     */
    public static void run(PrintStream out) {
        run(out, GemmShape.WORKLOADS, 0.6);
    }

    /**
     * Benchmarks the given shapes.
     *
     * @param out where the table goes
     * @param shapes the products to time
     * @param seconds the approximate measuring time per shape and variant
     */
    public static void run(PrintStream out, List<GemmShape> shapes, double seconds) {
        out.printf(Locale.ROOT, "GEMM, %d thread(s), kernel %s%n", Gemm.numThreads(), Gemm.kernelName());
        out.printf(Locale.ROOT, "%-22s %-17s %10s %10s %7s%n", "product", "MxNxK:form", "nn4j GF/s", "EJML GF/s",
                "ratio");
        warmUp(shapes, (long) (Math.min(2.0, Math.max(0.05, 3 * seconds)) * 1e9));
        for (GemmShape s : shapes) {
            double[] gflops = measure(s, seconds);
            out.printf(Locale.ROOT, "%-22s %-17s %10.2f %10.2f %7.2f%n", s.name(), s.spec(), gflops[0], gflops[1],
                    gflops[0] / gflops[1]);
        }
    }

    /**
     * Times one shape: the facade and EJML alternately.
     *
     * @param s the product
     * @param seconds the approximate measuring time per variant
     * @return {@code {facade GFLOPS, EJML GFLOPS}}, best rounds
     */
    public static double[] measure(GemmShape s, double seconds) {
        DMatrixRMaj[] ops = s.operands(42);
        long roundNanos = Math.max(1_000_000L, (long) (seconds * 1e8));
        // calibrate: how many products fill a round
        int r = productsPerRound(s, ops, roundNanos);
        time(s, ops, r, false);
        double bestFast = Double.MAX_VALUE;
        double bestEjml = Double.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            bestFast = Math.min(bestFast, time(s, ops, r, true) / (double) r);
            bestEjml = Math.min(bestEjml, time(s, ops, r, false) / (double) r);
        }
        return new double[] {s.flops() / bestFast, s.flops() / bestEjml};
    }

    /**
     * Thread scaling: for each shape the facade on one thread and on {@code threads} threads,
     * timed alternately in rounds of about 50 ms (so both see the same disturbances of a shared
     * machine), best round of each; one line per shape with both GFLOPS and the speedup. Restores
     * {@link Gemm#numThreads()} afterwards.
     *
     * @param out where the table goes
     * @param shapes the products to time
     * @param seconds the approximate measuring time per shape and thread count
     * @param threads the thread count compared with one, at least 2
     * @throws IllegalArgumentException if {@code threads < 2}
     */
    public static void scaling(PrintStream out, List<GemmShape> shapes, double seconds, int threads) {
        if (threads < 2) {
            throw new IllegalArgumentException("GemmBench.scaling: compare at least 2 threads with 1, got " + threads);
        }
        int before = Gemm.numThreads();
        try {
            out.printf(Locale.ROOT, "GEMM thread scaling, kernel %s%n", Gemm.kernelName());
            out.printf(Locale.ROOT, "%-22s %-17s %10s %10s %8s%n", "product", "MxNxK:form", "1 thr GF/s",
                    threads + " thr GF/s", "speedup");
            Gemm.setNumThreads(threads);
            warmUp(shapes, (long) (Math.min(2.0, Math.max(0.05, 3 * seconds)) * 1e9));
            for (GemmShape s : shapes) {
                DMatrixRMaj[] ops = s.operands(42);
                // many short rounds: on a shared machine the best of each variant is then more
                // likely to come from an undisturbed stretch
                int rounds = (int) Math.max(10, Math.min(1000, Math.round(seconds / 0.05)));
                long roundNanos = Math.max(1_000_000L, (long) (seconds * 1e9 / rounds));
                Gemm.setNumThreads(1);
                int r = productsPerRound(s, ops, roundNanos);
                double bestOne = Double.MAX_VALUE;
                double bestMany = Double.MAX_VALUE;
                for (int round = 0; round < rounds; round++) {
                    Gemm.setNumThreads(1);
                    bestOne = Math.min(bestOne, time(s, ops, r, true) / (double) r);
                    Gemm.setNumThreads(threads);
                    bestMany = Math.min(bestMany, time(s, ops, r, true) / (double) r);
                }
                out.printf(Locale.ROOT, "%-22s %-17s %10.2f %10.2f %8.2f%n", s.name(), s.spec(), s.flops() / bestOne,
                        s.flops() / bestMany, bestOne / bestMany);
            }
        } finally {
            Gemm.setNumThreads(before);
        }
    }

    /**
     * float32 against float64: for each shape the facade in {@link Precision#FLOAT64} and in
     * {@link Precision#FLOAT32}, timed alternately in rounds of about 50 ms (so both see the same
     * disturbances of a shared machine), best round of each; one line per shape with both GFLOPS,
     * the speed-up and the largest error of the float32 result relative to
     * {@code max |C64|}. Restores the precision afterwards.
     *
     * @param out where the table goes
     * @param shapes the products to time
     * @param seconds the approximate measuring time per shape and precision
     */
    public static void precisionSpeedup(PrintStream out, List<GemmShape> shapes, double seconds) {
        Precision before = Gemm.precision();
        try {
            Gemm.setPrecision(Precision.FLOAT32);
            String kernel32 = Gemm.kernelName();
            Gemm.setPrecision(Precision.FLOAT64);
            out.printf(Locale.ROOT, "GEMM float32 vs float64, %d thread(s), kernels %s / %s%n", Gemm.numThreads(),
                    Gemm.kernelName(), kernel32);
            out.printf(Locale.ROOT, "%-22s %-17s %10s %10s %8s %10s%n", "product", "MxNxK:form", "f64 GF/s",
                    "f32 GF/s", "speedup", "rel.err");
            for (Precision p : Precision.values()) {
                Gemm.setPrecision(p);
                warmUp(shapes, (long) (Math.min(2.0, Math.max(0.05, 3 * seconds)) * 1e9));
            }
            for (GemmShape s : shapes) {
                DMatrixRMaj[] ops = s.operands(42);
                int rounds = (int) Math.max(10, Math.min(1000, Math.round(seconds / 0.05)));
                long roundNanos = Math.max(1_000_000L, (long) (seconds * 1e9 / rounds));
                Gemm.setPrecision(Precision.FLOAT64);
                int r = productsPerRound(s, ops, roundNanos);
                double best64 = Double.MAX_VALUE;
                double best32 = Double.MAX_VALUE;
                for (int round = 0; round < rounds; round++) {
                    Gemm.setPrecision(Precision.FLOAT64);
                    best64 = Math.min(best64, time(s, ops, r, true) / (double) r);
                    Gemm.setPrecision(Precision.FLOAT32);
                    best32 = Math.min(best32, time(s, ops, r, true) / (double) r);
                }
                out.printf(Locale.ROOT, "%-22s %-17s %10.2f %10.2f %8.2f %10.1e%n", s.name(), s.spec(),
                        s.flops() / best64, s.flops() / best32, best64 / best32, relativeError(s));
            }
        } finally {
            Gemm.setPrecision(before);
        }
    }

    /** {@code max |C32 - C64| / max |C64|} of one product with {@code beta = 0} on fresh operands. */
    private static double relativeError(GemmShape s) {
        GemmShape fresh = new GemmShape(s.name(), s.m(), s.n(), s.k(), s.transA(), s.transB(), 0.0);
        DMatrixRMaj[] ops = fresh.operands(7);
        Gemm.setPrecision(Precision.FLOAT64);
        fresh.runFacade(ops);
        double[] c64 = ops[2].data.clone();
        Gemm.setPrecision(Precision.FLOAT32);
        fresh.runFacade(ops);
        double[] c32 = ops[2].data;
        double maxDiff = 0;
        double maxAbs = 0;
        for (int i = 0; i < s.m() * s.n(); i++) {
            maxDiff = Math.max(maxDiff, Math.abs(c32[i] - c64[i]));
            maxAbs = Math.max(maxAbs, Math.abs(c64[i]));
        }
        return maxDiff / maxAbs;
    }

    /**
     * Command-line entry: {@code GemmBench [threads [seconds [MxNxK:form ...]]]}; without shapes
     * it runs {@link GemmShape#WORKLOADS}.
     *
     * @param args optional thread count, seconds per shape and shapes
     */
    public static void main(String[] args) {
        if (args.length > 0) {
            Gemm.setNumThreads(Integer.parseInt(args[0]));
        }
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 0.6;
        List<GemmShape> shapes = GemmShape.WORKLOADS;
        if (args.length > 2) {
            java.util.ArrayList<GemmShape> list = new java.util.ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                String[] spec = args[i].split("/");
                list.add(GemmShape.parse("arg " + (i - 1), spec[0], spec.length > 1 ? Double.parseDouble(spec[1]) : 0));
            }
            shapes = list;
        }
        run(System.out, shapes, seconds);
    }

    /** Compiles the kernels on every form before anything is timed. */
    private static void warmUp(List<GemmShape> shapes, long nanos) {
        long end = System.nanoTime() + nanos;
        for (GemmShape s : shapes) {
            GemmShape small = new GemmShape(s.name(), Math.min(s.m(), 96), Math.min(s.n(), 96), Math.min(s.k(), 96),
                    s.transA(), s.transB(), s.beta());
            DMatrixRMaj[] ops = small.operands(1);
            long shapeEnd = Math.min(end, System.nanoTime() + nanos / shapes.size());
            while (System.nanoTime() < shapeEnd) {
                small.runFacade(ops);
                small.runEjml(ops);
            }
        }
    }

    /** How many facade products fill a round of {@code roundNanos} (calibrated by doubling). */
    private static int productsPerRound(GemmShape s, DMatrixRMaj[] ops, long roundNanos) {
        int reps = 1;
        while (time(s, ops, reps, true) < roundNanos / 4 && reps < (1 << 24)) {
            reps *= 2;
        }
        long perRound = Math.max(1, (long) reps * roundNanos / Math.max(1, time(s, ops, reps, true)));
        return (int) Math.min(Integer.MAX_VALUE, perRound);
    }

    private static long time(GemmShape s, DMatrixRMaj[] ops, int reps, boolean facade) {
        long start = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            if (facade) {
                s.runFacade(ops);
            } else {
                s.runEjml(ops);
            }
        }
        return System.nanoTime() - start;
    }
}
