package io.github.nn4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void prepareDrawsAndEncodesAChartWithoutWritingAFile() {
        assertDoesNotThrow(TrainingChart::prepare);
    }

    @Test
    void prepareAsyncRunsOnANamedDaemonThreadThatEnds() throws InterruptedException {
        Thread t = TrainingChart.prepareAsync();
        assertTrue(t.isDaemon());
        assertEquals("nn4j-chart-prepare", t.getName());
        t.join(60_000);
        assertFalse(t.isAlive(), "the preparation thread still runs after 60 s");
    }

    @Test
    void regionsFollowTheClassifier() {
        // scores (x, -x): class 0 right of the y axis, class 1 left of it
        Linear model = new Linear(2, 2);
        model.weight().copy(Tensor.of(new double[][] {{1, 0}, {-1, 0}}));
        model.bias().zero();
        Dataset points = new Dataset(Tensor.of(new double[][] {{-1, -1}, {1, 1}}), new int[] {1, 0}, 2);
        BufferedImage image = DecisionRegions.render("t", model, points, 100);
        int x = DecisionRegions.LEFT;
        int y = DecisionRegions.TOP;
        int left = image.getRGB(x + 10, y + 50);
        int right = image.getRGB(x + 90, y + 50);
        assertNotEquals(left, right);
        assertEquals(left, image.getRGB(x + 20, y + 80));
        assertEquals(right, image.getRGB(x + 80, y + 20));
        assertTrue(model.isTraining(), "the model's mode is restored");
    }

    /** Issue #15, item 12: the picture has a class key and axis titles. */
    @Test
    void regionsHaveAClassKeyAndAxisTitles() {
        Linear model = new Linear(2, 3);
        Dataset points = new Dataset(Tensor.of(new double[][] {{-1, -1}, {1, 1}, {0, 1}}), new int[] {0, 1, 2}, 3);
        int size = 120;
        BufferedImage image = DecisionRegions.render("t", model, points, size);
        assertEquals(DecisionRegions.width(size), image.getWidth());
        for (int k = 0; k < 3; k++) {
            java.awt.Rectangle r = DecisionRegions.keySwatch(size, k);
            assertTrue(r.x > DecisionRegions.LEFT + size, "the key is right of the plot");
            assertEquals(DecisionRegions.pale(DecisionRegions.color(k)).getRGB(), image.getRGB(r.x + 2, r.y + 2),
                    "region colour of class " + k);
            assertEquals(DecisionRegions.color(k).getRGB(), image.getRGB(r.x + r.width / 2, r.y + r.height / 2),
                    "dot colour of class " + k);
            assertTrue(dark(image, r.x + r.width + 6, r.y, r.x + r.width + 60, r.y + r.height), "label of class " + k);
        }
        int bottom = DecisionRegions.TOP + size;
        assertTrue(dark(image, DecisionRegions.LEFT, bottom + 26, DecisionRegions.LEFT + size, bottom + 50),
                "x axis title under the tick labels");
        assertTrue(dark(image, 2, DecisionRegions.TOP, 24, bottom), "y axis title left of the tick labels");
    }

    private static boolean dark(BufferedImage image, int x0, int y0, int x1, int y1) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                java.awt.Color c = new java.awt.Color(image.getRGB(x, y));
                if (c.getRed() + c.getGreen() + c.getBlue() < 300) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void regionsNeedTwoDimensionalPoints() {
        Dataset d = new Dataset(Tensor.zeros(2, 3), new int[] {0, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DecisionRegions.render("t", new Linear(3, 2), d, 50));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    }
}
