package io.github.nn4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.optim.Dataset;
import io.github.nn4j.optim.EpochResult;

class TrainingChartTest {

    @Test
    void chartHasTwoPanelsUnderATitle() {
        List<EpochResult> history = new ArrayList<>();
        for (int e = 0; e < 5; e++) {
            history.add(new EpochResult(e, 1.0 / (e + 1), 0.5 + 0.1 * e, 0.45 + 0.1 * e));
        }
        BufferedImage image = TrainingChart.render("title", history, true);
        assertEquals(1200, image.getWidth());
        assertEquals(456, image.getHeight());
    }

    @Test
    void regionsFollowTheClassifier() {
        // scores (x, -x): class 0 right of the y axis, class 1 left of it
        Linear model = new Linear(2, 2);
        model.weight().copy(Tensor.of(new double[][] {{1, 0}, {-1, 0}}));
        model.bias().zero();
        Dataset points = new Dataset(Tensor.of(new double[][] {{-1, -1}, {1, 1}}), new int[] {1, 0}, 2);
        BufferedImage image = DecisionRegions.render("t", model, points, 100);
        int left = image.getRGB(40 + 10, 34 + 50);
        int right = image.getRGB(40 + 90, 34 + 50);
        assertNotEquals(left, right);
        assertEquals(left, image.getRGB(40 + 20, 34 + 80));
        assertEquals(right, image.getRGB(40 + 80, 34 + 20));
        assertTrue(model.isTraining(), "the model's mode is restored");
    }

    @Test
    void regionsNeedTwoDimensionalPoints() {
        Dataset d = new Dataset(Tensor.zeros(2, 3), new int[] {0, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecisionRegions.render("t", new Linear(3, 2), d, 50));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    }
}
