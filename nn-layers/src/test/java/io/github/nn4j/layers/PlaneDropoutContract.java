package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.ModuleContractTest;

/**
 * What {@link SpatialDropoutTest} and {@link VolumetricDropoutTest} share: the contract in
 * evaluation mode (deterministic), and the training masks (one Bernoulli draw per sample and
 * plane, constant over the plane) on their own. A subclass names its module and the sizes of one
 * plane ({@code [H, W]} or {@code [T, H, W]}).
 */
abstract class PlaneDropoutContract extends ModuleContractTest {

    /** The module under test, {@code new X(p, stochasticInference)}. */
    abstract PlaneDropout dropout(double p, boolean stochasticInference);

    /** {@code new X()}, with Torch's default p. */
    abstract PlaneDropout dropout();

    /** The Torch type name, e.g. {@code nn.SpatialDropout}. */
    abstract String name();

    /** The sizes of one plane in the contract and mask tests. */
    abstract int[] plane();

    /** The sizes of one plane in the mask statistics test. */
    abstract int[] statisticsPlane();

    /** An input of the wrong dimensionality, and the message it must raise for {@code dropout(0.5, false)}. */
    abstract Tensor wrongDimensionality();

    abstract String wrongDimensionalityMessage();

    /** {@code leading} followed by {@code plane}. */
    static int[] shape(int[] plane, int... leading) {
        int[] s = Arrays.copyOf(leading, leading.length + plane.length);
        System.arraycopy(plane, 0, s, leading.length, plane.length);
        return s;
    }

    @Override
    protected Module<?, ?> createModule() {
        return dropout(0.3, false).evaluate();
    }

    @Override
    protected Data sampleInput() {
        return uniform(shape(plane(), 2));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(shape(plane(), batchSize, 2));
    }

    @Override
    protected String expectedToString() {
        return name() + "(0.300000)";
    }

    @Override
    protected Data wrongInput() {
        return wrongDimensionality();
    }

    @Test
    void aNewModuleTrainsAndPrintsLikeTorch() {
        PlaneDropout d = dropout();
        assertTrue(d.isTraining());
        assertEquals(name() + "(0.500000)", d.toString());
        assertEquals(name() + "(0.100000)", d.setp(0.1).toString());
    }

    @Test
    void theMaskIsTorchsBernoulliDrawPerSampleAndPlaneUnderASeed() {
        PlaneDropout d = dropout(0.4, false);
        Tensor x = Tensor.uniform(-1, 1, shape(plane(), 3, 5));
        Tensor g = Tensor.uniform(-1, 1, shape(plane(), 3, 5));
        TorchRandom.manualSeed(11);
        Tensor y = d.forward(x).clone();
        int[] ones = new int[plane().length];
        Arrays.fill(ones, 1);
        assertArrayEquals(shape(ones, 3, 5), d.noise().sizes());
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
        PlaneDropout d = dropout(0.3, false);
        Tensor y = d.forward(Tensor.filled(1.0, shape(statisticsPlane(), 20, 30)));
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
        PlaneDropout d = dropout(0.25, false);
        d.evaluate();
        Tensor x = Tensor.uniform(-1, 1, shape(statisticsPlane(), 2));
        Tensor g = Tensor.uniform(-1, 1, shape(statisticsPlane(), 2));
        assertEquals(0.0, d.forward(x).maxAbsDiff(x.clone().mul(0.75)));
        assertEquals(0.0, d.backward(x, g).maxAbsDiff(g.clone().mul(0.75)));
    }

    @Test
    void stochasticInferenceKeepsDrawingMasksInEvaluation() {
        PlaneDropout d = dropout(0.5, true);
        d.evaluate();
        Tensor x = Tensor.filled(1.0, shape(plane(), 40));
        Tensor y = d.forward(x);
        double sum = y.sum();
        assertTrue(sum > 0 && sum < x.numel(), "some planes dropped, some kept, none scaled: " + sum);
        assertEquals(0.0, d.backward(x, x).maxAbsDiff(y), "gradInput is masked by the same draw");
    }

    @Test
    void wrongInputsAndArgumentsAreRefused() {
        PlaneDropout d = dropout(0.5, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.forward(wrongDimensionality()));
        assertEquals(wrongDimensionalityMessage(), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> dropout(1.5, false));
        assertEquals(name() + ": illegal dropout probability 1.5, must be 0 <= p <= 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dropout(Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> d.setp(-0.1));
        assertEquals(0.0, dropout(1.0, false).forward(Tensor.filled(1.0, shape(plane(), 2))).sum(), "p = 1 drops everything");
    }
}
