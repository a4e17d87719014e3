package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class MaxTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Max(0, 1);
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
        return "nn.Max";
    }

    @Override
    protected Data wrongInput() {
        return Tensor.empty();
    }

    @Test
    void firstOfTiedValuesWinsAndAloneGetsTheGradient() {
        // Torch [run]: Max over {1,3,3,2} gives 3 and the gradient 0 1 0 0
        Max m = new Max();
        Tensor y = m.forward(Tensor.of(1, 3, 3, 2));
        assertArrayEquals(new int[] {1}, y.sizes(), "a 1-D input gives a 1-element 1-D output");
        assertEquals(3.0, y.get(0));
        Tensor gi = m.backward(Tensor.of(1, 3, 3, 2), Tensor.of(1.0));
        assertArrayEquals(new double[] {0, 1, 0, 0}, gi.toArray());
        assertEquals(1.0, m.indices().get(0));
    }

    @Test
    void columnTiesPickTheFirstRow() {
        Tensor x = Tensor.of(new double[][] {{5, 2, 7}, {5, 9, 7}});
        Max m = new Max(0);
        Tensor y = m.forward(x);
        assertArrayEquals(new double[] {5, 9, 7}, y.toArray());
        assertArrayEquals(new double[] {0, 1, 0}, m.indices().toArray());
        Tensor gi = m.backward(x, Tensor.of(10, 20, 30));
        assertArrayEquals(new double[] {10, 0, 30, 0, 20, 0}, gi.toArray());
    }

    @Test
    void firstNaNWins() {
        Max m = new Max();
        Tensor x = Tensor.of(1, Double.NaN, 5, Double.NaN);
        assertTrue(Double.isNaN(m.forward(x).get(0)));
        assertEquals(1.0, m.indices().get(0));
        assertArrayEquals(new double[] {0, 7, 0, 0}, m.backward(x, Tensor.of(7)).toArray());
        Tensor first = Tensor.of(Double.NaN, 9, 10);
        assertTrue(Double.isNaN(m.forward(first).get(0)));
        assertEquals(0.0, m.indices().get(0));
    }

    @Test
    void torchExamples() {
        // test.lua: Max(-1) on {1,2,3} gives {3}; Max(1,1) on a 2x3 batch gives {3,6}
        assertArrayEquals(new double[] {3}, new Max(-1).forward(Tensor.of(1, 2, 3)).toArray());
        Tensor batch = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new double[] {3, 6}, new Max(0, 1).forward(batch).toArray());
        // without nInputDims the same module reduces the first dimension
        assertArrayEquals(new double[] {4, 5, 6}, new Max(0).forward(batch).toArray());
    }

    @Test
    void middleDimensionOfA3dTensorMatchesABruteForceMaximum() {
        Tensor x = uniform(2, 3, 4);
        for (int dim : new int[] {1, -2}) {
            Max m = new Max(dim);
            Tensor y = m.forward(x);
            assertArrayEquals(new int[] {2, 4}, y.sizes());
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 4; b++) {
                    double best = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < 3; k++) {
                        best = Math.max(best, x.get(a, k, b));
                    }
                    assertEquals(best, y.get(a, b));
                }
            }
            GradientChecker.check(new Max(dim), x).assertPassed(1e-6);
        }
    }

    @Test
    void batchShiftOnlyForNonNegativeDimensions() {
        Tensor batch = uniform(3, 4, 5);
        assertArrayEquals(new int[] {3, 5}, new Max(0, 2).forward(batch).sizes(), "dim 0 of a sample is dim 1");
        assertArrayEquals(new int[] {3, 4}, new Max(-1, 2).forward(batch).sizes(), "-1 is the last dim, no shift");
        assertArrayEquals(new int[] {5}, new Max(0, 2).forward(uniform(4, 5)).sizes(), "a single sample");
    }

    @Test
    void dimensionOutOfRangeIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Max(2).forward(uniform(3, 4)));
        assertTrue(e.getMessage().contains("nn.Max") && e.getMessage().contains("[3, 4]"), e.getMessage());
    }
}
