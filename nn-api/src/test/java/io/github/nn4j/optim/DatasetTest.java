package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;

class DatasetTest {

    @Test
    void holdsCopiesAndSelects() {
        Tensor f = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        int[] labels = {2, 0, 1};
        Dataset d = Dataset.of(f, labels);
        f.fill(0);
        labels[0] = 0;
        assertEquals(3, d.size());
        assertEquals(3, d.numClasses());
        assertArrayEquals(new int[] {2}, d.sampleSize());
        assertEquals(2, d.label(0));
        assertEquals(1.0, d.features().get(0, 0));
        Dataset s = d.select(new int[] {2, 0});
        assertArrayEquals(new int[] {1, 2}, s.labels());
        assertEquals(0, s.features().maxAbsDiff(Tensor.of(new double[][] {{5, 6}, {1, 2}})));
        assertEquals(3, s.numClasses());
        assertArrayEquals(new int[] {0, 1}, d.range(1, 3).labels());
        assertArrayEquals(new int[] {1, 1, 1}, d.classCounts());
        assertEquals("Dataset(3 samples of size [2], 3 classes)", d.toString());
    }

    @Test
    void refusesNaNAndInfinityNamingTheFirstPosition() {
        Tensor f = Tensor.zeros(3, 2, 2);
        f.put(Double.POSITIVE_INFINITY, 2, 0, 0);
        f.put(Double.NaN, 1, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(f, new int[] {0, 1, 0}, 2));
        assertTrue(e.getMessage().contains("features hold NaN at [1, 1, 0]"), e.getMessage());
        Tensor y = Tensor.zeros(3, 1);
        y.put(Double.NEGATIVE_INFINITY, 2, 0);
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.regression(Tensor.zeros(3, 2), y));
        assertTrue(e.getMessage().contains("targets hold -Infinity at [2, 0]"), e.getMessage());
    }

    @Test
    void rejectsBadLabelsAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(Tensor.zeros(2, 3), new int[] {0, 3}, 3));
        assertTrue(e.getMessage().contains("label 3 at position 1 is outside [0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(2, 3), new int[] {0}, 3));
        assertThrows(IllegalArgumentException.class, () -> new Dataset(Tensor.zeros(3), new int[] {0, 0, 0}, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Dataset.of(Tensor.zeros(2, 1), new int[] {0, 1})
                .select(new int[] {2}));
    }
}
