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
 *   <tr><td>{@link #targets()}</td><td>{@code [B]}, 0-based class indices stored as doubles</td></tr>
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
    private final Tensor inputs;
    private final Tensor targets;
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
        this.fullTargetSize = new int[] {this.batchSize};
        int rest = n % this.batchSize;
        this.lastInputSize = rest == 0 ? fullInputSize : withFirst(rest, sample);
        this.lastTargetSize = rest == 0 ? fullTargetSize : new int[] {rest};
        this.inputs = Tensor.zeros(fullInputSize);
        this.targets = Tensor.zeros(fullTargetSize);
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
            targets.resize(b == batchSize ? fullTargetSize : lastTargetSize);
        }
        double[] src = data.features().data();
        double[] x = inputs.data();
        double[] y = targets.data();
        int d = sampleNumel;
        for (int j = 0; j < b; j++) {
            int i = order[position + j];
            System.arraycopy(src, i * d, x, j * d, d);
            y[j] = data.label(i);
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
     * The 0-based class targets of the current batch (reused).
     *
     * @return the {@code [B]} tensor
     */
    public Tensor targets() {
        return targets;
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
