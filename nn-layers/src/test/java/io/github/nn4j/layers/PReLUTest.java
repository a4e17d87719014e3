package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.ModuleContractTest;

/** One shared slope (any shape), and one slope per plane (nested). */
class PReLUTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new PReLU();
    }

    @Override
    protected double[] kinks() {
        return new double[] {0};
    }

    @Override
    protected String expectedToString() {
        return "nn.PReLU";
    }

    /** Three planes: [3] samples and [N, 3, 2, 2] batches. */
    @Nested
    class PerPlane extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            PReLU m = new PReLU(3);
            m.weight().copy(Tensor.of(0.1, 0.3, -0.2));
            return m;
        }

        @Override
        protected Data sampleInput() {
            return awayFromKinks(uniform(3), 0);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return awayFromKinks(uniform(batchSize, 3, 2, 2), 0);
        }

        @Override
        protected String expectedToString() {
            return "nn.PReLU";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 4, 5);
        }
    }

    @Test
    void slopesStartAtAQuarterWithoutDrawing() {
        TorchRandom.manualSeed(5);
        PReLU shared = new PReLU();
        PReLU planes = new PReLU(4);
        assertEquals(new TorchRandom(5).random(), TorchRandom.global().random(), "no random number was drawn");
        assertArrayEquals(new double[] {0.25}, shared.weight().toArray(), 0.0);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, planes.weight().toArray(), 0.0);
        planes.reset();
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, planes.weight().toArray(), 0.0,
                "Torch has no PReLU:reset");
    }

    @Test
    void planesAreDimensionOneOfABatchAndZeroOfAVector() {
        PReLU m = new PReLU(2);
        m.weight().copy(Tensor.of(0.5, 2));
        Tensor batch = Tensor.of(new double[][] {{-1, -1, -1}, {-1, 4, -2}}).view(1, 2, 3);
        assertArrayEquals(new double[] {-0.5, -0.5, -0.5, -2, 4, -4}, m.forward(batch).toArray(), 0.0);
        assertArrayEquals(new double[] {-0.5, -2}, m.forward(Tensor.of(-1, -1)).toArray(), 0.0);
        m.zeroGradParameters();
        Tensor g = Tensor.filled(1.0, 1, 2, 3);
        m.backward(batch, g, 0.5);
        // gradWeight += scale * sum of x * g over the non-positive inputs of each plane
        assertArrayEquals(new double[] {-1.5, -1.5}, m.parameters().get(0).grad().toArray(), 0.0);
    }

    @Test
    void wrongPlaneCountNamesModuleAndShapes() {
        PReLU m = new PReLU(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 4)));
        assertEquals("nn.PReLU: expected input of size [3] or [N, 3, ...] (3 planes in dimension 1), got [2, 4]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(5)));
        assertTrue(e.getMessage().contains("dimension 0") && e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void negativePlaneCountIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PReLU(-1));
        assertEquals("nn.PReLU: nOutputPlane must be >= 0 (0: one shared slope), got -1", e.getMessage());
    }
}
