package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class ThresholdTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Threshold(0.1, -0.5);
    }

    @Override
    protected Data sampleInput() {
        return awayFromKink(uniform(7));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return awayFromKink(uniform(batchSize, 7));
    }

    @Override
    protected String expectedToString() {
        return "nn.Threshold";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    /** Keeps inputs 1e-3 away from the threshold, where the derivative jumps. */
    static Tensor awayFromKink(Tensor t, double threshold) {
        double[] d = t.data();
        for (int i = 0; i < t.numel(); i++) {
            if (Math.abs(d[i] - threshold) < 1e-3) {
                d[i] = threshold + 0.5;
            }
        }
        return t;
    }

    private static Tensor awayFromKink(Tensor t) {
        return awayFromKink(t, 0.1);
    }

    @Test
    void comparisonIsStrictAtTheThreshold() {
        Threshold m = new Threshold(0.1, -0.5);
        Tensor x = Tensor.of(0.1, 0.1000001, -3, 2);
        assertArrayEquals(new double[] {-0.5, 0.1000001, -0.5, 2}, m.forward(x).toArray(), 0.0);
        Tensor gi = m.backward(x, Tensor.of(1, 2, 3, 4));
        assertArrayEquals(new double[] {0, 2, 0, 4}, gi.toArray(), 0.0);
    }

    @Test
    void nanFollowsThnnInBothModes() {
        assertArrayEquals(new double[] {-0.5, 1}, new Threshold(0.1, -0.5).forward(Tensor.of(Double.NaN, 1))
                .toArray(), 0.0);
        Tensor x = Tensor.of(Double.NaN, 1);
        Threshold inplace = new Threshold(0.1, -0.5, true);
        assertTrue(Double.isNaN(inplace.forward(x).get(0)));
        assertArrayEquals(new double[] {3, 4}, inplace.backward(x, Tensor.of(3, 4)).toArray(), 0.0);
    }

    @Test
    void defaultsAreTorchs() {
        Threshold m = new Threshold();
        assertEquals(1e-6, m.threshold());
        assertEquals(0.0, m.value());
        assertArrayEquals(new double[] {0, 0, 2e-6}, m.forward(Tensor.of(-1, 1e-6, 2e-6)).toArray(), 0.0);
    }

    @Test
    void inPlaceGivesTheSameResultsAndOverwritesInputAndGradOutput() {
        Tensor x = awayFromKink(Tensor.uniform(-2, 2, 4, 6), -0.2);
        Tensor g = Tensor.uniform(-1, 1, 4, 6);
        Threshold plain = new Threshold(-0.2, -0.7);
        Tensor y = plain.forward(x).clone();
        Tensor gi = plain.backward(x, g).clone();

        Threshold inplace = new Threshold(-0.2, -0.7, true);
        Tensor xi = x.clone();
        Tensor gg = g.clone();
        Tensor yi = inplace.forward(xi);
        assertTrue(yi.sharesStorageWith(xi), "the output is the input's storage");
        assertEquals(0.0, yi.maxAbsDiff(y));
        assertEquals(0.0, xi.maxAbsDiff(y), "the input was overwritten");
        Tensor gii = inplace.backward(xi, gg);
        assertTrue(gii.sharesStorageWith(gg), "the gradInput is the gradOutput's storage");
        assertEquals(0.0, gii.maxAbsDiff(gi));
    }

    @Test
    void inPlaceNeedsValueNotAboveThreshold() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Threshold(0.1, 0.5, true));
        assertTrue(e.getMessage().contains("nn.Threshold"), e.getMessage());
    }

    @Test
    void gradOutputOfAnotherSizeIsRejected() {
        Threshold m = new Threshold();
        Tensor x = Tensor.zeros(3, 4);
        m.forward(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.backward(x, Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("[3, 5]") && e.getMessage().contains("[3, 4]"), e.getMessage());
    }
}
