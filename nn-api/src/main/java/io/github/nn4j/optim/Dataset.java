package io.github.nn4j.optim;

import java.util.Arrays;
import java.util.Objects;

import io.github.nn4j.Tensor;

/**
 * An in-memory data set: one sample per row of a features tensor, and per sample a 0-based class
 * label (classification), a target tensor (regression), or both (a classification set with tensor
 * targets such as one-hot vectors, for a criterion like {@code MSECriterion}).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>field</th><th>size</th></tr>
 *   <tr><td>{@link #features()}</td><td>{@code [N, D]} or {@code [N, d1, d2, …]} (sample shape
 *       {@link #sampleSize()})</td></tr>
 *   <tr><td>{@link #labels()} (if {@link #hasLabels()})</td><td>{@code N} labels in
 *       {@code [0, numClasses)}</td></tr>
 *   <tr><td>{@link #targets()} (if {@link #hasTensorTargets()})</td><td>{@code [N, …]} (target shape
 *       {@link #targetSampleSize()})</td></tr>
 * </table>
 *
 * <p>What a criterion receives per batch is {@link BatchIterator#targets()}: the target rows when
 * the set has tensor targets, else the labels as a {@code [B]} tensor. Accuracy is counted on the
 * labels, when there are any.
 *
 * <p>Labels are 0-based, unlike Lua Torch's 1-based class targets. The data set keeps its own
 * copies of the features, labels and targets passed in, so it cannot change under a running
 * training.
 */
public final class Dataset {

    private final Tensor features;
    private final int[] labels;
    private final Tensor targets;
    private final int numClasses;
    private final int size;

    /**
     * A classification data set over copies of the given features and labels.
     *
     * @param features the samples, {@code [N, …]} with {@code N ≥ 1} rows
     * @param labels one 0-based label per row
     * @param numClasses the number of classes; every label must be in {@code [0, numClasses)}
     * @throws IllegalArgumentException on a count mismatch, a label out of range (naming the
     *     label and its position) or a NaN or infinite feature (naming the first one's index)
     */
    public Dataset(Tensor features, int[] labels, int numClasses) {
        this(features, Objects.requireNonNull(labels, "labels"), numClasses, null, true);
    }

    private Dataset(Tensor features, int[] labels, int numClasses, Tensor targets, boolean copy) {
        Objects.requireNonNull(features, "features");
        if (features.dim() < 2) {
            throw new IllegalArgumentException("features must have a sample dimension and at least one more, got size "
                    + features.shapeString());
        }
        int n = features.size(0);
        if (labels != null) {
            if (n != labels.length) {
                throw new IllegalArgumentException("features have " + n + " rows (size "
                        + features.shapeString() + ") but there are " + labels.length + " labels");
            }
            if (numClasses < 1) {
                throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
            }
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= numClasses) {
                    throw new IllegalArgumentException("label " + labels[i] + " at position " + i
                            + " is outside [0, " + numClasses + ") (labels are 0-based)");
                }
            }
        }
        if (targets != null && (targets.dim() < 1 || targets.size(0) != n)) {
            throw new IllegalArgumentException("features have " + n + " rows (size " + features.shapeString()
                    + ") but the targets have size " + targets.shapeString() + " (one target row per sample)");
        }
        checkFinite(features, "features");
        if (targets != null) {
            checkFinite(targets, "targets");
        }
        this.features = copy ? features.clone() : features;
        this.labels = labels == null ? null : copy ? labels.clone() : labels;
        this.targets = targets == null ? null : copy ? targets.clone() : targets;
        this.numClasses = labels == null ? 0 : numClasses;
        this.size = n;
    }

    /** A NaN or infinite value would train silently (through ReLU): name the first one. */
    private static void checkFinite(Tensor t, String what) {
        double[] d = t.data();
        for (int i = 0; i < t.numel(); i++) {
            if (!Double.isFinite(d[i])) {
                int[] index = new int[t.dim()];
                for (int k = t.dim() - 1, r = i; k >= 0; k--) {
                    index[k] = r % t.size(k);
                    r /= t.size(k);
                }
                throw new IllegalArgumentException(what + " hold " + d[i] + " at " + java.util.Arrays.toString(index)
                        + " (size " + t.shapeString() + "); a data set must be finite");
            }
        }
    }

    /**
     * A classification data set whose number of classes is the largest label plus one.
     *
     * @param features the samples, {@code [N, …]}
     * @param labels one 0-based label per row
     * @return the data set
     */
    public static Dataset of(Tensor features, int[] labels) {
        int max = -1;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return new Dataset(features, labels, Math.max(max + 1, 1));
    }

    /**
     * A regression data set over copies of the given features and targets: row {@code i} of the
     * targets is the target of sample {@code i} (a {@code [N]} tensor is one number per sample).
     * It has no labels, so a training on it reports no accuracy (NaN).
     *
     * @param features the samples, {@code [N, …]} with {@code N ≥ 1} rows
     * @param targets the targets, {@code [N, …]}
     * @return the data set
     * @throws IllegalArgumentException if the row counts differ
     */
    public static Dataset regression(Tensor features, Tensor targets) {
        return new Dataset(features, null, 0, Objects.requireNonNull(targets, "targets"), true);
    }

    /**
     * This classification set with one-hot target rows ({@code [N, numClasses]}, 1 at the label, 0
     * elsewhere) for a criterion that compares tensors ({@code MSECriterion}, {@code SmoothL1Criterion});
     * the labels stay, for accuracy.
     *
     * @return a new data set sharing nothing with this one
     * @throws IllegalStateException if this set has no labels
     */
    public Dataset withOneHotTargets() {
        requireLabels("one-hot targets");
        Tensor t = Tensor.zeros(size, numClasses);
        double[] d = t.data();
        for (int i = 0; i < size; i++) {
            d[i * numClasses + labels[i]] = 1;
        }
        return new Dataset(features.clone(), labels.clone(), numClasses, t, false);
    }

    /**
     * The number of samples.
     *
     * @return N
     */
    public int size() {
        return size;
    }

    /**
     * The number of classes (0 for a regression set, which has no labels).
     *
     * @return C
     */
    public int numClasses() {
        return numClasses;
    }

    /**
     * Whether the samples have class labels.
     *
     * @return true for a classification set
     */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * Whether the samples have target tensors (regression, or one-hot targets).
     *
     * @return true if {@link #targets()} is there
     */
    public boolean hasTensorTargets() {
        return targets != null;
    }

    /**
     * The shape of one sample.
     *
     * @return the feature sizes without the first (sample) dimension
     */
    public int[] sampleSize() {
        int[] s = features.sizes();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /**
     * The number of elements of one sample.
     *
     * @return {@code features().numel() / size()}
     */
    public int sampleNumel() {
        return features.numel() / size;
    }

    /**
     * The shape of one target: the target sizes without the first dimension, or {@code []} (one
     * number) for labels.
     *
     * @return the sizes
     */
    public int[] targetSampleSize() {
        if (targets == null) {
            return new int[0];
        }
        int[] s = targets.sizes();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /**
     * The number of elements of one target (1 for a label).
     *
     * @return the count
     */
    public int targetNumel() {
        return targets == null ? 1 : targets.numel() / size;
    }

    /**
     * The samples (the data set's own tensor: do not modify).
     *
     * @return the features
     */
    public Tensor features() {
        return features;
    }

    /**
     * The target rows (the data set's own tensor: do not modify).
     *
     * @return the targets
     * @throws IllegalStateException if the set has no tensor targets
     */
    public Tensor targets() {
        if (targets == null) {
            throw new IllegalStateException(this + " has no tensor targets (it has labels: use labels())");
        }
        return targets;
    }

    /**
     * A copy of the labels.
     *
     * @return the 0-based labels
     * @throws IllegalStateException if the set has no labels
     */
    public int[] labels() {
        requireLabels("labels");
        return labels.clone();
    }

    /**
     * The label of one sample.
     *
     * @param i the sample index
     * @return its 0-based label
     * @throws IllegalStateException if the set has no labels
     */
    public int label(int i) {
        if (labels == null) {
            requireLabels("labels");
        }
        return labels[i];
    }

    private void requireLabels(String what) {
        if (labels == null) {
            throw new IllegalStateException(this + " has no class labels, so no " + what);
        }
    }

    /**
     * The samples at the given indices, in that order (features, labels and targets copied).
     *
     * @param indices sample indices in {@code [0, size())}
     * @return a new data set
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Dataset select(int[] indices) {
        int d = sampleNumel();
        int[] s = features.sizes();
        s[0] = indices.length;
        Tensor f = Tensor.zeros(s);
        int[] l = labels == null ? null : new int[indices.length];
        int td = targetNumel();
        Tensor t = null;
        if (targets != null) {
            int[] ts = targets.sizes();
            ts[0] = indices.length;
            t = Tensor.zeros(ts);
        }
        double[] src = features.data();
        double[] dst = f.data();
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("sample index " + i + " at position " + j
                        + " is outside [0, " + size + ")");
            }
            System.arraycopy(src, i * d, dst, j * d, d);
            if (l != null) {
                l[j] = labels[i];
            }
            if (t != null) {
                System.arraycopy(targets.data(), i * td, t.data(), j * td, td);
            }
        }
        return new Dataset(f, l, numClasses, t, false);
    }

    /**
     * The samples {@code from} (inclusive) to {@code to} (exclusive).
     *
     * @param from the first index
     * @param to one past the last index
     * @return a new data set
     * @throws IndexOutOfBoundsException if the range is empty or out of bounds
     */
    public Dataset range(int from, int to) {
        if (from < 0 || to > size || from >= to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") is empty or outside [0, "
                    + size + ")");
        }
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return select(idx);
    }

    /**
     * How many samples each class has.
     *
     * @return one count per class
     * @throws IllegalStateException if the set has no labels
     */
    public int[] classCounts() {
        requireLabels("class counts");
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        if (labels == null) {
            return "Dataset(" + size + " samples of size " + Arrays.toString(sampleSize()) + ", targets of size "
                    + Arrays.toString(targetSampleSize()) + ")";
        }
        return "Dataset(" + size + " samples of size " + Arrays.toString(sampleSize()) + ", "
                + numClasses + " classes" + (targets == null ? "" : ", targets of size "
                + Arrays.toString(targetSampleSize())) + ")";
    }
}
