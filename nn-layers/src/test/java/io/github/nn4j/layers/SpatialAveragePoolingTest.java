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

class SpatialAveragePoolingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialAveragePooling(3, 3, 2, 2, 1, 1);
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
        return "nn.SpatialAveragePooling(3x3, 2,2, 1,1)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 1, 2, 5, 6);
    }

    /** Counting only the real pixels, in ceil mode. */
    @Nested
    class ExcludePadCeil extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialAveragePooling(2, 2, 2, 2, 1, 1).ceil().setCountExcludePad();
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
            return "nn.SpatialAveragePooling(2x2, 2,2, 1,1)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(6, 5);
        }
    }

    @Test
    void divisorsFollowThnnAtTheBorders() {
        Tensor x = Tensor.filled(1.0, 1, 3, 3);
        // 3x3 windows, stride 2, pad 1 on a 3x3 input of ones: every window holds 4 real pixels
        Tensor inc = new SpatialAveragePooling(3, 3, 2, 2, 1, 1).forward(x);
        assertEquals(4.0 / 9, inc.get(0, 0, 0), 1e-15);
        Tensor exc = new SpatialAveragePooling(3, 3, 2, 2, 1, 1).setCountExcludePad().forward(x);
        assertEquals(1.0, exc.get(0, 0, 0), 1e-15);
        // ceil without padding: the last 2x2 window of a width-3 row holds one column and divides by 2
        Tensor ceil = new SpatialAveragePooling(2, 2, 2, 2).ceil().forward(Tensor.filled(1.0, 1, 2, 3));
        assertTrue(ceil.hasSize(1, 1, 2));
        assertEquals(1.0, ceil.get(0, 0, 1), 1e-15);
        Tensor sum = new SpatialAveragePooling(2, 2, 2, 2).setDivide(false).forward(Tensor.filled(1.0, 1, 2, 2));
        assertEquals(4.0, sum.get(0, 0, 0), 1e-15);
    }

    @Test
    void stepsDefaultToOne() {
        assertTrue(new SpatialAveragePooling(2, 2).forward(Tensor.zeros(1, 4, 4)).hasSize(1, 3, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialAveragePooling(2, 2, 0, 1));
        assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
    }
}
