package io.github.nn4j.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link GradientChecker} found: for every checked tensor (the input's gradient, each
 * parameter's gradient, and the accumulation checks) the largest error and where it is.
 *
 * <p>For an element with analytic value {@code a} and numeric (expected) value {@code n}:
 * the absolute error is {@code |a − n|}, the relative error {@code |a − n| / max(|a|, |n|)}
 * (0 when both are 0), and the <em>scaled</em> error used to pass or fail is
 * {@code |a − n| / max(1, |a|, |n|)}: absolute near zero, relative for large values.
 */
public final class GradientCheckReport {

    /**
     * The worst element of one checked tensor.
     *
     * @param tensor which tensor, e.g. {@code "gradInput"}, {@code "gradInput[1]"},
     *               {@code "parameter 0 (weight) [2, 4]"}, {@code "accumulation of parameter 1 (bias)"}
     * @param index the 0-based index of the worst element, e.g. {@code [1, 3]}
     * @param analytic the value the module computed
     * @param numeric the value expected (central differences, or {@code before + scale·gradient})
     * @param maxAbsError the largest absolute error over the tensor
     * @param maxRelError the largest relative error over the tensor
     * @param maxScaledError the largest scaled error over the tensor (the worst element's)
     * @param count the number of elements checked
     */
    public record Entry(String tensor, String index, double analytic, double numeric,
                        double maxAbsError, double maxRelError, double maxScaledError, int count) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "%s: max abs error %.3e, max rel error %.3e; worst at %s: analytic %.12g vs numeric %.12g",
                    tensor, maxAbsError, maxRelError, index, analytic, numeric);
        }
    }

    private final String subject;
    private final List<Entry> entries;

    GradientCheckReport(String subject, List<Entry> entries) {
        this.subject = subject;
        this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
    }

    /**
     * One entry per checked tensor, in the order checked.
     *
     * @return the entries
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The largest absolute error over every checked element.
     *
     * @return the error, 0 if nothing was checked
     */
    public double maxAbsError() {
        return entries.stream().mapToDouble(Entry::maxAbsError).max().orElse(0);
    }

    /**
     * The largest relative error over every checked element.
     *
     * @return the error, 0 if nothing was checked
     */
    public double maxRelError() {
        return entries.stream().mapToDouble(Entry::maxRelError).max().orElse(0);
    }

    /**
     * The entry holding the element with the largest scaled error.
     *
     * @return the worst entry, or {@code null} if nothing was checked
     */
    public Entry worst() {
        Entry w = null;
        for (Entry e : entries) {
            if (w == null || e.maxScaledError() > w.maxScaledError()) {
                w = e;
            }
        }
        return w;
    }

    /**
     * Whether every element's scaled error is at most {@code tolerance} (NaN fails).
     *
     * @param tolerance for example 1e-6
     * @return true if the check passed
     */
    public boolean passed(double tolerance) {
        for (Entry e : entries) {
            if (!(e.maxScaledError() <= tolerance)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Throws an {@link AssertionError} naming the worst tensor and index when
     * {@link #passed(double)} is false.
     *
     * @param tolerance the largest scaled error allowed
     * @return this
     */
    public GradientCheckReport assertPassed(double tolerance) {
        if (!passed(tolerance)) {
            StringBuilder sb = new StringBuilder("gradient check of ").append(subject)
                    .append(" failed (tolerance ").append(tolerance).append(")");
            for (Entry e : entries) {
                if (!(e.maxScaledError() <= tolerance)) {
                    sb.append("\n  ").append(e);
                }
            }
            throw new AssertionError(sb.toString());
        }
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("gradient check of ").append(subject).append(':');
        for (Entry e : entries) {
            sb.append("\n  ").append(e);
        }
        return sb.toString();
    }
}
