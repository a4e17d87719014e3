package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

class PairwiseDistanceTest extends PairwiseDistanceContract {

    @Override
    protected Module<?, ?> createModule() {
        return new PairwiseDistance(2);
    }

    /** The 1-norm. */
    @Nested
    class P1 extends PairwiseDistanceContract {
        @Override
        protected Module<?, ?> createModule() {
            return new PairwiseDistance(1);
        }
    }

    /** The 3-norm. */
    @Nested
    class P3 extends PairwiseDistanceContract {
        @Override
        protected Module<?, ?> createModule() {
            return new PairwiseDistance(3);
        }
    }

    /** A norm between 1 and 2, where nn4j's gradient is the derivative (Torch's is not). */
    @Nested
    class P1point5 extends PairwiseDistanceContract {
        @Override
        protected Module<?, ?> createModule() {
            return new PairwiseDistance(1.5);
        }
    }
    @Test
    void distancesOfTheRows() {
        Table x = Table.of(Tensor.of(new double[][] {{0, 0}, {1, 1}}), Tensor.of(new double[][] {{3, 4}, {2, -1}}));
        assertArrayEquals(new double[] {5, Math.sqrt(5)}, new PairwiseDistance().forward(x).toArray(), 1e-15);
        assertArrayEquals(new double[] {7, 3}, new PairwiseDistance(1).forward(x).toArray(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new PairwiseDistance(0));
        assertThrows(IllegalArgumentException.class, () -> new PairwiseDistance(Double.NaN));
    }
}
