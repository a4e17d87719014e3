package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class ShaveImageTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new ShaveImage(1);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 4, 5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 4, 5);
    }

    @Override
    protected String expectedToString() {
        return "nn.ShaveImage";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 2, 2, 5);
    }

    @Test
    void cropsEachBorderAndPutsTheGradientBack() {
        Tensor x = Tensor.uniform(-1, 1, 2, 3, 6, 7);
        ShaveImage m = new ShaveImage(2);
        Tensor y = m.forward(x);
        assertEquals("[2, 3, 2, 3]", y.shapeString());
        Tensor g = Tensor.uniform(-1, 1, 2, 3, 2, 3);
        Tensor gi = m.backward(x, g);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 6; i++) {
                    for (int j = 0; j < 7; j++) {
                        boolean inside = i >= 2 && i < 4 && j >= 2 && j < 5;
                        if (inside) {
                            assertEquals(x.get(n, c, i, j), y.get(n, c, i - 2, j - 2));
                        }
                        assertEquals(inside ? g.get(n, c, i - 2, j - 2) : 0.0, gi.get(n, c, i, j));
                    }
                }
            }
        }
        assertEquals(2, m.size());
    }

    @Test
    void negativeSizeAndTooSmallInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ShaveImage(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShaveImage(2).forward(Tensor.zeros(1, 3, 4, 9)));
        assertEquals("nn.ShaveImage: expected input of size [C, H, W] or [N, C, H, W] with H > 4 and W > 4, got [1, 3, 4, 9]",
                e.getMessage());
    }
}
