package io.github.nn4j;

import java.util.Arrays;
import java.util.List;

/**
 * The parameters (or their gradients) of a module seen as one flat vector, as Torch's
 * {@code getParameters()} gives it, without copying: element {@code i} is an element of one of
 * the module's own tensors, so a write through this vector changes the module's next forward and
 * a {@code backward} that accumulates into the module's gradients is seen here at once.
 *
 * <p><b>Why not a {@link Tensor}.</b> Torch re-points every parameter tensor into one new storage
 * at an offset. An nn4j tensor is a whole {@code double[]} from index 0 (the layers' loops and
 * {@link io.github.nn4j.linalg.Gemm} read it so), and a Java array cannot be a window of another,
 * so the flat vector is the concatenation of the module's tensors, walked segment by segment.
 * The bulk operations ({@link #add(double, ParameterVector)}, {@link #mul}, {@link #dot},
 * {@link #copyFrom}) run one plain loop per tensor; {@link #toTensor()} makes a flat copy for code
 * that needs a {@link Tensor}.
 *
 * <p>The layout is fixed when the vector is made: if a module later gives a parameter a new size,
 * the vector refuses to run ({@link IllegalStateException}); call {@link Module#getParameters()}
 * again.
 */
public final class ParameterVector {

    private final Tensor[] tensors;
    private final int[] sizes;
    private final int[] starts;
    private final int numel;

    ParameterVector(List<Tensor> tensors) {
        this.tensors = tensors.toArray(new Tensor[0]);
        this.sizes = new int[this.tensors.length];
        this.starts = new int[this.tensors.length];
        long n = 0;
        for (int k = 0; k < this.tensors.length; k++) {
            starts[k] = (int) n;
            sizes[k] = this.tensors[k].numel();
            n += sizes[k];
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many parameters for one vector: " + n);
        }
        this.numel = (int) n;
    }

    /**
     * The number of elements: the sum of the tensors' element counts.
     *
     * @return the length of the vector
     */
    public int numel() {
        return numel;
    }

    /**
     * The module's tensors behind the vector, in order (the module's own, not copies).
     *
     * @return the tensors
     */
    public List<Tensor> tensors() {
        return List.of(tensors);
    }

    /**
     * The offset of each tensor in the vector (Torch's storage offsets, 0-based).
     *
     * @return one start per tensor
     */
    public int[] offsets() {
        return starts.clone();
    }

    /**
     * One element.
     *
     * @param index 0-based, below {@link #numel()}
     * @return the element
     */
    public double get(int index) {
        int k = segment(index);
        return data(k)[index - starts[k]];
    }

    /**
     * Writes one element into the module's tensor that holds it.
     *
     * @param value the value
     * @param index 0-based, below {@link #numel()}
     * @return this
     */
    public ParameterVector put(double value, int index) {
        int k = segment(index);
        data(k)[index - starts[k]] = value;
        return this;
    }

    /**
     * Sets every element.
     *
     * @param value the value
     * @return this
     */
    public ParameterVector fill(double value) {
        for (int k = 0; k < tensors.length; k++) {
            Arrays.fill(data(k), 0, sizes[k], value);
        }
        return this;
    }

    /**
     * Sets every element to zero.
     *
     * @return this
     */
    public ParameterVector zero() {
        return fill(0.0);
    }

    /**
     * {@code this *= value}.
     *
     * @param value the factor
     * @return this
     */
    public ParameterVector mul(double value) {
        for (int k = 0; k < tensors.length; k++) {
            double[] a = data(k);
            for (int i = 0; i < sizes[k]; i++) {
                a[i] *= value;
            }
        }
        return this;
    }

    /**
     * {@code this += alpha · other}, e.g. {@code params.add(-lr, gradParams)}.
     *
     * @param alpha the factor
     * @param other a vector of the same layout (the other half of the same {@link FlatParameters})
     * @return this
     * @throws IllegalArgumentException if the layouts differ
     */
    public ParameterVector add(double alpha, ParameterVector other) {
        checkLayout(other);
        for (int k = 0; k < tensors.length; k++) {
            double[] a = data(k);
            double[] b = other.data(k);
            for (int i = 0; i < sizes[k]; i++) {
                a[i] += alpha * b[i];
            }
        }
        return this;
    }

    /**
     * The dot product with a vector of the same layout.
     *
     * @param other the other vector
     * @return {@code Σ this[i] · other[i]}
     */
    public double dot(ParameterVector other) {
        checkLayout(other);
        double s = 0;
        for (int k = 0; k < tensors.length; k++) {
            double[] a = data(k);
            double[] b = other.data(k);
            for (int i = 0; i < sizes[k]; i++) {
                s += a[i] * b[i];
            }
        }
        return s;
    }

    /**
     * Copies a flat tensor into the module's tensors.
     *
     * @param flat a tensor of {@link #numel()} elements, any shape
     * @return this
     * @throws IllegalArgumentException if the element counts differ
     */
    public ParameterVector copyFrom(Tensor flat) {
        if (flat.numel() != numel) {
            throw new IllegalArgumentException("cannot copy a tensor of size " + flat.shapeString() + " into a vector of "
                    + numel + " parameters");
        }
        double[] src = flat.data();
        for (int k = 0; k < tensors.length; k++) {
            System.arraycopy(src, starts[k], data(k), 0, sizes[k]);
        }
        return this;
    }

    /**
     * Copies the vector into a flat tensor, resized to {@code [numel]} (allocation-free once it
     * is large enough).
     *
     * @param res the result
     * @return {@code res}
     */
    public Tensor copyTo(Tensor res) {
        res.resize(numel);
        double[] dst = res.data();
        for (int k = 0; k < tensors.length; k++) {
            System.arraycopy(data(k), 0, dst, starts[k], sizes[k]);
        }
        return res;
    }

    /**
     * A flat copy as a new 1-D tensor.
     *
     * @return a tensor of size {@code [numel]}
     */
    public Tensor toTensor() {
        return copyTo(Tensor.zeros(numel));
    }

    @Override
    public String toString() {
        return "ParameterVector of " + numel + " elements in " + tensors.length + " tensors";
    }

    private double[] data(int k) {
        if (tensors[k].numel() != sizes[k]) {
            throw new IllegalStateException("parameter tensor " + k + " has changed size from " + sizes[k] + " to "
                    + tensors[k].shapeString() + " since getParameters(); call it again");
        }
        return tensors[k].data();
    }

    private int segment(int index) {
        if (index < 0 || index >= numel) {
            throw new IndexOutOfBoundsException("index " + index + " out of range for " + numel + " parameters");
        }
        int k = Arrays.binarySearch(starts, index);
        if (k < 0) {
            return -k - 2;
        }
        while (k + 1 < starts.length && starts[k + 1] == index) {
            k++; // skip empty tensors that start at the same place
        }
        return k;
    }

    private void checkLayout(ParameterVector other) {
        if (!Arrays.equals(sizes, other.sizes)) {
            throw new IllegalArgumentException("the vectors' layouts differ: tensors of " + Arrays.toString(sizes)
                    + " and " + Arrays.toString(other.sizes) + " elements");
        }
    }
}
