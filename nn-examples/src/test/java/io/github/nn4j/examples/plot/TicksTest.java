package io.github.nn4j.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.nn4j.optim.EpochResult;

/**
 * Issue #15, item 12: axis ticks at round numbers (the spiral chart's 3,000-epoch axis had ticks at
 * 1, 216, 431, ...). Expected ticks are worked out by hand from the 1-2-5 rule: the smallest step
 * m·10^e (m in 1, 2, 5) with at most maxTicks multiples in the range.
 */
class TicksTest {

    @Test
    void threeThousandEpochsTickEveryFiveHundred() {
        // 2999/10 = 300 per tick at least: 500 gives 500..3000 (6 ticks), 200 would give 15
        assertArrayEquals(new double[] {500, 1000, 1500, 2000, 2500, 3000}, Ticks.of(1, 3000, 10, true).values());
    }

    @Test
    void theSpiralChartsEpochAxisHasRoundTicks() {
        List<EpochResult> history = new ArrayList<>();
        for (int e = 0; e < 3000; e++) {
            history.add(new EpochResult(e, 1.0 / (e + 1), 0.9, Double.NaN));
        }
        LinePlot[] panels = TrainingChart.panels(history, false);
        for (LinePlot p : panels) {
            for (double v : p.xTicks().values()) {
                assertEquals(0, v % 500, p.title() + ": tick " + v);
            }
            assertEquals("epoch", p.xTitle());
        }
        // the axis runs 3 % beyond epochs 1 and 3000, so 0 is on it too
        assertArrayEquals(new double[] {0, 500, 1000, 1500, 2000, 2500, 3000}, panels[0].xTicks().values());
    }

    @Test
    void fifteenEpochsTickEveryTwo() {
        // range 15 * 1.06 around 1..15: 1 per tick gives 15 > 10, 2 gives 2..14
        LinePlot p = new LinePlot("t", "epoch", "loss", true).add("s", seq(1, 15), seq(1, 15), java.awt.Color.BLACK);
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12, 14}, p.xTicks().values());
    }

    @Test
    void decimalsAreExactAndLabelledWithTheStepsDecimals() {
        Ticks t = Ticks.of(0, 1, 6, false);
        // 0.1 gives 11 ticks, 0.2 gives 6
        assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, t.values());
        assertEquals("0.6", t.label(t.values()[3]));
        Ticks small = Ticks.of(0.031, 0.58, 6, false);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, small.values());
        assertEquals("0.3", small.label(0.30000000000000004));
        assertEquals("1000", Ticks.of(1, 3000, 10, true).label(1000));
    }

    @Test
    void negativeRangesCrossZeroWithoutMinusZero() {
        Ticks t = Ticks.of(-0.94, 1.09, 6, false);
        // 0.2 gives 10 ticks, 0.5 gives -0.5, 0, 0.5, 1
        assertArrayEquals(new double[] {-0.5, 0, 0.5, 1.0}, t.values());
        assertEquals("0.0", t.label(-0.0));
        assertEquals("-0.5", t.label(-0.5));
    }

    @Test
    void integerAxesNeverTickBetweenWholeNumbers() {
        assertArrayEquals(new double[] {1, 2, 3}, Ticks.of(0.9, 3.1, 10, true).values());
        assertArrayEquals(new double[] {1}, Ticks.of(1, 1, 10, true).values());
    }

    @Test
    void randomRangesFollowTheRule() {
        Random random = new Random(15);
        for (int trial = 0; trial < 2000; trial++) {
            double lo = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(9) - 4);
            double hi = lo + random.nextDouble() * Math.pow(10, random.nextInt(9) - 4) + 1e-6;
            int max = 2 + random.nextInt(9);
            double[] v = Ticks.of(lo, hi, max, false).values();
            String where = "[" + lo + ", " + hi + "] max " + max;
            assertTrue(v.length >= 1 && v.length <= max, where + ": " + v.length + " ticks");
            double slack = 1e-9 * (hi - lo) + 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
            for (double x : v) {
                assertTrue(x >= lo - slack && x <= hi + slack, where + ": " + x);
            }
            if (v.length >= 2) {
                double step = v[1] - v[0];
                int e = (int) Math.floor(Math.log10(step) + 1e-6);
                double m = step / Math.pow(10, e);
                assertTrue(Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6,
                        where + ": step " + step);
                // the next smaller 1-2-5 step (exact: 5e-1, 1e0 or 2e0 times 10^e) puts more than max ticks in the range
                long mm = Math.round(m);
                double smaller = mm == 1 ? 5 * exact(e - 1) : mm == 2 ? exact(e) : 2 * exact(e);
                long count = (long) Math.floor(hi / smaller + 1e-9) - (long) Math.ceil(lo / smaller - 1e-9) + 1;
                assertTrue(count > max, where + ": step " + smaller + " also fits");
            }
        }
    }

    @Test
    void badRangesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Ticks.of(1, 0, 5, false));
        assertThrows(IllegalArgumentException.class, () -> Ticks.of(0, Double.NaN, 5, false));
        assertThrows(IllegalArgumentException.class, () -> Ticks.of(0, 1, 1, false));
    }

    private static double exact(int e) {
        return e >= 0 ? Math.pow(10, e) : 1 / Math.pow(10, -e);
    }

    private static double[] seq(int from, int to) {
        double[] v = new double[to - from + 1];
        for (int i = 0; i < v.length; i++) {
            v[i] = from + i;
        }
        return v;
    }
}
