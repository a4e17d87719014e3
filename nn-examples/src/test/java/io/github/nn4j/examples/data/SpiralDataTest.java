package io.github.nn4j.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.TorchRandom;
import io.github.nn4j.optim.Dataset;

class SpiralDataTest {

    @Test
    void linspaceIsNumpys() {
        assertEquals(0.0, SpiralData.linspace(0, 1, 5, 0));
        assertEquals(0.25, SpiralData.linspace(0, 1, 5, 1));
        assertEquals(1.0, SpiralData.linspace(0, 1, 5, 4));
        assertEquals(12.0, SpiralData.linspace(8, 12, 100, 99));
        assertEquals(8.0, SpiralData.linspace(8, 12, 1, 0));
    }

    @Test
    void threeSpiralsOfRadiusLinspaceAndNoisyAngle() {
        int n = 100;
        Dataset d = SpiralData.generate(n, 7);
        assertEquals(300, d.size());
        assertArrayEquals(new int[] {2}, d.sampleSize());
        assertArrayEquals(new int[] {100, 100, 100}, d.classCounts());
        double[] x = d.features().data();
        TorchRandom rng = new TorchRandom(7);
        double maxNoise = 0;
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < n; i++) {
                int row = k * n + i;
                assertEquals(k, d.label(row));
                double r = i / 99.0;
                assertEquals(r, Math.hypot(x[2 * row], x[2 * row + 1]), 1e-12, "radius of point " + row);
                // x = (r sin t, r cos t) with t = 4k + 4i/99 + 0.2·randn, the draws in row order
                double t = 4.0 * k + i * (4.0 / 99) + 0.2 * rng.normal(0, 1);
                assertEquals(r * Math.sin(t), x[2 * row], 1e-12);
                assertEquals(r * Math.cos(t), x[2 * row + 1], 1e-12);
                if (i > 0) {
                    double angle = Math.atan2(x[2 * row], x[2 * row + 1]);
                    double offset = Math.IEEEremainder(angle - (4.0 * k + i * (4.0 / 99)), 2 * Math.PI);
                    maxNoise = Math.max(maxNoise, Math.abs(offset));
                }
            }
        }
        // the angular noise is N(0, 0.2²): in 300 draws, within 5σ and not absent
        assertTrue(maxNoise > 0.2 && maxNoise < 1.0, "largest angular offset " + maxNoise);
    }

    @Test
    void aSeedFixesTheData() {
        Dataset a = SpiralData.generate(50, 3, new TorchRandom(1));
        Dataset b = SpiralData.generate(50, 3, new TorchRandom(1));
        Dataset c = SpiralData.generate(50, 3, new TorchRandom(2));
        assertEquals(0, a.features().maxAbsDiff(b.features()));
        assertNotEquals(0, a.features().maxAbsDiff(c.features()));
        assertEquals(5, SpiralData.generate(4, 5, new TorchRandom(1)).numClasses());
        assertThrows(IllegalArgumentException.class, () -> SpiralData.generate(0, 7));
    }
}
