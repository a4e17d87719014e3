package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class VolumetricMaxPoolingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new VolumetricMaxPooling(2, 2, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 3, 4, 5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 3, 4, 5);
    }

    @Override
    protected String expectedToString() {
        return "nn.VolumetricMaxPooling(2x2x2, 2,2,2)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 4, 5);
    }

    /** Overlapping, padded windows in ceil mode. */
    @Nested
    class PaddedCeil extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new VolumetricMaxPooling(3, 2, 3, 2, 1, 2, 1, 1, 1).ceil();
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 4, 5, 3);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 4, 5, 3);
        }

        @Override
        protected String expectedToString() {
            return "nn.VolumetricMaxPooling(3x2x3, 2,1,2, 1,1,1)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(1, 1, 1, 1, 2, 3);
        }
    }

    @Test
    void outputSizesFollowTorchsFloorCeilAndLastWindowRules() {
        Tensor x = Tensor.uniform(-1, 1, 1, 5, 5, 5);
        assertArrayEquals(new int[] {1, 2, 2, 2}, new VolumetricMaxPooling(2, 2, 2).forward(x).sizes());
        assertArrayEquals(new int[] {1, 3, 3, 3}, new VolumetricMaxPooling(2, 2, 2).ceil().forward(x).sizes());
        // ceil with pad 1: ceil((5 + 2 - 2) / 2) + 1 = 4, but (4 - 1) * 2 >= 5 + 1: the last window would
        // start in the padding and is dropped
        assertArrayEquals(new int[] {1, 3, 3, 3}, new VolumetricMaxPooling(2, 2, 2, 2, 2, 2, 1, 1, 1).ceil()
                .forward(x).sizes());
    }

    @Test
    void firstMaximumWinsATieAndIndicesArePlaneOffsets() {
        VolumetricMaxPooling m = new VolumetricMaxPooling(1, 2, 1, 1, 1, 1);
        Tensor x = Tensor.fromArray(new double[] {3, 3, 1}, 1, 1, 1, 3);
        assertArrayEquals(new double[] {3, 3}, m.forward(x).toArray());
        assertArrayEquals(new double[] {0, 1}, m.indices().toArray());
        assertArrayEquals(new double[] {1, 1, 0}, m.backward(x, Tensor.filled(1, 1, 1, 1, 2)).toArray());
    }

    @Test
    void wrongInputsAndArgumentsAreRefused() {
        VolumetricMaxPooling m = new VolumetricMaxPooling(2, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.zeros(3, 1, 4, 6)));
        assertEquals("nn.VolumetricMaxPooling(2x2x2, 2,2,2): expected input of size [C, T, H, W] or [B, C, T, H, W]"
                + " large enough for a 2x2x2 window (T x H x W) with pads 0,0,0, got [3, 1, 4, 6]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new VolumetricMaxPooling(2, 2, 2, 1, 1, 1, 2, 0, 0));
        assertEquals("nn.VolumetricMaxPooling(2x2x2, 1,1,1, 2,0,0): pad should be at least 0 and at most half of the"
                + " kernel size (kT/2, kW/2, kH/2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VolumetricMaxPooling(2, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new VolumetricMaxPooling(2, 2, 2, 1, 1, -1));
    }
}
