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

class SpatialAdaptiveMaxPoolingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialAdaptiveMaxPooling(3, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 5, 7);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 5, 7);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialAdaptiveMaxPooling";
    }

    @Override
    protected Data wrongInput() {
        return uniform(5, 7);
    }

    @Test
    void windowsFollowThnnIndexFormulas() {
        SpatialAdaptiveMaxPooling m = new SpatialAdaptiveMaxPooling(3, 2);
        m.forward(Tensor.zeros(1, 5, 7));
        // rows: [floor(0), ceil(2.5)) = [0, 3), [floor(2.5), ceil(5)) = [2, 5)
        assertEquals(0, m.rowStart[0]);
        assertEquals(3, m.rowEnd[0]);
        assertEquals(2, m.rowStart[1]);
        assertEquals(5, m.rowEnd[1]);
        // columns of 7 in 3: [0, 3), [2, 5), [4, 7)
        assertEquals(4, m.colStart[2]);
        assertEquals(7, m.colEnd[2]);
        assertThrows(IllegalArgumentException.class, () -> new SpatialAdaptiveMaxPooling(0, 2));
    }

    @Test
    void exactWindowsAgreeWithThnnFloatFormulas() {
        for (int in = 1; in <= 512; in++) {
            for (int out = 1; out <= 512; out += out < 64 ? 1 : 7) {
                int[] start = new int[out];
                int[] end = new int[out];
                AdaptivePooling.fill(start, end, in, out);
                for (int i = 0; i < out; i++) {
                    int s = (int) Math.floor((float) (i * in) / out);
                    int e = (int) Math.ceil((float) ((i + 1) * in) / out);
                    if (s != start[i] || e != end[i]) {
                        assertEquals(s + ".." + e, start[i] + ".." + end[i], "in " + in + ", out " + out + ", i " + i);
                    }
                }
            }
        }
    }
}
