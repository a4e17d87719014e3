package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class ReLUTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new ReLU();
    }

    @Override
    protected Data sampleInput() {
        return ThresholdTest.awayFromKink(uniform(6), 0.0);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return ThresholdTest.awayFromKink(uniform(batchSize, 2, 3), 0.0);
    }

    @Override
    protected String expectedToString() {
        return "nn.ReLU";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    @Test
    void zeroGivesZeroAndNoGradient() {
        ReLU m = new ReLU();
        Tensor x = Tensor.of(0.0, -0.0, 1e-300, -1e-300, 3.5);
        assertArrayEquals(new double[] {0, 0, 1e-300, 0, 3.5}, m.forward(x).toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 1, 0, 1}, m.backward(x, Tensor.filled(1.0, 5)).toArray(), 0.0);
    }

    @Test
    void isAThresholdAtZero() {
        ReLU m = new ReLU();
        assertEquals(0.0, m.threshold());
        assertEquals(0.0, m.value());
        assertTrue(m.findModules(Threshold.class).isEmpty(), "findModules matches the exact class, as Torch");
        assertEquals(1, m.findModules("nn.ReLU").size());
    }

    @Test
    void inPlaceOverwritesAndMatches() {
        Tensor x = ThresholdTest.awayFromKink(Tensor.uniform(-2, 2, 3, 5), 0.0);
        Tensor g = Tensor.uniform(-1, 1, 3, 5);
        ReLU plain = new ReLU();
        Tensor y = plain.forward(x).clone();
        Tensor gi = plain.backward(x, g).clone();
        ReLU inplace = new ReLU(true);
        Tensor xi = x.clone();
        Tensor gg = g.clone();
        assertEquals(0.0, inplace.forward(xi).maxAbsDiff(y));
        assertEquals(0.0, xi.maxAbsDiff(y));
        Tensor gii = inplace.backward(xi, gg);
        assertEquals(0.0, gii.maxAbsDiff(gi));
        assertEquals(0.0, gg.maxAbsDiff(gi), "gradOutput was overwritten");
        assertSame(gii, inplace.gradInput());
    }
}
