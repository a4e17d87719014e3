package io.github.nn4j.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.ejml.data.DMatrixRMaj;

/**
 * Runs a {@link GemmKernel} over all of {@code C}, split over threads.
 *
 * <p>{@code C} is cut into chunks of columns (when {@code n >= m}) or rows, up to two per thread
 * and at least {@value #MIN_CHUNK} wide when possible, that start on multiples of the kernel's {@link GemmKernel#colUnit} / {@link GemmKernel#rowUnit};
 * the threads take chunks from a shared counter until none is left. {@code K} is never split:
 * each element is still summed in the same order whichever thread computes it, so the result does
 * not depend on the number of threads, bit for bit.
 */
final class BlockedGemm {

    /** Chunks of {@code C} per thread at most (load balancing on a shared machine). */
    private static final int CHUNKS_PER_THREAD = 2;
    /**
     * Smallest chunk, in rows or columns, unless there are fewer than one per thread: each chunk
     * packs the whole other operand again ({@code op(A)} for column chunks), which must stay small
     * next to the chunk's arithmetic.
     */
    private static final int MIN_CHUNK = 256;

    private BlockedGemm() {
    }

    /**
     * {@code C += alpha * op(A) * op(B)} (the caller has applied {@code beta} and checked shapes).
     *
     * @param kernel the blocked algorithm
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param alpha the factor of the product
     * @param a the left matrix, not modified
     * @param b the right matrix, not modified
     * @param c the result, modified
     * @param pool the workers for parts beyond the first, or {@code null}
     * @param parts how many ranges of {@code C} to compute in parallel ({@code 1} = this thread only)
     */
    static void multiplyAdd(GemmKernel kernel, boolean transA, boolean transB, double alpha,
                            DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, ExecutorService pool, int parts) {
        int m = c.numRows;
        int n = c.numCols;
        int k = transA ? a.numRows : a.numCols;
        if (m == 0 || n == 0 || k == 0) {
            return;
        }
        boolean splitColumns = n >= m;
        int unit = splitColumns ? kernel.colUnit : kernel.rowUnit;
        int extent = splitColumns ? n : m;
        int units = (extent + unit - 1) / unit;
        int p = Math.min(parts, units);
        if (p <= 1 || pool == null) {
            kernel.multiplyAdd(transA, transB, alpha, a, b, c, 0, m, 0, n);
            return;
        }
        // more chunks than threads, taken from a shared counter: a thread slowed down by other
        // processes takes fewer chunks instead of holding everyone up
        int chunks = Math.min(units, Math.max(p, Math.min(p * CHUNKS_PER_THREAD, extent / MIN_CHUNK)));
        int[] bounds = new int[chunks + 1];
        for (int t = 0; t <= chunks; t++) {
            bounds[t] = Math.min(extent, (int) ((long) units * t / chunks) * unit);
        }
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int t = next.getAndIncrement(); t < chunks; t = next.getAndIncrement()) {
                runPart(kernel, transA, transB, alpha, a, b, c, splitColumns, bounds[t], bounds[t + 1]);
            }
        };
        List<Future<?>> futures = new ArrayList<>(p - 1);
        for (int t = 1; t < p; t++) {
            futures.add(pool.submit(work));
        }
        work.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("gemm: interrupted while waiting for a worker", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("gemm: a worker failed", e.getCause());
            }
        }
    }

    private static void runPart(GemmKernel kernel, boolean transA, boolean transB, double alpha,
                                DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c, boolean splitColumns, int lo, int hi) {
        if (splitColumns) {
            kernel.multiplyAdd(transA, transB, alpha, a, b, c, 0, c.numRows, lo, hi);
        } else {
            kernel.multiplyAdd(transA, transB, alpha, a, b, c, lo, hi, 0, c.numCols);
        }
    }
}
