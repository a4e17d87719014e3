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

class ViewTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new View(6);
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
        return "nn.View(6)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4, 5);
    }

    @Test
    void batchIsInferredOnlyForAMultipleGreaterThanOne() {
        // Torch [run], issue #219
        assertArrayEquals(new int[] {6}, new View(6).forward(uniform(1, 2, 3)).sizes());
        assertArrayEquals(new int[] {2, 6}, new View(6).forward(uniform(2, 2, 3)).sizes());
        assertArrayEquals(new int[] {1, 6}, new View(6).setNumInputDims(2).forward(uniform(1, 2, 3)).sizes());
        assertArrayEquals(new int[] {6}, new View(6).setNumInputDims(2).forward(uniform(2, 3)).sizes());
        assertArrayEquals(new int[] {4, 3, 2}, new View(3, 2).setNumInputDims(2).forward(uniform(4, 2, 3)).sizes());
    }

    @Test
    void minusOneIsInferredAndNeverABatch() {
        View v = new View(2, -1);
        assertEquals("nn.View(2, -1)", v.toString());
        assertArrayEquals(new int[] {2, 12}, v.forward(uniform(4, 6)).sizes());
        assertArrayEquals(new int[] {4, 2, 3}, new View(2, -1).setNumInputDims(2).forward(uniform(4, 2, 3)).sizes());
    }

    @Test
    void outputAndGradInputShareStorage() {
        Tensor x = uniform(3, 2, 3);
        View v = new View(3, 2);
        Tensor y = v.forward(x);
        assertArrayEquals(new int[] {3, 3, 2}, y.sizes());
        assertTrue(y.sharesStorageWith(x));
        assertArrayEquals(x.toArray(), y.toArray());
        Tensor g = uniform(3, 3, 2);
        Tensor gi = v.backward(x, g);
        assertTrue(gi.sharesStorageWith(g));
        assertArrayEquals(new int[] {3, 2, 3}, gi.sizes());
    }

    @Test
    void invalidSizesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new View(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> new View(2, -2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new View(4).setNumInputDims(3).forward(uniform(2, 2)));
        assertTrue(e.getMessage().contains("nn.View(4)") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }
}
