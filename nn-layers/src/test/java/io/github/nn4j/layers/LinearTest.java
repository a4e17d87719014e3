package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.ModuleContractTest;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.Torch7;

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

    @Test
    void noGradInputSkipsTheInputGradientAndLeavesParameterGradientsBitForBit() {
        TorchRandom.manualSeed(3);
        Sequential<Tensor, Tensor> full = new Sequential<Tensor, Tensor>()
                .add(new Linear(6, 5)).add(new ReLU()).add(new Linear(5, 4));
        @SuppressWarnings("unchecked")
        Sequential<Tensor, Tensor> skip = (Sequential<Tensor, Tensor>) full.copy();
        Linear first = (Linear) skip.get(0);
        assertSame(first, first.noGradInput());
        assertFalse(first.isGradInputEnabled());
        assertNull(first.gradInput());
        Tensor x = Tensor.uniform(-1, 1, 7, 6);
        Tensor g = Tensor.uniform(-1, 1, 7, 4);
        full.forward(x);
        skip.forward(x);
        Tensor fullGradInput = full.backward(x, g);
        assertTrue(fullGradInput.hasSize(7, 6));
        assertNull(skip.backward(x, g), "Sequential's gradInput is its first child's: nil in Torch");
        assertNull(first.updateGradInput(x, Tensor.uniform(-1, 1, 7, 5)));
        for (int p = 0; p < 4; p++) {
            assertArrayEquals(full.parameters().get(p).grad().data(), skip.parameters().get(p).grad().data(),
                    "parameter gradient " + p);
        }
        assertArrayEquals(((Tensor) full.get(2).gradInput()).data(), ((Tensor) skip.get(2).gradInput()).data());
        // a single sample too, and a wrong gradOutput still fails with the layer's message
        assertNull(first.backward(Tensor.uniform(-1, 1, 6), Tensor.uniform(-1, 1, 5)));
        assertThrows(IllegalArgumentException.class, () -> first.updateGradInput(x, Tensor.zeros(7, 4)));
    }

    @Test
    void aLinearWithoutGradInputAfterTheFirstModuleIsAClearErrorInBackward() {
        Linear inner = new Linear(3, 2).noGradInput();
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(new ReLU()).add(inner);
        Tensor x = Tensor.uniform(-1, 1, 4, 3);
        Tensor g = Tensor.uniform(-1, 1, 4, 2);
        net.forward(x);
        String expected = "In 2 module of nn.Sequential (get(1)): nn.Linear(3 -> 2) computes no gradInput"
                + " (noGradInput(), or gradInput = nil in a .t7 file), but module 1 (nn.ReLU) needs it to go"
                + " backward; only the first module may skip it (enableGradInput() turns it back on)";
        assertEquals(expected, assertThrows(IllegalStateException.class, () -> net.backward(x, g)).getMessage());
        assertEquals(expected, assertThrows(IllegalStateException.class, () -> net.updateGradInput(x, g)).getMessage());
        assertEquals(expected, assertThrows(IllegalStateException.class,
                () -> net.accGradParameters(x, g, 1.0)).getMessage());
        inner.enableGradInput();
        assertTrue(net.backward(x, g).hasSize(4, 3));
    }

    @Test
    void tablesAndConcatNeedTheirChildrensGradInputAndSaySo() {
        Tensor x = Tensor.uniform(-1, 1, 3, 5);
        ConcatTable<Tensor> concatTable = new ConcatTable<Tensor>().add(new Identity()).add(new Linear(5, 2).noGradInput());
        Table out = concatTable.forward(x);
        Table g = new Table().add(Tensor.uniform(-1, 1, 3, 5)).add(Tensor.uniform(-1, 1, 3, 2));
        assertEquals("In 2 module of nn.ConcatTable (get(1)): nn.Linear(5 -> 2) computes no gradInput (noGradInput(),"
                + " or gradInput = nil in a .t7 file), but nn.ConcatTable needs it for its own gradInput"
                + " (enableGradInput() turns it back on)",
                assertThrows(IllegalStateException.class, () -> concatTable.backward(x, g)).getMessage());
        assertEquals(2, out.size());

        Concat concat = new Concat(1).add(new Linear(5, 2).noGradInput()).add(new Linear(5, 3));
        concat.forward(x);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> concat.backward(x, Tensor.uniform(-1, 1, 3, 5)));
        assertTrue(e.getMessage().startsWith("In 1 module of nn.Concat (get(0)): nn.Linear(5 -> 2) computes no"),
                e.getMessage());

        ParallelTable parallel = new ParallelTable().add(new Linear(5, 2)).add(new Linear(5, 2).noGradInput());
        Table in = new Table().add(x).add(x);
        parallel.forward(in);
        Table gp = new Table().add(Tensor.uniform(-1, 1, 3, 2)).add(Tensor.uniform(-1, 1, 3, 2));
        e = assertThrows(IllegalStateException.class, () -> parallel.backward(in, gp));
        assertTrue(e.getMessage().startsWith("In 2 module of nn.ParallelTable (get(1)): nn.Linear(5 -> 2) computes no"),
                e.getMessage());
    }

    @Test
    void enableGradInputComputesItAgain() {
        Linear m = new Linear(4, 3).noGradInput();
        Linear reference = ((Linear) m.copy()).enableGradInput();
        assertSame(m, m.enableGradInput());
        assertTrue(m.isGradInputEnabled());
        Tensor x = Tensor.uniform(-1, 1, 2, 4);
        Tensor g = Tensor.uniform(-1, 1, 2, 3);
        m.forward(x);
        reference.forward(x);
        Tensor gi = m.backward(x, g);
        assertTrue(gi.hasSize(2, 4));
        assertArrayEquals(reference.backward(x, g).data(), gi.data());
        assertTrue(new Linear(2, 2).enableGradInput().isGradInputEnabled(), "no-op when already enabled");
    }

    @Test
    void noGradInputSavesWithoutTheFieldAndLoadsBack(@TempDir Path dir) throws Exception {
        Linear m = new Linear(3, 2).noGradInput();
        m.clearState();
        assertNull(m.gradInput(), "clearState keeps it off");
        T7Object saved = (T7Object) T7Bridge.toT7(m);
        assertNull(saved.get("gradInput"), "Torch's `gradInput = nil` leaves no field");
        assertNotNull(((T7Object) T7Bridge.toT7(new Linear(3, 2))).get("gradInput"));
        Path f = dir.resolve("linear.t7");
        T7Bridge.save(f, m, false);
        assertNull(((T7Object) Torch7.load(f)).get("gradInput"));
        Linear back = (Linear) T7Bridge.loadModule(f);
        assertFalse(back.isGradInputEnabled());
        assertArrayEquals(m.weight().data(), back.weight().data());
        T7Bridge.save(f, new Linear(3, 2), false);
        assertTrue(((Linear) T7Bridge.loadModule(f)).isGradInputEnabled());
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
