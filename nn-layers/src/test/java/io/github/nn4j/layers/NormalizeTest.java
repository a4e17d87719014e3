package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

/** p = 2 here; other norms nested (each with its own branch of Torch's backward). */
class NormalizeTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Normalize(2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Normalize(2)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 3, 4);
    }

    /** The contract for one norm, inputs kept away from 0 (where |x| has its kink). */
    abstract static class Norm extends ModuleContractTest {
        @Override
        protected Data sampleInput() {
            return ElementWiseContractTest.awayFromKinks(uniform(5), 0);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return ElementWiseContractTest.awayFromKinks(uniform(batchSize, 4), 0);
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 3, 4);
        }
    }

    /** p = 1: Torch adds eps to |x| before the power p − 2. */
    @Nested
    class P1 extends Norm {
        @Override
        protected Module<?, ?> createModule() {
            return new Normalize(1);
        }

        @Override
        protected String expectedToString() {
            return "nn.Normalize(1)";
        }
    }

    /** Not an integer, below 2. */
    @Nested
    class P15 extends Norm {
        @Override
        protected Module<?, ?> createModule() {
            return new Normalize(1.5);
        }

        @Override
        protected String expectedToString() {
            return "nn.Normalize(1.500000)";
        }
    }

    /** Odd, above 2. */
    @Nested
    class P3 extends Norm {
        @Override
        protected Module<?, ?> createModule() {
            return new Normalize(3);
        }

        @Override
        protected String expectedToString() {
            return "nn.Normalize(3)";
        }
    }

    /** Even, above 2. */
    @Nested
    class P4 extends Norm {
        @Override
        protected Module<?, ?> createModule() {
            return new Normalize(4);
        }

        @Override
        protected String expectedToString() {
            return "nn.Normalize(4)";
        }
    }

    /** The maximum norm (uniform inputs have a clear largest |x|). */
    @Nested
    class PInf extends Norm {
        @Override
        protected Module<?, ?> createModule() {
            return new Normalize(Double.POSITIVE_INFINITY);
        }

        @Override
        protected String expectedToString() {
            return "nn.Normalize(inf)";
        }
    }

    @Test
    void dividesEachRowByItsNorm() {
        Tensor x = Tensor.of(new double[][] {{3, -4}, {1, 2}});
        assertArrayEquals(new double[] {0.6, -0.8, 1 / Math.sqrt(5), 2 / Math.sqrt(5)},
                new Normalize(2, 0).forward(x).toArray(), 1e-15);
        assertArrayEquals(new double[] {3 / 7.0, -4 / 7.0, 1 / 3.0, 2 / 3.0},
                new Normalize(1, 0).forward(x).toArray(), 1e-15);
        assertArrayEquals(new double[] {0.75, -1, 0.5, 1}, new Normalize(Double.POSITIVE_INFINITY, 0).forward(x).toArray(),
                0.0);
        assertArrayEquals(new double[] {0.6, -0.8}, new Normalize(2, 0).forward(Tensor.of(3, -4)).toArray(), 1e-15);
    }

    @Test
    void infinityNormTakesTheFirstLargestElement() {
        Normalize m = new Normalize(Double.POSITIVE_INFINITY, 0);
        Tensor x = Tensor.of(2, -2, 1);
        m.forward(x);
        // only the first of the tied maxima gets the cross term: gi_k = (N g_k - x_k / N * c) / N^2
        // N = 2, c = x·g = −2; k = 0 gives (0 − 1·(−2))/4 and 2·1/4 (k = 1 would give 0 and 0)
        Tensor gi = m.backward(x, Tensor.of(0, 1, 0));
        assertArrayEquals(new double[] {0.5, 0.5, 0}, gi.toArray(), 0.0);
    }

    @Test
    void badNormsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Normalize(0));
        assertEquals("nn.Normalize: 0.0-norm not supported (p must be > 0), eps 1.0E-10", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalize(-1));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(Double.NaN));
    }
}
