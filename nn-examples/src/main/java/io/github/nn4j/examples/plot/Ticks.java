package io.github.nn4j.examples.plot;

import java.util.Locale;

/**
 * Axis ticks at round numbers: multiples of a step of 1, 2 or 5 times a power of ten (the 1-2-5
 * rule), the smallest such step that puts at most a given number of ticks in the axis range. The
 * tick values are computed as {@code k·m·10^e} (divided by {@code 10^-e} for negative {@code e}),
 * so {@code 0.3} is the double nearest 0.3, not {@code 3 × 0.1}.
 */
final class Ticks {

    private static final int[] MANTISSAS = {1, 2, 5};

    private final double[] values;
    private final int exponent;

    private Ticks(double[] values, int exponent) {
        this.values = values;
        this.exponent = exponent;
    }

    /**
     * The ticks of an axis.
     *
     * @param lo the axis start
     * @param hi the axis end, {@code >= lo}
     * @param maxTicks at most this many ticks, at least 2
     * @param integer whether the axis counts whole things (epochs): the step is then at least 1
     * @return the ticks; for {@code lo == hi} the one tick {@code lo}
     * @throws IllegalArgumentException if the range is not finite or {@code maxTicks < 2}
     */
    static Ticks of(double lo, double hi, int maxTicks, boolean integer) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo || maxTicks < 2) {
            throw new IllegalArgumentException("ticks need a finite range lo <= hi and maxTicks >= 2, got [" + lo + ", "
                    + hi + "] and " + maxTicks);
        }
        if (hi == lo) {
            return new Ticks(new double[] {lo}, 0);
        }
        // start below the step the range needs and go up the 1-2-5 ladder until the ticks fit
        int e = (int) Math.floor(Math.log10((hi - lo) / maxTicks)) - 1;
        if (integer) {
            e = Math.max(e, 0);
        }
        for (int i = 0;; i = (i + 1) % MANTISSAS.length) {
            int m = MANTISSAS[i];
            double step = scale(m, e);
            long first = (long) Math.ceil(lo / step - 1e-9);
            long last = (long) Math.floor(hi / step + 1e-9);
            if (last - first + 1 <= maxTicks) {
                double[] v = new double[(int) Math.max(0, last - first + 1)];
                for (int k = 0; k < v.length; k++) {
                    v[k] = scale((first + k) * m, e);
                }
                return new Ticks(v, e);
            }
            if (i == MANTISSAS.length - 1) {
                e++;
            }
        }
    }

    /** {@code a·10^e}, exact for integers {@code a} and {@code 10^|e|} below 2^53. */
    private static double scale(long a, int e) {
        return e >= 0 ? a * Math.pow(10, e) : a / Math.pow(10, -e);
    }

    /**
     * The tick values, increasing.
     *
     * @return a copy
     */
    double[] values() {
        return values.clone();
    }

    /**
     * A tick's label, with as many decimals as the step has ({@code 0.05} gives two, {@code 500} none).
     *
     * @param value a tick value
     * @return the label, never {@code "-0"}
     */
    String label(double value) {
        String s = String.format(Locale.ROOT, "%." + Math.max(0, -exponent) + "f", value);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }
}
