package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class MinTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Min(0, 1);
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 5);
    }

    @Override
    protected String expectedToString() {
        return "nn.Min";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 4, 5).resize(0);
    }

    @Test
    void firstOfTiedValuesWinsAndAloneGetsTheGradient() {
        Min m = new Min();
        Tensor x = Tensor.of(4, 1, 2, 1);
        assertArrayEquals(new double[] {1}, m.forward(x).toArray());
        assertArrayEquals(new double[] {0, 1, 0, 0}, m.backward(x, Tensor.of(1.0)).toArray());
    }

    @Test
    void rowTiesPickTheFirstColumn() {
        Tensor x = Tensor.of(new double[][] {{3, -1, -1}, {2, 2, 8}});
        Min m = new Min(1);
        assertArrayEquals(new double[] {-1, 2}, m.forward(x).toArray());
        assertArrayEquals(new double[] {1, 0}, m.indices().toArray());
        assertArrayEquals(new double[] {0, 5, 0, 6, 0, 0}, m.backward(x, Tensor.of(5, 6)).toArray());
    }

    @Test
    void firstNaNWins() {
        Min m = new Min();
        Tensor x = Tensor.of(1, -3, Double.NaN, -9, Double.NaN);
        assertTrue(Double.isNaN(m.forward(x).get(0)));
        assertEquals(2.0, m.indices().get(0));
    }

    @Test
    void lastDimensionOfA3dTensorMatchesABruteForceMinimum() {
        Tensor x = uniform(2, 3, 4);
        Min m = new Min(-1);
        Tensor y = m.forward(x);
        assertArrayEquals(new int[] {2, 3}, y.sizes());
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < 4; k++) {
                    best = Math.min(best, x.get(a, b, k));
                }
                assertEquals(best, y.get(a, b));
            }
        }
        GradientChecker.check(new Min(2), x).assertPassed(1e-6);
    }
}
