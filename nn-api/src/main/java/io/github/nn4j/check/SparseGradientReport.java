package io.github.nn4j.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What {@link NumericalGradient#checkSparse} found: one line per checked coordinate, numerical
 * against analytic value and CS231n's relative error {@code |n − a| / (|n| + |a|)}.
 * {@link #toString()} is the table CS231n's {@code grad_check_sparse} prints; the library prints
 * nothing itself.
 */
public final class SparseGradientReport {

    /**
     * One checked coordinate.
     *
     * @param index the 0-based index, e.g. {@code [2, 7]}
     * @param numeric the central difference
     * @param analytic the analytic gradient's value
     * @param relError {@code |numeric − analytic| / (|numeric| + |analytic|)}, 0 when both are 0
     */
    public record Entry(String index, double numeric, double analytic, double relError) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s numerical: %.12g analytic: %.12g, relative error: %.3e",
                    index, numeric, analytic, relError);
        }
    }

    private final List<Entry> entries;

    SparseGradientReport(List<Entry> entries) {
        this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /**
     * The checked coordinates, in the order drawn.
     *
     * @return the entries
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The largest relative error (NaN if any is NaN, 0 if nothing was checked).
     *
     * @return the error
     */
    public double maxRelError() {
        double m = 0;
        for (Entry e : entries) {
            if (!(e.relError() <= m)) {
                m = e.relError();
            }
        }
        return m;
    }

    /**
     * Throws an {@link AssertionError} listing every coordinate whose relative error exceeds
     * {@code tolerance} (NaN fails).
     *
     * @param tolerance for example 1e-7
     * @return this
     */
    public SparseGradientReport assertPassed(double tolerance) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            if (!(e.relError() <= tolerance)) {
                sb.append("\n  ").append(e);
            }
        }
        if (sb.length() > 0) {
            throw new AssertionError("sparse gradient check failed (tolerance " + tolerance + "):" + sb);
        }
        return this;
    }

    /** One line per coordinate, as CS231n prints them. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }
}
