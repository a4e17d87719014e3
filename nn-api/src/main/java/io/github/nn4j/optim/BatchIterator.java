package io.github.nn4j.optim;

import java.util.Arrays;
import java.util.Objects;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

/**
 * Mini-batches over a {@link Dataset}, reshuffled at the start of every epoch, written into two
 * tensors that are allocated once and reused.
 *
 * <table class="striped">
 *   <caption>The batch tensors (overwritten by each {@link #next()})</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>{@link #inputs()}</td><td>{@code [B, …sample size]}</td></tr>
 *   <tr><td>{@link #targets()}</td><td>what the criterion takes: the target rows
 *       {@code [B, …target size]} of a data set with tensor targets, else the labels</td></tr>
 *   <tr><td>{@link #labels()}</td><td>{@code [B]}, 0-based class indices stored as doubles (data sets
 *       with labels)</td></tr>
 * </table>
 *
 * <p>{@code B} is the batch size, except for the last batch of an epoch, which holds the
 * remaining {@code N mod batchSize} samples when that is not zero (no sample is dropped).
 *
 * <p><b>Order.</b> With shuffling on, {@link #startEpoch()} draws a new permutation exactly as
 * Torch's {@code torch.randperm(N)} does (identity, then for {@code i = 0 … N−2} swap element
 * {@code i} with element {@code i + random() mod (N − i)}), from the generator given at
 * construction, so a seeded generator makes the whole sequence of batches repeatable. Without
 * shuffling the samples come in data-set order.
 *
 * <p><b>Allocation.</b> After construction, iterating allocates nothing, except resizing the
 * batch tensors (a few bytes for the size array) when a short last batch starts or ends.
 *
 * <p>Usage: {@code it.startEpoch(); while (it.hasNext()) { int b = it.next(); … it.inputs() … }}.
 */
public final class BatchIterator {

    private final Dataset data;
    private final int batchSize;
    private final TorchRandom rng;
    private final int[] order;
    private final int sampleNumel;
    private final int[] fullInputSize;
    private final int[] fullTargetSize;
    private final int[] lastInputSize;
    private final int[] lastTargetSize;
    private final int[] fullLabelSize;
    private final int[] lastLabelSize;
    private final Tensor inputs;
    private final Tensor labels;
    private final Tensor targets;
    private final int targetNumel;
    private int position;
    private int batchIndex;

    /**
     * An iterator over the data set.
     *
     * @param data the data set
     * @param batchSize the number of samples per batch, positive
     * @param rng the generator that shuffles each epoch, or {@code null} for data-set order
     */
    public BatchIterator(Dataset data, int batchSize, TorchRandom rng) {
        this.data = Objects.requireNonNull(data, "data");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        int n = data.size();
        this.batchSize = Math.min(batchSize, n);
        this.rng = rng;
        this.order = new int[n];
        this.sampleNumel = data.sampleNumel();
        int[] sample = data.sampleSize();
        this.fullInputSize = withFirst(this.batchSize, sample);
        int[] targetSample = data.targetSampleSize();
        this.fullTargetSize = withFirst(this.batchSize, targetSample);
        int rest = n % this.batchSize;
        this.lastInputSize = rest == 0 ? fullInputSize : withFirst(rest, sample);
        this.lastTargetSize = rest == 0 ? fullTargetSize : withFirst(rest, targetSample);
        this.fullLabelSize = new int[] {this.batchSize};
        this.lastLabelSize = rest == 0 ? fullLabelSize : new int[] {rest};
        this.inputs = Tensor.zeros(fullInputSize);
        this.labels = data.hasLabels() ? Tensor.zeros(this.batchSize) : null;
        this.targets = data.hasTensorTargets() ? Tensor.zeros(fullTargetSize) : labels;
        this.targetNumel = data.targetNumel();
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.position = n;
    }

    private static int[] withFirst(int first, int[] rest) {
        int[] s = new int[rest.length + 1];
        s[0] = first;
        System.arraycopy(rest, 0, s, 1, rest.length);
        return s;
    }

    /**
     * Starts an epoch: rewinds and, when shuffling, draws a new permutation.
     */
    public void startEpoch() {
        int n = order.length;
        if (rng != null) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = 0; i < n - 1; i++) {
                int z = rng.nextInt(n - i);
                int sav = order[i];
                order[i] = order[z + i];
                order[z + i] = sav;
            }
        }
        position = 0;
        batchIndex = 0;
    }

    /**
     * Whether the epoch has another batch.
     *
     * @return true if {@link #next()} may be called
     */
    public boolean hasNext() {
        return position < order.length;
    }

    /**
     * Fills {@link #inputs()} and {@link #targets()} with the next batch.
     *
     * @return the number of samples in the batch
     * @throws IllegalStateException if the epoch is over (call {@link #startEpoch()})
     */
    public int next() {
        if (!hasNext()) {
            throw new IllegalStateException("the epoch is over: call startEpoch()");
        }
        int b = Math.min(batchSize, order.length - position);
        if (inputs.size(0) != b) {
            inputs.resize(b == batchSize ? fullInputSize : lastInputSize);
            if (labels != null) {
                labels.resize(b == batchSize ? fullLabelSize : lastLabelSize);
            }
            if (targets != labels) {
                targets.resize(b == batchSize ? fullTargetSize : lastTargetSize);
            }
        }
        double[] src = data.features().data();
        double[] x = inputs.data();
        int d = sampleNumel;
        for (int j = 0; j < b; j++) {
            int i = order[position + j];
            System.arraycopy(src, i * d, x, j * d, d);
        }
        if (labels != null) {
            double[] y = labels.data();
            for (int j = 0; j < b; j++) {
                y[j] = data.label(order[position + j]);
            }
        }
        if (targets != labels) {
            double[] ts = data.targets().data();
            double[] t = targets.data();
            int td = targetNumel;
            for (int j = 0; j < b; j++) {
                System.arraycopy(ts, order[position + j] * td, t, j * td, td);
            }
        }
        position += b;
        batchIndex++;
        return b;
    }

    /**
     * The inputs of the current batch (reused; overwritten by the next {@link #next()}).
     *
     * @return the {@code [B, …]} tensor
     */
    public Tensor inputs() {
        return inputs;
    }

    /**
     * The criterion's targets of the current batch (reused): the target rows of a data set with
     * tensor targets, else the same tensor as {@link #labels()}.
     *
     * @return the {@code [B, …]} (or {@code [B]}) tensor
     */
    public Tensor targets() {
        return targets;
    }

    /**
     * The 0-based class labels of the current batch (reused).
     *
     * @return the {@code [B]} tensor
     * @throws IllegalStateException if the data set has no labels (a regression set)
     */
    public Tensor labels() {
        if (labels == null) {
            throw new IllegalStateException(data + " has no class labels");
        }
        return labels;
    }

    /**
     * The data-set index of a sample of the current batch.
     *
     * @param j the position in the batch, 0-based
     * @return the index of that sample in the data set
     */
    public int sampleIndex(int j) {
        int start = position - inputs.size(0);
        if (j < 0 || start + j >= position) {
            throw new IndexOutOfBoundsException("position " + j + " is outside the current batch of "
                    + inputs.size(0));
        }
        return order[start + j];
    }

    /**
     * The number of batches taken in the current epoch.
     *
     * @return the count
     */
    public int batchIndex() {
        return batchIndex;
    }

    /**
     * The number of batches per epoch.
     *
     * @return {@code ceil(N / batchSize)}
     */
    public int batchesPerEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /**
     * The batch size (at most the data-set size).
     *
     * @return the batch size
     */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The data set.
     *
     * @return the data set iterated over
     */
    public Dataset dataset() {
        return data;
    }

    @Override
    public String toString() {
        return "BatchIterator(" + data.size() + " samples of size " + Arrays.toString(data.sampleSize())
                + ", batches of " + batchSize + (rng == null ? ", in order)" : ", shuffled)");
    }
}
