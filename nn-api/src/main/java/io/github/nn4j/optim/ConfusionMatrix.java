package io.github.nn4j.optim;

import java.util.Locale;

import io.github.nn4j.Tensor;

/**
 * Counts of (target, prediction) pairs, Torch's {@code optim.ConfusionMatrix}
 * ({@code optim/ConfusionMatrix.lua}): row {@code t}, column {@code p} holds how many samples of
 * class {@code t} were predicted as {@code p}. Classes are 0-based here (Lua's are 1-based).
 *
 * <p>{@link #toString()} prints as Torch's {@code __tostring__}: the matrix with each row's
 * accuracy, then the average row accuracy and the global accuracy.
 */
public final class ConfusionMatrix {

    private final int classes;
    private final long[] counts;

    /**
     * An empty matrix.
     *
     * @param classes the number of classes, at least 1
     */
    public ConfusionMatrix(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("ConfusionMatrix: need at least 1 class, got " + classes);
        }
        this.classes = classes;
        this.counts = new long[classes * classes];
    }

    /**
     * Counts one sample (Torch's {@code add(prediction, target)}).
     *
     * @param prediction the predicted class, in {@code [0, classes)}
     * @param target the true class, in {@code [0, classes)}
     * @return this
     */
    public ConfusionMatrix add(int prediction, int target) {
        checkClass(prediction, "prediction");
        checkClass(target, "target");
        counts[target * classes + prediction]++;
        return this;
    }

    /**
     * Counts a batch (Torch's {@code batchAdd}): {@code predictions} is either a {@code [B, C]}
     * tensor of class scores (each row's argmax is the prediction, first index on ties) or a
     * {@code [B]} tensor of 0-based classes; {@code targets} is a {@code [B]} tensor of 0-based classes.
     *
     * @param predictions scores {@code [B, C]} or classes {@code [B]}
     * @param targets classes {@code [B]}
     * @return this
     */
    public ConfusionMatrix batchAdd(Tensor predictions, Tensor targets) {
        int b = targets.numel();
        boolean scores = predictions.dim() == 2;
        if (targets.dim() != 1 || (scores ? predictions.size(0) != b || predictions.size(1) != classes
                : predictions.dim() != 1 || predictions.numel() != b)) {
            throw new IllegalArgumentException("ConfusionMatrix(" + classes + " classes).batchAdd: predictions of size "
                    + predictions.shapeString() + " do not fit targets of size " + targets.shapeString()
                    + " (need [B, " + classes + "] or [B], and [B])");
        }
        int[] predicted = scores ? predictions.max(1).indices() : null;
        for (int i = 0; i < b; i++) {
            add(scores ? predicted[i] : classOf(predictions.data()[i], i, "prediction"),
                    classOf(targets.data()[i], i, "target"));
        }
        return this;
    }

    /**
     * Forgets every count (Torch's {@code zero}).
     *
     * @return this
     */
    public ConfusionMatrix zero() {
        java.util.Arrays.fill(counts, 0);
        return this;
    }

    /**
     * How many samples of class {@code target} were predicted as {@code prediction}.
     *
     * @param target the true class
     * @param prediction the predicted class
     * @return the count
     */
    public long count(int target, int prediction) {
        checkClass(prediction, "prediction");
        checkClass(target, "target");
        return counts[target * classes + prediction];
    }

    /**
     * The accuracy of class {@code target}: its diagonal count over its row's count (Torch's
     * {@code valids}); NaN when no sample of the class was added.
     *
     * @param target the class
     * @return the fraction in {@code [0, 1]}, or NaN
     */
    public double classAccuracy(int target) {
        checkClass(target, "target");
        long row = 0;
        for (int p = 0; p < classes; p++) {
            row += counts[target * classes + p];
        }
        return (double) counts[target * classes + target] / row;
    }

    /**
     * The mean of the class accuracies over the classes that have samples (Torch's
     * {@code averageValid}); NaN when empty.
     *
     * @return the fraction
     */
    public double averageClassAccuracy() {
        double s = 0;
        int n = 0;
        for (int t = 0; t < classes; t++) {
            double a = classAccuracy(t);
            if (!Double.isNaN(a)) {
                s += a;
                n++;
            }
        }
        return s / n;
    }

    /**
     * The fraction of all samples on the diagonal (Torch's {@code totalValid}); NaN when empty.
     *
     * @return the fraction
     */
    public double accuracy() {
        long diag = 0;
        long all = 0;
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                all += counts[t * classes + p];
            }
            diag += counts[t * classes + t];
        }
        return (double) diag / all;
    }

    /** Prints as Torch's {@code ConfusionMatrix.__tostring__} (0-based class numbers). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConfusionMatrix:\n");
        for (int t = 0; t < classes; t++) {
            sb.append(t == 0 ? "[[" : " [");
            for (int p = 0; p < classes; p++) {
                sb.append(String.format(Locale.ROOT, "%8d", counts[t * classes + p]));
            }
            sb.append(t == classes - 1 ? "]]" : "] ");
            sb.append(String.format(Locale.ROOT, "  %.3f%% \t[class: %d]%n", 100 * classAccuracy(t), t));
        }
        sb.append(String.format(Locale.ROOT, " + average row correct: %.3f%% %n", 100 * averageClassAccuracy()));
        sb.append(String.format(Locale.ROOT, " + global correct: %.3f%%", 100 * accuracy()));
        return sb.toString();
    }

    private void checkClass(int c, String what) {
        if (c < 0 || c >= classes) {
            throw new IllegalArgumentException("ConfusionMatrix: " + what + " class " + c + " outside [0, " + classes + ")");
        }
    }

    private int classOf(double v, int position, String what) {
        if (v != Math.rint(v) || v < 0 || v >= classes) {
            throw new IllegalArgumentException("ConfusionMatrix: " + what + " " + v + " at position " + position
                    + " is not a class in [0, " + classes + ")");
        }
        return (int) v;
    }
}
