package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.ModuleContractTest;

/** The contract in evaluation mode (deterministic), and the training masks on their own. */
class SpatialDropoutTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialDropout(0.3).evaluate();
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 3, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 3, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialDropout(0.300000)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 3, 4, 5, 6);
    }

    @Test
    void aNewModuleTrainsAndPrintsLikeTorch() {
        SpatialDropout d = new SpatialDropout();
        assertTrue(d.isTraining());
        assertEquals("nn.SpatialDropout(0.500000)", d.toString());
        assertEquals("nn.SpatialDropout(0.100000)", d.setp(0.1).toString());
    }

    @Test
    void theMaskIsTorchsBernoulliDrawPerSampleAndPlaneUnderASeed() {
        SpatialDropout d = new SpatialDropout(0.4);
        Tensor x = Tensor.uniform(-1, 1, 3, 5, 3, 4);
        Tensor g = Tensor.uniform(-1, 1, 3, 5, 3, 4);
        TorchRandom.manualSeed(11);
        Tensor y = d.forward(x).clone();
        assertArrayEquals(new int[] {3, 5, 1, 1}, d.noise().sizes());
        Tensor gi = d.backward(x, g).clone();
        TorchRandom fresh = new TorchRandom(11);
        int area = x.numel() / 15;
        for (int c = 0; c < 15; c++) {
            double keep = fresh.bernoulli(0.6);
            assertEquals(keep, d.noise().data()[c], 0.0, "mask of plane " + c);
            for (int i = c * area; i < (c + 1) * area; i++) {
                assertEquals(x.data()[i] * keep, y.data()[i], 0.0, "the mask is constant over plane " + c);
                assertEquals(g.data()[i] * keep, gi.data()[i], 0.0, "gradInput is masked too");
            }
        }
        TorchRandom.manualSeed(11);
        assertEquals(0.0, d.forward(x).maxAbsDiff(y), "the same seed gives the same mask");
        assertNotEquals(0.0, d.forward(x).maxAbsDiff(y), "the next forward draws a new mask");
    }

    @Test
    void maskStatisticsMatchP() {
        TorchRandom.manualSeed(123);
        SpatialDropout d = new SpatialDropout(0.3);
        Tensor y = d.forward(Tensor.filled(1.0, 20, 30, 4, 5));
        int planes = 600;
        int area = y.numel() / planes;
        int dropped = 0;
        for (int c = 0; c < planes; c++) {
            double v = y.data()[c * area];
            assertTrue(v == 0.0 || v == 1.0, "kept planes are not rescaled");
            for (int i = c * area; i < (c + 1) * area; i++) {
                assertEquals(v, y.data()[i], 0.0);
            }
            dropped += v == 0.0 ? 1 : 0;
        }
        // binomial(600, 0.3): mean 180, standard deviation 11.2
        assertTrue(Math.abs(dropped - 180) < 45, "dropped " + dropped + " of 600 planes");
    }

    @Test
    void evaluationScalesByOneMinusPAndItsBackwardIsTheDerivative() {
        SpatialDropout d = new SpatialDropout(0.25);
        d.evaluate();
        Tensor x = Tensor.uniform(-1, 1, 2, 4, 5);
        Tensor g = Tensor.uniform(-1, 1, 2, 4, 5);
        assertEquals(0.0, d.forward(x).maxAbsDiff(x.clone().mul(0.75)));
        assertEquals(0.0, d.backward(x, g).maxAbsDiff(g.clone().mul(0.75)));
    }

    @Test
    void stochasticInferenceKeepsDrawingMasksInEvaluation() {
        SpatialDropout d = new SpatialDropout(0.5, true);
        d.evaluate();
        Tensor x = Tensor.filled(1.0, 40, 3, 4);
        Tensor y = d.forward(x);
        double sum = y.sum();
        assertTrue(sum > 0 && sum < x.numel(), "some planes dropped, some kept, none scaled: " + sum);
        assertEquals(0.0, d.backward(x, x).maxAbsDiff(y), "gradInput is masked by the same draw");
    }

    @Test
    void wrongInputsAndArgumentsAreRefused() {
        SpatialDropout d = new SpatialDropout(0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.forward(uniform(2, 3, 4, 5, 6)));
        assertEquals("nn.SpatialDropout(0.500000): expected input of size [C, H, W] or [B, C, H, W], got [2, 3, 4, 5, 6]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SpatialDropout(1.5));
        assertEquals("nn.SpatialDropout: illegal dropout probability 1.5, must be 0 <= p <= 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpatialDropout(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.setp(-0.1));
        assertEquals(0.0, new SpatialDropout(1.0).forward(Tensor.filled(1.0, 2, 3, 4)).sum(), "p = 1 drops everything");
    }
}
