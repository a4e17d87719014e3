package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class SpatialMaxPoolingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialMaxPooling(3, 2, 2, 1, 1, 1);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 5, 6);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 5, 6);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialMaxPooling(3x2, 2,1, 1,1)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 1, 2, 5, 6);
    }

    /** Ceil mode without padding. */
    @Nested
    class Ceil extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialMaxPooling(3, 3, 2, 2).ceil();
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 6, 5);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 6, 5);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialMaxPooling(3x3, 2,2)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 1, 5);
        }
    }

    @Test
    void ceilModeOutputSizeFollowsTorch() {
        // (6 - 3) / 2 = 1.5: floor gives 2 rows, ceil 3; width (5 - 3) / 2 = 1 exactly: 2 both ways
        assertTrue(new SpatialMaxPooling(3, 3, 2, 2).forward(Tensor.zeros(1, 6, 5)).hasSize(1, 2, 2));
        assertTrue(new SpatialMaxPooling(3, 3, 2, 2).ceil().forward(Tensor.zeros(1, 6, 5)).hasSize(1, 3, 2));
        // padded ceil: (5 - 2 + 2) / 2 = 2.5 -> 4, but the 4th window would start at 6 >= 5 + 1: 3
        assertTrue(new SpatialMaxPooling(2, 2, 2, 2, 1, 1).ceil().forward(Tensor.zeros(1, 5, 5)).hasSize(1, 3, 3));
        assertEquals(3, Spatial.poolOutputSize(5, 2, 2, 1, true));
        assertEquals(2, Spatial.poolOutputSize(5, 1, 3, 0, true), "a window wholly outside is dropped");
    }

    @Test
    void twoByTwoFastPathMatchesTheWindowRuleWithTiesAndNaNs() {
        java.util.Random rnd = new java.util.Random(7);
        // even and odd sizes (floor mode drops the last row/column), batch and non-batch
        for (int[] shape : new int[][] {{3, 6, 8}, {2, 2, 7, 5}, {1, 2, 2}}) {
            Tensor x = Tensor.zeros(shape);
            double[] d = x.data();
            for (int i = 0; i < d.length; i++) {
                // few distinct values: many ties; some NaNs
                d[i] = rnd.nextInt(10) == 0 ? Double.NaN : rnd.nextInt(4);
            }
            SpatialMaxPooling m = new SpatialMaxPooling(2, 2);
            Tensor y = m.forward(x);
            int ih = shape[shape.length - 2];
            int iw = shape[shape.length - 1];
            int oh = ih / 2;
            int ow = iw / 2;
            int planes = d.length / (ih * iw);
            for (int p = 0, o = 0; p < planes; p++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++, o++) {
                        // Torch's rule, written out: row-major scan, first maximum, a NaN wins
                        double max = Double.NEGATIVE_INFINITY;
                        int arg = 2 * i * iw + 2 * j;
                        for (int r = 2 * i; r < 2 * i + 2; r++) {
                            for (int c = 2 * j; c < 2 * j + 2; c++) {
                                double v = d[p * ih * iw + r * iw + c];
                                if (v > max || Double.isNaN(v)) {
                                    max = v;
                                    arg = r * iw + c;
                                }
                            }
                        }
                        assertEquals(max, y.data()[o], "value at " + o);
                        assertEquals(arg, m.indices()[o], "index at " + o);
                    }
                }
            }
        }
    }

    @Test
    void firstMaximumWinsATieAndKeepsItsIndex() {
        SpatialMaxPooling m = new SpatialMaxPooling(2, 2);
        Tensor x = Tensor.fromArray(new double[] {1, 3, 3, 0, 2, 3, 3, 3}, 1, 2, 4);
        Tensor y = m.forward(x);
        assertEquals(3.0, y.get(0, 0, 0));
        assertEquals(1, m.indices()[0], "(0, 1) precedes (1, 1)");
        assertEquals(2, m.indices()[1], "(0, 2) precedes (1, 2) and (1, 3)");
        Tensor g = m.backward(x, Tensor.fromArray(new double[] {5, 7}, 1, 1, 2));
        assertEquals(5.0, g.get(0, 0, 1));
        assertEquals(7.0, g.get(0, 0, 2));
        assertEquals(12.0, g.sum());
    }

    @Test
    void indicesAreSavedAsTorchsOneBasedLongTensorAndReadBack() throws Exception {
        SpatialMaxPooling m = new SpatialMaxPooling(2, 2);
        Tensor x = Tensor.uniform(-1, 1, 2, 3, 4, 6);
        m.forward(x);
        io.github.nn4j.torch7.T7Object raw = (io.github.nn4j.torch7.T7Object) io.github.nn4j.torch7.T7Bridge.toT7(m);
        io.github.nn4j.torch7.T7Tensor ind = raw.getTensor("indices");
        assertEquals(io.github.nn4j.torch7.T7ElementType.LONG, ind.elementType());
        assertEquals(java.util.Arrays.toString(new long[] {2, 3, 2, 3}), java.util.Arrays.toString(ind.sizes()));
        double[] v = ind.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(m.indices()[i] + 1, v[i], "index " + i + " is 1-based");
        }
        assertEquals(4.0, raw.getNumber("iheight"));
        assertEquals(6.0, raw.getNumber("iwidth"));
        // read back, the indices drive an unpooling without a new forward
        SpatialMaxPooling back = (SpatialMaxPooling) io.github.nn4j.torch7.T7Bridge.toJava(raw);
        Tensor pooled = m.output().deepCopy();
        Tensor expected = new SpatialMaxUnpooling(m).forward(pooled).deepCopy();
        assertEquals(0.0, new SpatialMaxUnpooling(back).forward(pooled).maxAbsDiff(expected));
        // before any forward: an empty LongTensor, as Torch's constructor leaves it
        io.github.nn4j.torch7.T7Object fresh =
                (io.github.nn4j.torch7.T7Object) io.github.nn4j.torch7.T7Bridge.toT7(new SpatialMaxPooling(2, 2));
        assertEquals(0, fresh.getTensor("indices").dim());
        assertEquals(io.github.nn4j.torch7.T7ElementType.LONG, fresh.getTensor("indices").elementType());
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpatialMaxPooling(0, 2));
        assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SpatialMaxPooling(2, 2, 1, 1, 2, 0));
        assertTrue(e.getMessage().contains("half the kernel size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SpatialMaxPooling(3, 3).forward(Tensor.zeros(2, 2, 5)));
        assertEquals("nn.SpatialMaxPooling(3x3, 3,3): expected input of size [C, H, W] or [N, C, H, W] with "
                + "H >= 3 and W >= 3, got [2, 2, 5]", e.getMessage());
        // in ceil mode a 3x3 window moved by 2 needs only 2 rows
        e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialMaxPooling(3, 3, 2, 2).ceil().forward(Tensor.zeros(2, 1, 5)));
        assertTrue(e.getMessage().contains("with H >= 2 and W >= 2, got [2, 1, 5]"), e.getMessage());
        assertTrue(new SpatialMaxPooling(3, 3, 2, 2).ceil().forward(Tensor.zeros(2, 2, 2)).hasSize(2, 1, 1));
    }
}
