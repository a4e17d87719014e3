package io.github.nn4j.optim;

import java.util.Arrays;
import java.util.Objects;

import io.github.nn4j.Tensor;

/**
 * An in-memory classification data set: one sample per row of a features tensor and one
 * 0-based class label per sample.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>field</th><th>size</th></tr>
 *   <tr><td>{@link #features()}</td><td>{@code [N, D]} or {@code [N, d1, d2, …]} (sample shape
 *       {@link #sampleSize()})</td></tr>
 *   <tr><td>{@link #labels()}</td><td>{@code N} labels in {@code [0, numClasses)}</td></tr>
 * </table>
 *
 * <p>Labels are 0-based, unlike Lua Torch's 1-based class targets. The data set keeps its own
 * copies of the features and labels passed in, so it cannot change under a running training.
 */
public final class Dataset {

    private final Tensor features;
    private final int[] labels;
    private final int numClasses;

    /**
     * A data set over copies of the given features and labels.
     *
     * @param features the samples, {@code [N, …]} with {@code N ≥ 1} rows
     * @param labels one 0-based label per row
     * @param numClasses the number of classes; every label must be in {@code [0, numClasses)}
     * @throws IllegalArgumentException on a count mismatch or a label out of range (naming the
     *     label and its position)
     */
    public Dataset(Tensor features, int[] labels, int numClasses) {
        this(features, labels, numClasses, true);
    }

    private Dataset(Tensor features, int[] labels, int numClasses, boolean copy) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.dim() < 2) {
            throw new IllegalArgumentException("features must have a sample dimension and at least one more, got size "
                    + features.shapeString());
        }
        if (features.size(0) != labels.length) {
            throw new IllegalArgumentException("features have " + features.size(0) + " rows (size "
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
        this.features = copy ? features.clone() : features;
        this.labels = copy ? labels.clone() : labels;
        this.numClasses = numClasses;
    }

    /**
     * A data set whose number of classes is the largest label plus one.
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
     * The number of samples.
     *
     * @return {@code N}
     */
    public int size() {
        return labels.length;
    }

    /**
     * The number of classes.
     *
     * @return {@code C}; every label is in {@code [0, C)}
     */
    public int numClasses() {
        return numClasses;
    }

    /**
     * The size of one sample: the features' size without the first dimension.
     *
     * @return for example {@code [784]} or {@code [1, 28, 28]}
     */
    public int[] sampleSize() {
        int[] s = features.sizes();
        return Arrays.copyOfRange(s, 1, s.length);
    }

    /**
     * The number of values in one sample.
     *
     * @return the product of {@link #sampleSize()}
     */
    public int sampleNumel() {
        return features.numel() / labels.length;
    }

    /**
     * The features (the data set's own tensor: do not modify it).
     *
     * @return the {@code [N, …]} tensor
     */
    public Tensor features() {
        return features;
    }

    /**
     * A copy of the labels.
     *
     * @return the 0-based labels
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * One label.
     *
     * @param i the sample index, 0-based
     * @return its 0-based label
     */
    public int label(int i) {
        return labels[i];
    }

    /**
     * A new data set of the given samples, in the given order (copied).
     *
     * @param indices sample indices, 0-based; repeats are allowed
     * @return the subset, with the same number of classes
     */
    public Dataset select(int[] indices) {
        int d = sampleNumel();
        int[] s = features.sizes();
        s[0] = indices.length;
        Tensor f = Tensor.zeros(s);
        int[] l = new int[indices.length];
        double[] src = features.data();
        double[] dst = f.data();
        for (int j = 0; j < indices.length; j++) {
            int i = indices[j];
            if (i < 0 || i >= labels.length) {
                throw new IndexOutOfBoundsException("sample index " + i + " at position " + j
                        + " is outside [0, " + labels.length + ")");
            }
            System.arraycopy(src, i * d, dst, j * d, d);
            l[j] = labels[i];
        }
        return new Dataset(f, l, numClasses, false);
    }

    /**
     * A contiguous range of samples (copied).
     *
     * @param from the first index, inclusive
     * @param to the last index, exclusive
     * @return the subset
     */
    public Dataset range(int from, int to) {
        if (from < 0 || to > labels.length || from >= to) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") is empty or outside [0, "
                    + labels.length + ")");
        }
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return select(idx);
    }

    /**
     * The number of samples of each class.
     *
     * @return an array of {@link #numClasses()} counts
     */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public String toString() {
        return "Dataset(" + labels.length + " samples of size " + Arrays.toString(sampleSize()) + ", "
                + numClasses + " classes)";
    }
}
