package io.github.nn4j.linalg;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one matrix-product facade every layer multiplies through:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or its transpose
 * (BLAS {@code dgemm} on EJML row-major matrices).
 *
 * <p>Only {@code C} is modified. {@code beta == 0} overwrites {@code C} (its old contents, even
 * NaN, are ignored); {@code beta == 1} accumulates into it, which {@code accGradParameters}
 * needs. As in BLAS, {@code alpha == 0} only scales {@code C} (the operands are not read).
 * {@code C} must already have the result's shape and must not share storage with {@code A} or
 * {@code B}. Only the first {@code rows * cols} entries of each {@code data} array are used.
 *
 * <h2>Kernels</h2>
 * Thin products the blocked kernel rejects (one of {@code m, n} at most 4 and the other at least
 * 16, or {@code k <= 4} with {@code n >= 16}; not {@code Aᵀ·Bᵀ}) go to plain vectorisable loops
 * ({@code SmallGemm}, 1.4–9× EJML on the tiny MLP's products), the remaining small ones to EJML
 * ({@code CommonOps_DDRM}); the others to a cache-blocked kernel ({@code BlockedGemm}), one of
 * <ul>
 *   <li>{@code VectorGemmKernel}: Goto/BLIS packing ({@code PackedGemmKernel}) around an 8 × 16
 *       (AVX-512) or 6 × 8 (AVX2) register-blocked Vector API micro-kernel, blocked for the
 *       machine's caches ({@code jdk.incubator.vector}), when the JVM runs
 *       with {@code --add-modules jdk.incubator.vector};</li>
 *   <li>{@code PortableGemmKernel}: plain loops that C2 auto-vectorises, otherwise (an info line in
 *       the log says how to get the faster kernel).</li>
 * </ul>
 * The kernel is chosen once, on first use, and logged at debug level.
 *
 * <p>Measured on a 2-core AVX-512 Xeon, Java 17, one thread (EJML 2.6–4.5 GFLOPS on these
 * shapes): the vector kernel runs the wide network's {@code 256×1024×784 A·Bᵀ},
 * {@code 1024×784×256 Aᵀ·B} and {@code 256×1024×1024 A·B} at 49–55 GFLOPS (13–20× EJML), the
 * portable kernel at 17–23 GFLOPS (6–9×); two threads gave 1.7–2.0× one thread while the shared
 * host was quiet (98–106 GFLOPS) and 1.2–1.9× while other tenants disturbed it. Which shapes go
 * to EJML depends on the shape only (never on the thread count) through each kernel's measured
 * thresholds ({@code GemmKernel.beatsEjml}): the vector kernel needs {@code m, n >= 8} and {@code k >= 2},
 * the portable one {@code m >= 4}, {@code n >= 16}, {@code k >= 4}; below them EJML was faster on
 * some transposition form (the measuring tool is {@code GemmThresholdSweep} in the tests), except
 * for large thin products: one side of 5–7 with {@code m·n·k >= 2^16} (LeNet's 6-plane
 * convolution, {@code 6×2352×25}) runs on the blocked kernel at 2.4–2.9× EJML, its partial tile
 * notwithstanding.
 *
 * <h2>Threads</h2>
 * {@link #setNumThreads(int)} is the one knob, like Torch's {@code torch.setnumthreads}; the
 * default is 1. Products of at least {@code 2^24} multiply-adds (e.g. {@code 256 × 256 × 256})
 * that go to the blocked kernel split {@code C} into chunks of rows or columns, never the inner
 * dimension, so the result is bit-for-bit the same for any number of threads.
 *
 * <h2>Precision</h2>
 * {@link #setPrecision(Precision)} sets the process-wide arithmetic of the blocked products, and
 * {@link #withPrecision(Precision)} overrides it for the calling thread until the returned
 * {@link Scope} is closed. The default, {@link Precision#FLOAT64}, gives Torch's
 * {@code DoubleTensor} numbers. With {@link Precision#FLOAT32} and the Vector API kernel, the
 * products that go to the blocked kernel pack their operands as {@code float} and run a
 * {@code float} micro-kernel with twice the lanes ({@code VectorFloatGemmKernel}, an 8 × 32 tile on
 * AVX-512), writing the result back to the {@code double} output; the small products (SmallGemm,
 * EJML) and the portable kernel stay {@code double}, which is only more accurate. The precision is
 * read once per product on the calling thread (the worker threads of that product use the same
 * kernel), so changing it while other threads multiply affects only their later products. In
 * float32 mode an element of {@code C} is within {@code (min(k, kc) + 5) · 2^-24} of
 * {@code |alpha| · sum_p |a_ip b_pj|} of the exact value (operands rounded to float, one rounding
 * per fused multiply-add of a panel, panels added in double; the bound the tests check), and on the
 * MLP workloads' shapes {@code max |C32 − C64|} was 1.4e-7 to 7.5e-7 of {@code max |C|}; results
 * are still bit-for-bit the same for any number of threads.
 */
public final class Gemm {

    private static final Logger LOG = LoggerFactory.getLogger(Gemm.class);

    /**
     * Minimum {@code m * n * k} before a product is split over threads ({@code 2^24}, e.g.
     * {@code 256 × 256 × 256}). Handing work to a parked worker and waiting for it was measured at
     * 5–10 µs at best and 20–90 µs on average on the shared 2-core machine. The bound was
     * {@code 2^23} until the MNIST MLP's {@code 64 × 256 × 784} products (12.8 million
     * multiply-adds, 1.1–1.3× faster on two threads in isolation) were seen to make
     * {@code nn4j train mnist} slower on two threads than on one: 6.38 against 5.70 s in float32 and
     * 6.52 against 6.08 s in float64 (means of 4 and 3 alternating runs, issue #19), the first
     * epoch most of all, where the second core also serves the JIT compiler. The wide MLP's
     * products (from {@code 256 × 1024 × 784}, 205 million) still split.
     */
    static final long MIN_THREADED_VOLUME = 1L << 24;

    private static final Object POOL_LOCK = new Object();
    private static volatile int numThreads = 1;
    private static volatile Precision precision = Precision.FLOAT64;
    /** A thread's {@link #withPrecision} override, or {@code null}. */
    private static final ThreadLocal<Precision> SCOPED = new ThreadLocal<>();
    private static ExecutorService pool;

    private Gemm() {
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}.
     *
     * @param transA whether {@code op(A) = Aᵀ}
     * @param transB whether {@code op(B) = Bᵀ}
     * @param alpha the factor of the product
     * @param a the left matrix, not modified
     * @param b the right matrix, not modified
     * @param beta the factor of the old {@code C}
     * @param c the result, modified; shape {@code rows(op(A)) × cols(op(B))}
     * @throws IllegalArgumentException on mismatched shapes or when {@code C} aliases an operand
     */
    public static void gemm(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                            double beta, DMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (k != kb || c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("gemm: op(A) is " + m + "x" + k + ", op(B) is " + kb + "x" + n
                    + ", C is " + c.numRows + "x" + c.numCols);
        }
        if (c.data == a.data || c.data == b.data) {
            throw new IllegalArgumentException("gemm: C must not share storage with A or B");
        }
        if (k == 0 || alpha == 0.0) {
            scale(beta, c);
            return;
        }
        if (useBlocked(m, n, k)) {
            if (beta != 1.0) {
                scale(beta, c);
            }
            int threads = numThreads;
            ExecutorService workers = threads > 1 && (long) m * n * k >= MIN_THREADED_VOLUME ? pool() : null;
            GemmKernel kernel = precision() == Precision.FLOAT32 ? Float32Kernel.KERNEL : Kernels.FAST;
            BlockedGemm.multiplyAdd(kernel, transA, transB, alpha, a, b, c, workers,
                    workers == null ? 1 : threads);
        } else if (SmallGemm.accepts(transA, transB, m, n, k)) {
            SmallGemm.multiply(transA, transB, alpha, a, b, beta, c, m, n, k);
        } else {
            ejml(transA, transB, alpha, a, b, beta, c);
        }
    }

    /**
     * Sets how many threads large products use (the calling thread plus {@code n - 1} daemon
     * workers), like Torch's {@code torch.setnumthreads}. Results do not depend on it.
     *
     * @param n the number of threads, at least 1
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setNumThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Gemm.setNumThreads: need at least 1 thread, got " + n);
        }
        synchronized (POOL_LOCK) {
            if (n != numThreads && pool != null) {
                pool.shutdown();
                pool = null;
            }
            numThreads = n;
        }
    }

    /**
     * The number of threads large products use (default 1).
     *
     * @return the value last given to {@link #setNumThreads(int)}
     */
    public static int numThreads() {
        return numThreads;
    }

    /**
     * Sets the process-wide precision of the blocked products (default {@link Precision#FLOAT64});
     * a thread inside {@link #withPrecision} keeps its own until it closes the scope.
     *
     * @param p the precision
     * @throws NullPointerException if {@code p} is null
     */
    public static void setPrecision(Precision p) {
        if (p == null) {
            throw new NullPointerException("Gemm.setPrecision: precision is null");
        }
        precision = p;
    }

    /**
     * The precision of the calling thread's products: its {@link #withPrecision} override if one
     * is open, else the process-wide setting.
     *
     * @return the precision the next product on this thread uses
     */
    public static Precision precision() {
        Precision scoped = SCOPED.get();
        return scoped != null ? scoped : precision;
    }

    /**
     * Runs this thread's products in {@code p} until the returned scope is closed, whatever the
     * process-wide setting, e.g. a gradient check in float64 inside a float32 training program:
     * <pre>{@code
     * try (Gemm.Scope s = Gemm.withPrecision(Precision.FLOAT64)) {
     *     ... products on this thread are float64 ...
     * }
     * }</pre>
     * Scopes nest; closing one restores the thread's previous state.
     *
     * @param p the precision
     * @return the scope to close (on the same thread)
     * @throws NullPointerException if {@code p} is null
     */
    public static Scope withPrecision(Precision p) {
        if (p == null) {
            throw new NullPointerException("Gemm.withPrecision: precision is null");
        }
        Scope scope = new Scope(SCOPED.get());
        SCOPED.set(p);
        return scope;
    }

    /** A thread's precision override, from {@link #withPrecision}; close it on the same thread. */
    public static final class Scope implements AutoCloseable {
        private final Precision previous;
        private boolean closed;

        private Scope(Precision previous) {
            this.previous = previous;
        }

        /** Restores the precision this thread had before the scope (idempotent). */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                SCOPED.remove();
            } else {
                SCOPED.set(previous);
            }
        }
    }

    /**
     * A description of the micro-kernel behind large products at the calling thread's
     * {@link #precision()}, e.g. for benchmark reports.
     *
     * @return the kernel's name and blocking
     */
    public static String kernelName() {
        return (precision() == Precision.FLOAT32 ? Float32Kernel.KERNEL : Kernels.FAST).toString();
    }

    /**
     * Whether a product of this shape goes to the blocked kernel rather than EJML: the running
     * kernel's measured thresholds ({@code GemmKernel.beatsEjml}).
     *
     * @param m rows of {@code C}
     * @param n columns of {@code C}
     * @param k the inner dimension
     * @return {@code true} for the blocked kernel
     */
    static boolean useBlocked(int m, int n, int k) {
        return Kernels.FAST.beatsEjml(m, n, k);
    }

    /** EJML's products; the variants without {@code alpha} when {@code alpha == 1} (the common case). */
    private static void ejml(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b,
                             double beta, DMatrixRMaj c) {
        boolean one = alpha == 1.0;
        if (beta == 0.0) {
            if (!transA && !transB) {
                if (one) {
                    CommonOps_DDRM.mult(a, b, c);
                } else {
                    CommonOps_DDRM.mult(alpha, a, b, c);
                }
            } else if (transA && !transB) {
                if (one) {
                    CommonOps_DDRM.multTransA(a, b, c);
                } else {
                    CommonOps_DDRM.multTransA(alpha, a, b, c);
                }
            } else if (!transA) {
                if (one) {
                    CommonOps_DDRM.multTransB(a, b, c);
                } else {
                    CommonOps_DDRM.multTransB(alpha, a, b, c);
                }
            } else if (one) {
                CommonOps_DDRM.multTransAB(a, b, c);
            } else {
                CommonOps_DDRM.multTransAB(alpha, a, b, c);
            }
            return;
        }
        if (beta != 1.0) {
            scale(beta, c);
        }
        if (!transA && !transB) {
            if (one) {
                CommonOps_DDRM.multAdd(a, b, c);
            } else {
                CommonOps_DDRM.multAdd(alpha, a, b, c);
            }
        } else if (transA && !transB) {
            if (one) {
                CommonOps_DDRM.multAddTransA(a, b, c);
            } else {
                CommonOps_DDRM.multAddTransA(alpha, a, b, c);
            }
        } else if (!transA) {
            if (one) {
                CommonOps_DDRM.multAddTransB(a, b, c);
            } else {
                CommonOps_DDRM.multAddTransB(alpha, a, b, c);
            }
        } else if (one) {
            CommonOps_DDRM.multAddTransAB(a, b, c);
        } else {
            CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
        }
    }

    private static void scale(double beta, DMatrixRMaj c) {
        int n = c.numRows * c.numCols;
        double[] d = c.data;
        if (beta == 0.0) {
            Arrays.fill(d, 0, n, 0.0);
        } else if (beta != 1.0) {
            for (int i = 0; i < n; i++) {
                d[i] *= beta;
            }
        }
    }

    private static ExecutorService pool() {
        synchronized (POOL_LOCK) {
            if (pool == null) {
                AtomicInteger count = new AtomicInteger();
                ThreadFactory factory = r -> {
                    Thread t = new Thread(r, "nn4j-gemm-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                };
                pool = Executors.newFixedThreadPool(numThreads - 1, factory);
            }
            return pool;
        }
    }

    /**
     * The float32 kernel, chosen on the first float32 product: the Vector API float kernel, or
     * the float64 kernel when the Vector API is absent (the portable kernel has no float variant).
     */
    static final class Float32Kernel {

        static final GemmKernel KERNEL = select();

        private Float32Kernel() {
        }

        /**
         * Creates the float Vector API kernel; call only when {@link Kernels#vectorApiPresent()}.
         *
         * @return a new float32 vector kernel
         * @throws ReflectiveOperationException if it cannot be created
         */
        static GemmKernel newVectorKernel() throws ReflectiveOperationException {
            return (GemmKernel) Class.forName("io.github.nn4j.linalg.VectorFloatGemmKernel")
                    .getDeclaredConstructor().newInstance();
        }

        private static GemmKernel select() {
            GemmKernel kernel = Kernels.FAST;
            if (Kernels.FAST.getClass().getSimpleName().equals("VectorGemmKernel")) {
                try {
                    kernel = newVectorKernel();
                } catch (ReflectiveOperationException | LinkageError e) {
                    LOG.info("GEMM: the float32 Vector API kernel failed to load ({}); float32 products run in float64",
                            e.toString());
                }
            } else {
                LOG.debug("GEMM: no float32 kernel without the Vector API; float32 products run in float64");
            }
            LOG.debug("GEMM float32 kernel: {}", kernel);
            return kernel;
        }
    }

    /** The micro-kernels, chosen once, lazily (the log line appears on the first large product). */
    static final class Kernels {

        /** The kernel for the running JVM: Vector API if available, else portable. */
        static final GemmKernel FAST = select();

        private Kernels() {
        }

        /**
         * Whether {@code jdk.incubator.vector} is in the boot layer.
         *
         * @return {@code true} when the Vector API kernel can be loaded
         */
        static boolean vectorApiPresent() {
            return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        }

        /**
         * Creates the Vector API kernel; call only when {@link #vectorApiPresent()}.
         *
         * @return a new vector kernel
         * @throws ReflectiveOperationException if it cannot be created
         */
        static GemmKernel newVectorKernel() throws ReflectiveOperationException {
            // by name: the class references jdk.incubator.vector and must not be linked without it
            return (GemmKernel) Class.forName("io.github.nn4j.linalg.VectorGemmKernel")
                    .getDeclaredConstructor().newInstance();
        }

        /**
         * Chooses the kernel. The absence of the Vector API is said at DEBUG level only: the
         * portable kernel is correct, and an INFO line on every command run (in the middle of a
         * program's own output) told users nothing they had asked for.
         *
         * @return the Vector API kernel when it loads, else the portable kernel
         */
        static GemmKernel select() {
            GemmKernel kernel = null;
            if (vectorApiPresent()) {
                try {
                    kernel = newVectorKernel();
                } catch (ReflectiveOperationException | LinkageError e) {
                    LOG.info("GEMM: jdk.incubator.vector is present but the Vector API kernel failed to load ({});"
                            + " using the portable kernel", e.toString());
                }
            } else {
                LOG.debug("GEMM: the Vector API is absent, using the portable kernel; run java with"
                        + " --add-modules jdk.incubator.vector for the faster Vector API kernel");
            }
            if (kernel == null) {
                kernel = new PortableGemmKernel();
            }
            LOG.debug("GEMM kernel: {}", kernel);
            return kernel;
        }
    }
}
