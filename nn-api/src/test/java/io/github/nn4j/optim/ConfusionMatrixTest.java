package io.github.nn4j.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.nn4j.Tensor;
import org.junit.jupiter.api.Test;

/** Torch's optim.ConfusionMatrix with 0-based classes (issue #15 item 9). */
class ConfusionMatrixTest {

    @Test
    void countsAccuraciesAndTorchsPrintout() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        // scores: argmax per row is 1, 0, 2, 2 (first index wins the tie in the last row)
        Tensor scores = Tensor.of(new double[][] {{0, 5, 1}, {3, 1, 1}, {0, 0, 9}, {1, 1, 1}});
        cm.batchAdd(scores, Tensor.of(1, 0, 1, 2));
        cm.batchAdd(Tensor.of(0, 2), Tensor.of(0, 2));
        cm.add(1, 1);
        // rows = targets: class 0 -> {0, 0}, class 1 -> {1, 2, 1}, class 2 -> {0, 2}
        assertEquals(2, cm.count(0, 0));
        assertEquals(2, cm.count(1, 1));
        assertEquals(1, cm.count(1, 2));
        assertEquals(1, cm.count(2, 0));
        assertEquals(1, cm.count(2, 2));
        assertEquals(1.0, cm.classAccuracy(0));
        assertEquals(2.0 / 3, cm.classAccuracy(1), 1e-15);
        assertEquals(0.5, cm.classAccuracy(2));
        assertEquals((1.0 + 2.0 / 3 + 0.5) / 3, cm.averageClassAccuracy(), 1e-15);
        assertEquals(5.0 / 7, cm.accuracy(), 1e-15);
        String s = cm.toString();
        assertTrue(s.startsWith("ConfusionMatrix:\n[[       2       0       0]   100.000% \t[class: 0]"), s);
        assertTrue(s.contains(" [       0       2       1]   66.667% \t[class: 1]"), s);
        assertTrue(s.contains(" + global correct: 71.429%"), s);
        assertTrue(Double.isNaN(new ConfusionMatrix(2).accuracy()));
        assertArrayEquals(new int[] {1, 0, 2, 0}, scores.max(1).indices());
    }

    @Test
    void badClassesAndShapesAreNamed() {
        ConfusionMatrix cm = new ConfusionMatrix(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cm.add(3, 0));
        assertTrue(e.getMessage().contains("3 outside [0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> cm.batchAdd(Tensor.zeros(2, 4), Tensor.zeros(2)));
        assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> cm.batchAdd(Tensor.of(0, 1.5), Tensor.of(0, 1)));
        assertTrue(e.getMessage().contains("1.5 at position 1"), e.getMessage());
    }
}
