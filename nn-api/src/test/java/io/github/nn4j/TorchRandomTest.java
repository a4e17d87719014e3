package io.github.nn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TorchRandomTest {

    @Test
    void isTheReferenceMersenneTwister() {
        // MT19937 with init_genrand(5489): first output and the 10000th (the value the C++
        // standard requires of std::mt19937, [rand.predef]).
        TorchRandom r = new TorchRandom(5489);
        assertEquals(3499211612L, r.random());
        for (int i = 2; i < 10000; i++) {
            r.random();
        }
        assertEquals(4123659995L, r.random());
    }

    @Test
    void uniformIsTheOutputOver2To32ScaledToTheRange() {
        TorchRandom a = new TorchRandom(42);
        TorchRandom b = new TorchRandom(42);
        for (int i = 0; i < 100; i++) {
            double u = b.random() / 4294967296.0;
            assertEquals(u * (3.0 - -1.0) + -1.0, a.uniform(-1, 3), 0.0);
        }
    }

    @Test
    void normalUsesBoxMullerCosineThenSine() {
        TorchRandom a = new TorchRandom(3);
        TorchRandom b = new TorchRandom(3);
        double x = b.random() / 4294967296.0;
        double y = b.random() / 4294967296.0;
        double rho = Math.sqrt(-2 * Math.log(1 - y));
        assertEquals(rho * Math.cos(2 * Math.PI * x) * 2 + 1, a.normal(1, 2), 0.0);
        assertEquals(rho * Math.sin(2 * Math.PI * x) * 2 + 1, a.normal(1, 2), 0.0);
        assertThrows(IllegalArgumentException.class, () -> a.normal(0, 0));
    }

    @Test
    void manualSeedMakesTheGlobalGeneratorRepeatable() {
        TorchRandom.manualSeed(11);
        double[] first = Tensor.uniform(0, 1, 5).toArray();
        TorchRandom.manualSeed(11);
        double[] second = Tensor.uniform(0, 1, 5).toArray();
        assertEquals(java.util.Arrays.toString(first), java.util.Arrays.toString(second));
        assertEquals(11, TorchRandom.global().initialSeed());
    }

    @Test
    void bernoulliFollowsItsProbability() {
        TorchRandom r = new TorchRandom(1);
        int ones = 0;
        for (int i = 0; i < 10000; i++) {
            ones += r.bernoulli(0.3);
        }
        assertTrue(Math.abs(ones / 10000.0 - 0.3) < 0.02, "fraction of ones " + ones / 10000.0);
        assertThrows(IllegalArgumentException.class, () -> r.bernoulli(1.5));
    }

    /** The bulk draw is the single draws in order, across a state refill (624 outputs), and leaves the rest. */
    @Test
    void bulkBernoulliIsTheSingleDrawsInOrder() {
        TorchRandom single = new TorchRandom(7);
        TorchRandom bulk = new TorchRandom(7);
        double[] dst = new double[1302];
        java.util.Arrays.fill(dst, -1.0);
        bulk.bernoulli(0.6, dst, 1, 1300);
        assertEquals(-1.0, dst[0], 0.0);
        assertEquals(-1.0, dst[1301], 0.0);
        for (int i = 0; i < 1300; i++) {
            assertEquals(single.bernoulli(0.6), dst[1 + i], 0.0, "draw " + i);
        }
        // both generators are at the same place afterwards
        assertEquals(single.random(), bulk.random());
        // the edges of p: never (but for a zero draw), always, a power of two, the smallest double
        for (double p : new double[] {0.0, 1.0, 0.5, 0.25, Double.MIN_VALUE, 1 - 0x1p-53}) {
            bulk.bernoulli(p, dst, 0, 700);
            for (int i = 0; i < 700; i++) {
                assertEquals(single.bernoulli(p), dst[i], 0.0, "p = " + p + ", draw " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> bulk.bernoulli(-0.1, dst, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> bulk.bernoulli(0.5, dst, 1000, 400));
    }
}
