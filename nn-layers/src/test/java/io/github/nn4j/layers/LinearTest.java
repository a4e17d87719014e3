package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.ModuleContractTest;

class LinearTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Linear(4, 3);
    }

    @Override
    protected Data sampleInput() {
        return uniform(4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Linear(4 -> 3)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 5);
    }

    /** The same contract without bias. */
    @Nested
    class WithoutBias extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Linear(4, 3, false);
        }

        @Override
        protected Data sampleInput() {
            return uniform(4);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 4);
        }

        @Override
        protected String expectedToString() {
            return "nn.Linear(4 -> 3) without bias";
        }

        @Override
        protected Data wrongInput() {
            return uniform(4, 3);
        }
    }

    @Test
    void initialisationDrawsWeightThenBiasRowMajorFromTheGlobalGenerator() {
        long seed = 77;
        TorchRandom.manualSeed(seed);
        Linear m = new Linear(5, 3);
        TorchRandom fresh = new TorchRandom(seed);
        double bound = 1.0 / Math.sqrt(5);
        double[] w = m.weight().data();
        for (int i = 0; i < 15; i++) {
            assertEquals(fresh.uniform(-bound, bound), w[i], 0.0, "weight element " + i);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(fresh.uniform(-bound, bound), m.bias().data()[i], 0.0, "bias element " + i);
        }
    }

    @Test
    void initialisationStaysInsideTheBounds() {
        Linear m = new Linear(100, 50);
        double bound = 1.0 / Math.sqrt(100);
        assertInside(m.weight(), bound);
        assertInside(m.bias(), bound);
        m.reset(0.5);
        assertInside(m.weight(), 0.5 * Math.sqrt(3));
        assertTrue(max(m.weight()) > bound, "reset(stdv) widens the range to stdv*sqrt(3)");
    }

    @Test
    void forwardIsTheAffineMapInBothForms() {
        Linear m = new Linear(4, 3);
        Tensor x = Tensor.uniform(-2, 2, 5, 4);
        Tensor y = m.forward(x).clone();
        for (int b = 0; b < 5; b++) {
            for (int o = 0; o < 3; o++) {
                double s = m.bias().get(o);
                for (int i = 0; i < 4; i++) {
                    s += m.weight().get(o, i) * x.get(b, i);
                }
                assertEquals(s, y.get(b, o), 1e-14);
            }
            Tensor row = Tensor.fromArray(java.util.Arrays.copyOfRange(x.data(), b * 4, b * 4 + 4), 4);
            Tensor one = m.forward(row);
            assertTrue(one.hasSize(3));
            for (int o = 0; o < 3; o++) {
                assertEquals(y.get(b, o), one.get(o), 1e-14, "a sample equals its row of the batch");
            }
        }
    }

    @Test
    void wrongShapeMessageNamesLayerAndBothShapes() {
        Linear m = new Linear(784, 256);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.zeros(64, 785)));
        assertEquals("nn.Linear(784 -> 256): expected input of size [N, 784] or [784], got [64, 785]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 2, 784)));
    }

    @Test
    void noBiasDropsTheBias() {
        Linear m = new Linear(4, 2).noBias();
        assertNull(m.bias());
        assertEquals(1, m.parameters().size());
        assertEquals("nn.Linear(4 -> 2) without bias", m.toString());
        Tensor x = Tensor.uniform(-1, 1, 3, 4);
        Tensor y = m.forward(x);
        assertEquals(m.weight().get(1, 0) * x.get(2, 0) + m.weight().get(1, 1) * x.get(2, 1)
                + m.weight().get(1, 2) * x.get(2, 2) + m.weight().get(1, 3) * x.get(2, 3), y.get(2, 1), 1e-14);
    }

    @Test
    void steadyBatchSizeReusesTheSameBuffers() {
        Linear m = new Linear(4, 3);
        Tensor x = Tensor.uniform(-1, 1, 6, 4);
        Tensor g = Tensor.uniform(-1, 1, 6, 3);
        Tensor out = m.forward(x);
        double[] outData = out.data();
        double[] giData = m.backward(x, g).data();
        for (int k = 0; k < 3; k++) {
            assertSame(outData, m.forward(x).data());
            assertSame(giData, m.backward(x, g).data());
        }
    }

    private static void assertInside(Tensor t, double bound) {
        for (int i = 0; i < t.numel(); i++) {
            double v = t.data()[i];
            assertTrue(v >= -bound && v < bound, "element " + i + " = " + v + " outside +-" + bound);
        }
    }

    private static double max(Tensor t) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.numel(); i++) {
            m = Math.max(m, t.data()[i]);
        }
        return m;
    }
}
