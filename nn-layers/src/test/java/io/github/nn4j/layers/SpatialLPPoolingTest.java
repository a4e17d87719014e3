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

class SpatialLPPoolingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialLPPooling(2, 2, 2, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 4, 6);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 4, 6);
    }

    @Override
    protected String expectedToString() {
        return "nn.Sequential {\n  [input -> (1) -> (2) -> (3) -> (4) -> output]\n  (1): nn.Square\n"
                + "  (2): nn.SpatialAveragePooling(2x2, 2,2)\n  (3): " + new MulConstant(4) + "\n  (4): "
                + new Sqrt(0) + "\n}";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 4, 6);
    }

    /** p = 3 on positive inputs (x^3 of a negative sum has no real cube root in Torch either). */
    @Nested
    class Cubic extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialLPPooling(2, 3, 3, 2, 1, 2);
        }

        @Override
        protected Data sampleInput() {
            return Tensor.uniform(0.5, 2, 2, 4, 6);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return Tensor.uniform(0.5, 2, batchSize, 2, 4, 6);
        }

        @Override
        protected String expectedToString() {
            return "nn.Sequential {\n  [input -> (1) -> (2) -> (3) -> (4) -> output]\n  (1): " + new Power(3)
                    + "\n  (2): nn.SpatialAveragePooling(3x2, 1,2)\n  (3): " + new MulConstant(6) + "\n  (4): "
                    + new Power(1.0 / 3) + "\n}";
        }

        @Override
        protected Data wrongInput() {
            return Tensor.uniform(0.5, 2, 2, 1, 6);
        }
    }

    @Test
    void isThePNormOfEachWindow() {
        Tensor x = Tensor.fromArray(new double[] {3, 4, 0, 0}, 1, 1, 4);
        Tensor y = new SpatialLPPooling(1, 2, 2, 1).forward(x);
        assertEquals(5.0, y.get(0, 0, 0), 1e-14);
        assertEquals(0.0, y.get(0, 0, 1), 1e-14);
    }

    @Test
    void checksPlanesAndArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialLPPooling(2, 2, 2, 2).forward(Tensor.zeros(3, 4, 4)));
        assertTrue(e.getMessage().contains("[2, H, W] or [N, 2, H, W]") && e.getMessage().contains("[3, 4, 4]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpatialLPPooling(2, 0, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new SpatialLPPooling(2, 2, 0, 2));
        assertThrows(UnsupportedOperationException.class, () -> new SpatialLPPooling(2, 2, 2, 2).add(new Square()));
    }
}
