package io.github.nn4j;

/**
 * Torch's random generator: the Mersenne Twister MT19937 and the uniform, normal and Bernoulli
 * draws exactly as TH implements them ({@code THRandom.c}), so that {@code manualSeed(s)}
 * followed by a constructor gives the weights Lua Torch gives after {@code torch.manualSeed(s)}.
 *
 * <ul>
 *   <li>{@link #random()}: the next 32-bit output of MT19937 seeded by {@code init_genrand(seed)};</li>
 *   <li>{@link #uniform(double, double)}: {@code random() / 2^32 * (b - a) + a};</li>
 *   <li>{@link #normal(double, double)}: Box–Muller on two uniforms, using the cosine branch
 *       first and the sine branch on the next call, as TH does;</li>
 *   <li>{@link #bernoulli(double)}: {@code uniform01() <= p}.</li>
 * </ul>
 *
 * <p>Layers draw from the {@linkplain #global() global generator} (like Torch's default
 * generator); {@link #manualSeed(long)} reseeds it. Methods are synchronized, so sharing the
 * generator between threads is safe, though the order of draws then depends on scheduling.
 */
public final class TorchRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final TorchRandom GLOBAL = new TorchRandom(5489L);
    /** Per thread: how many {@link #withoutGlobalDraws} scopes are open. */
    private static final ThreadLocal<int[]> SUSPENDED = ThreadLocal.withInitial(() -> new int[1]);

    private final int[] state = new int[N];
    private int left;
    private int next;
    private long initialSeed;
    private boolean normalIsValid;
    private double normalX;
    private double normalRho;

    /**
     * A generator seeded with {@code seed}.
     *
     * @param seed the seed (its low 32 bits are used, as on 64-bit Lua Torch for small seeds)
     */
    public TorchRandom(long seed) {
        seed(seed);
    }

    /**
     * The generator that layers use for initialisation and dropout masks.
     *
     * @return the global generator
     */
    public static TorchRandom global() {
        return GLOBAL;
    }

    /** An action that may throw a checked exception. */
    @FunctionalInterface
    public interface Action<T, E extends Exception> {
        /**
         * Runs the action.
         *
         * @return its result
         * @throws E its failure
         */
        T run() throws E;
    }

    /**
     * Runs an action during which, on this thread, the global generator is not advanced by
     * initialisation draws: {@link #uniform} and {@link #normal} of {@link #global()} return the
     * lower bound or the mean without drawing, and {@link Tensor#uniform}/{@link Tensor#normal}
     * with it leave the tensor as it is. The {@code .t7} bridge converts files this way: the
     * modules it builds run their constructors (whose {@code reset()} would draw) before the
     * file's parameters are copied in, and Torch's {@code torch.load} draws nothing, so after a
     * load the global generator is where it was, as in Torch (and the draws' time is saved).
     *
     * @param action what to run
     * @param <T> its result type
     * @param <E> its checked exception
     * @return the action's result
     * @throws E the action's failure
     */
    public static <T, E extends Exception> T withoutGlobalDraws(Action<T, E> action) throws E {
        int[] depth = SUSPENDED.get();
        depth[0]++;
        try {
            return action.run();
        } finally {
            depth[0]--;
        }
    }

    /**
     * Whether initialisation draws from this generator are skipped on this thread: only the
     * global generator, inside {@link #withoutGlobalDraws}.
     *
     * @return true when draws are skipped
     */
    public boolean drawsSuspended() {
        return this == GLOBAL && SUSPENDED.get()[0] > 0;
    }

    /**
     * Reseeds the global generator (Torch's {@code torch.manualSeed(seed)}).
     *
     * @param seed the seed
     */
    public static void manualSeed(long seed) {
        GLOBAL.seed(seed);
    }

    /**
     * Reseeds this generator and clears the cached normal draw.
     *
     * @param seed the seed
     */
    public synchronized void seed(long seed) {
        initialSeed = seed;
        state[0] = (int) seed;
        for (int j = 1; j < N; j++) {
            int prev = state[j - 1];
            state[j] = 1812433253 * (prev ^ (prev >>> 30)) + j;
        }
        left = 1;
        next = 0;
        normalIsValid = false;
    }

    /**
     * The seed of the last {@link #seed(long)}.
     *
     * @return the initial seed
     */
    public synchronized long initialSeed() {
        return initialSeed;
    }

    /**
     * The next 32-bit output, as an unsigned value.
     *
     * @return a number in {@code [0, 2^32)}
     */
    public synchronized long random() {
        return next32();
    }

    /**
     * The next 32-bit output, unsigned, for callers that hold this generator's lock: the draw of
     * {@link #random()} without taking the (reentrant) lock again in every draw of a loop.
     */
    private long next32() {
        if (--left == 0) {
            nextState();
        }
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    /**
     * A uniform draw in {@code [a, b)} (TH's {@code THRandom_uniform}).
     *
     * @param a the lower bound
     * @param b the upper bound
     * @return the draw
     */
    public synchronized double uniform(double a, double b) {
        if (drawsSuspended()) {
            return a;
        }
        return uniform01() * (b - a) + a;
    }

    /**
     * A normal draw (TH's {@code THRandom_normal}, Box–Muller).
     *
     * @param mean the mean
     * @param stdv the standard deviation, strictly positive
     * @return the draw
     */
    public synchronized double normal(double mean, double stdv) {
        if (!(stdv > 0)) {
            throw new IllegalArgumentException("standard deviation must be strictly positive, got " + stdv);
        }
        if (drawsSuspended()) {
            return mean;
        }
        if (!normalIsValid) {
            normalX = uniform01();
            double normalY = uniform01();
            normalRho = Math.sqrt(-2.0 * Math.log(1.0 - normalY));
            normalIsValid = true;
            return normalRho * Math.cos(2.0 * Math.PI * normalX) * stdv + mean;
        }
        normalIsValid = false;
        return normalRho * Math.sin(2.0 * Math.PI * normalX) * stdv + mean;
    }

    /**
     * A Bernoulli draw (TH's {@code THRandom_bernoulli}).
     *
     * @param p the probability of 1, in {@code [0, 1]}
     * @return 1 with probability {@code p}, else 0
     */
    public synchronized int bernoulli(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli probability must be in [0, 1], got " + p);
        }
        return uniform01() <= p ? 1 : 0;
    }

    /**
     * {@code n} Bernoulli draws into {@code dst[off .. off+n-1]} as {@code 1.0} / {@code 0.0}: the
     * same draws, in the same order, as {@code n} calls of {@link #bernoulli(double)}, in one loop
     * under one lock ({@code nn.Dropout}'s noise).
     *
     * @param p the probability of a 1, in {@code [0, 1]}
     * @param dst the destination
     * @param off the first index written
     * @param n the number of draws
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
     * @throws IndexOutOfBoundsException if the range does not fit in {@code dst}
     */
    public synchronized void bernoulli(double p, double[] dst, int off, int n) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli probability must be in [0, 1], got " + p);
        }
        java.util.Objects.checkFromIndexSize(off, n, dst.length);
        // uniform01() <= p is x / 2^32 <= p for the 32-bit draw x, that is x <= t = floor(p · 2^32)
        // (both sides exact): the sign of x - t - 1 gives the bit without a branch on a random value
        long t = (long) (p * 4294967296.0);
        for (int i = off; i < off + n; i++) {
            dst[i] = (double) ((next32() - t - 1) >>> 63);
        }
    }

    /**
     * A uniform integer in {@code [0, n)}, for shuffling: {@code random() mod n} as Torch's
     * {@code torch.random(n) - 1}.
     *
     * @param n the bound, positive
     * @return the draw
     */
    public synchronized int nextInt(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + n);
        }
        return (int) (next32() % n);
    }

    /** A draw in {@code [0, 1)}; the caller holds the lock. */
    private double uniform01() {
        return next32() * (1.0 / 4294967296.0);
    }

    private static int twist(int u, int v) {
        int mixbits = (u & 0x80000000) | (v & 0x7fffffff);
        // MATRIX_A where v is odd, without a branch: the low bit is random, and a branch on it was
        // mispredicted every other element of each refill
        return (mixbits >>> 1) ^ (-(v & 1) & 0x9908b0df);
    }

    private void nextState() {
        left = N;
        next = 0;
        int p = 0;
        for (int j = N - M + 1; --j > 0; p++) {
            state[p] = state[p + M] ^ twist(state[p], state[p + 1]);
        }
        for (int j = M; --j > 0; p++) {
            state[p] = state[p + M - N] ^ twist(state[p], state[p + 1]);
        }
        state[p] = state[p + M - N] ^ twist(state[p], state[0]);
    }
}
