package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class ReshapeTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Reshape(6);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 3);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 3);
    }

    @Override
    protected String expectedToString() {
        return "nn.Reshape(6)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4, 5);
    }

    @Test
    void torchBatchRule() {
        // Torch [run]: Reshape(6) on 1x6 -> 1x6, on 2x3 -> 6, on 4x2x3 -> 4x6
        assertArrayEquals(new int[] {1, 6}, new Reshape(6).forward(uniform(1, 6)).sizes());
        assertArrayEquals(new int[] {6}, new Reshape(6).forward(uniform(2, 3)).sizes());
        assertArrayEquals(new int[] {4, 6}, new Reshape(6).forward(uniform(4, 2, 3)).sizes());
    }

    @Test
    void forcedBatchMode() {
        assertArrayEquals(new int[] {2, 3}, new Reshape(new int[] {2, 3}, false).forward(uniform(1, 6)).sizes());
        assertArrayEquals(new int[] {6, 1}, new Reshape(new int[] {1}, true).forward(uniform(6)).sizes());
        assertThrows(IllegalArgumentException.class, () -> new Reshape(new int[] {6}, false).forward(uniform(2, 6)));
    }

    @Test
    void printsSizesJoinedByX() {
        assertEquals("nn.Reshape(2x3)", new Reshape(2, 3).toString());
        assertEquals("nn.Reshape(2x3)", new Reshape(new int[] {2, 3}, true).toString());
    }

    @Test
    void outputIsAViewAndGradInputTakesTheInputSize() {
        Tensor x = uniform(2, 6);
        Reshape r = new Reshape(3, 2);
        Tensor y = r.forward(x);
        assertArrayEquals(new int[] {2, 3, 2}, y.sizes());
        assertTrue(y.sharesStorageWith(x));
        Tensor g = uniform(2, 3, 2);
        Tensor gi = r.backward(x, g);
        assertArrayEquals(new int[] {2, 6}, gi.sizes());
        assertArrayEquals(g.toArray(), gi.toArray());
    }

    @Test
    void negativeSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Reshape(2, -1));
    }
}
