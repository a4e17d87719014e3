package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;

class SpatialCrossMapLRNTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialCrossMapLRN(3, 0.5, 0.75, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(4, 3, 2);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4, 3, 2);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialCrossMapLRN";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4, 3);
    }

    /** A window wider than the number of planes. */
    @Nested
    class WideWindow extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialCrossMapLRN(7, 0.8, 0.6, 1);
        }

        @Override
        protected Data sampleInput() {
            return uniform(3, 2, 2);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 3, 2, 2);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialCrossMapLRN";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 2, 2, 2, 2);
        }
    }

    /** Size 1: only the plane itself (Torch's backward fails there; ours is the derivative). */
    @Nested
    class SizeOne extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialCrossMapLRN(1, 0.5);
        }

        @Override
        protected Data sampleInput() {
            return uniform(3, 2, 2);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 3, 2, 2);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialCrossMapLRN";
        }

        @Override
        protected Data wrongInput() {
            return uniform(6);
        }
    }

    @Test
    void forwardIsTheWindowFormula() {
        SpatialCrossMapLRN m = new SpatialCrossMapLRN(5, 0.3, 0.8, 1.5);
        Tensor x = Tensor.uniform(-2, 2, 2, 6, 3, 2);
        Tensor y = m.forward(x);
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 6; c++) {
                for (int h = 0; h < 3; h++) {
                    for (int w = 0; w < 2; w++) {
                        double sum = 0;
                        for (int j = Math.max(0, c - 2); j <= Math.min(5, c + 2); j++) {
                            sum += x.get(b, j, h, w) * x.get(b, j, h, w);
                        }
                        double want = x.get(b, c, h, w) * Math.pow(1.5 + 0.3 / 5 * sum, -0.8);
                        assertEquals(want, y.get(b, c, h, w), 1e-14);
                    }
                }
            }
        }
    }

    @Test
    void defaultsAreTorchs() {
        SpatialCrossMapLRN m = new SpatialCrossMapLRN(5);
        assertEquals(1e-4, m.alpha());
        assertEquals(0.75, m.beta());
        assertEquals(1, m.k());
    }

    @Test
    void badArgumentsAreRefused() {
        assertEquals("nn.SpatialCrossMapLRN: size must be odd and positive, got 4",
                assertThrows(IllegalArgumentException.class, () -> new SpatialCrossMapLRN(4)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpatialCrossMapLRN(0));
        assertThrows(IllegalArgumentException.class, () -> new SpatialCrossMapLRN(3, Double.NaN));
        assertEquals("nn.SpatialCrossMapLRN: expected input of size [C, H, W] or [N, C, H, W], got [3, 4]",
                assertThrows(IllegalArgumentException.class,
                        () -> new SpatialCrossMapLRN(3).forward(Tensor.zeros(3, 4))).getMessage());
    }

    @Test
    void savesTorchsFields() throws Exception {
        T7Object o = (T7Object) T7Bridge.toT7(new SpatialCrossMapLRN(5, 0.5, 0.7, 2));
        assertEquals(5.0, o.getNumber("size"));
        assertEquals(0.5, o.getNumber("alpha"));
        assertEquals(0.7, o.getNumber("beta"));
        assertEquals(2.0, o.getNumber("k"));
        SpatialCrossMapLRN back = (SpatialCrossMapLRN) T7Bridge.toJava(o);
        assertEquals(5, back.size());
        assertEquals(0.7, back.beta());
    }
}
