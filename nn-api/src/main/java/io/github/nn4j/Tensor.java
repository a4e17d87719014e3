package io.github.nn4j;

import java.util.Arrays;
import java.util.Locale;

import org.ejml.data.DMatrixRMaj;

/**
 * A dense, contiguous, row-major N-dimensional array of {@code double}, backed by an EJML
 * {@link DMatrixRMaj} (Torch's {@code torch.DoubleTensor}).
 *
 * <p>The matrix view has {@code rows = size(0)} (1 for a 1-D tensor) and
 * {@code cols = numel / rows}: a batch of samples is a matrix with one sample per row, so EJML
 * operations and the {@link io.github.nn4j.linalg.Gemm} facade apply directly.
 *
 * <table class="striped">
 *   <caption>Shapes and their matrix view</caption>
 *   <tr><th>tensor</th><th>{@link #matrix()}</th></tr>
 *   <tr><td>empty (0 dimensions)</td><td>0 × 0</td></tr>
 *   <tr><td>{@code [n]}</td><td>1 × n</td></tr>
 *   <tr><td>{@code [B, n]}</td><td>B × n</td></tr>
 *   <tr><td>{@code [B, c, h, w]}</td><td>B × (c·h·w)</td></tr>
 * </table>
 *
 * <p><b>Storage.</b> {@link #resize} reuses the backing array when it is large enough (Torch's
 * {@code resize}), so the array may be longer than {@link #numel()}: element loops must run to
 * {@code numel()}, never to {@code data().length}. {@link #set(Tensor)} and {@link #view(int...)}
 * make tensors that share one backing array, as Torch's {@code set} and {@code view} do; a later
 * {@code resize} that needs more room gives the resized tensor a new array of its own.
 *
 * <p>Indices are 0-based. A tensor is not thread-safe. {@code equals} is identity: modules hand
 * out their buffers, and value equality of mutable buffers would mislead.
 */
public final class Tensor implements Data {

    private static final int[] NO_SIZE = new int[0];

    private final DMatrixRMaj matrix;
    private int[] size;
    private int numel;

    private Tensor(int[] size, double[] storage) {
        int n = checkedNumel(size);
        this.size = size.clone();
        this.numel = n;
        this.matrix = new DMatrixRMaj(0, 0);
        this.matrix.data = storage != null ? storage : new double[n];
        setMatrixShape();
    }

    // ----------------------------------------------------------------------------- factories

    /**
     * An empty tensor: no dimensions, no elements (what Torch modules start with).
     *
     * @return a new empty tensor
     */
    public static Tensor empty() {
        return new Tensor(NO_SIZE, null);
    }

    /**
     * A zero-filled tensor.
     *
     * @param size the size of each dimension, for example {@code zeros(3, 4)}
     * @return a new tensor
     */
    public static Tensor zeros(int... size) {
        return new Tensor(size, null);
    }

    /**
     * A tensor filled with one value.
     *
     * @param value the value of every element
     * @param size the size of each dimension
     * @return a new tensor
     */
    public static Tensor filled(double value, int... size) {
        return zeros(size).fill(value);
    }

    /**
     * A 1-D tensor holding the given values (copied).
     *
     * @param values the elements
     * @return a new tensor of size {@code [values.length]}
     */
    public static Tensor of(double... values) {
        return fromArray(values, values.length);
    }

    /**
     * A 2-D tensor from rows of equal length (copied).
     *
     * @param rows the rows
     * @return a new tensor of size {@code [rows.length, rows[0].length]}
     * @throws IllegalArgumentException if the rows differ in length
     */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        Tensor t = zeros(rows.length, cols);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + rows[i].length + " elements, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, t.matrix.data, i * cols, cols);
        }
        return t;
    }

    /**
     * A tensor of the given size holding a copy of {@code values} in row-major order.
     *
     * @param values the elements, row-major; exactly as many as the size holds
     * @param size the size of each dimension
     * @return a new tensor
     * @throws IllegalArgumentException if the count of values does not match the size
     */
    public static Tensor fromArray(double[] values, int... size) {
        int n = checkedNumel(size);
        if (values.length != n) {
            throw new IllegalArgumentException("size " + Arrays.toString(size) + " holds " + n
                    + " elements, got " + values.length + " values");
        }
        return new Tensor(size, values.clone());
    }

    /**
     * A tensor of uniform random values in {@code [lo, hi)}, drawn from the global
     * {@link TorchRandom} in row-major order (Torch's {@code torch.Tensor(size):uniform(lo, hi)}).
     *
     * @param lo the lower bound
     * @param hi the upper bound
     * @param size the size of each dimension
     * @return a new tensor
     */
    public static Tensor uniform(double lo, double hi, int... size) {
        return zeros(size).uniform(TorchRandom.global(), lo, hi);
    }

    /**
     * A tensor of normal random values, drawn from the global {@link TorchRandom} in row-major
     * order (Torch's {@code torch.Tensor(size):normal(mean, std)}).
     *
     * @param mean the mean
     * @param std the standard deviation, positive
     * @param size the size of each dimension
     * @return a new tensor
     */
    public static Tensor normal(double mean, double std, int... size) {
        return zeros(size).normal(TorchRandom.global(), mean, std);
    }

    // ----------------------------------------------------------------------------- shape

    /**
     * The number of dimensions (0 for an empty tensor).
     *
     * @return the number of dimensions
     */
    public int dim() {
        return size.length;
    }

    /**
     * The size of one dimension.
     *
     * @param d the dimension, 0-based; negative counts from the end
     * @return its size
     */
    public int size(int d) {
        int k = d < 0 ? size.length + d : d;
        if (k < 0 || k >= size.length) {
            throw new IndexOutOfBoundsException(
                    "dimension " + d + " out of range for a tensor of size " + shapeString());
        }
        return size[k];
    }

    /**
     * A copy of the size of every dimension.
     *
     * @return the sizes
     */
    public int[] sizes() {
        return size.clone();
    }

    /**
     * The number of elements: the product of the sizes (0 for an empty tensor).
     *
     * @return the number of elements
     */
    public int numel() {
        return numel;
    }

    /**
     * Whether this tensor has the given size.
     *
     * @param sizes the size of each dimension
     * @return true if the dimensions and sizes are equal
     */
    public boolean hasSize(int... sizes) {
        return Arrays.equals(size, sizes);
    }

    /**
     * Whether this tensor has the same size as another.
     *
     * @param other the other tensor
     * @return true if the dimensions and sizes are equal
     */
    public boolean sameSizeAs(Tensor other) {
        return Arrays.equals(size, other.size);
    }

    /**
     * Resizes in place, reusing the backing array when it is large enough (Torch's
     * {@code resize}). Values are kept in row-major order up to the smaller element count;
     * new elements are unspecified (old values or zero).
     *
     * @param newSize the new size of each dimension
     * @return this
     */
    public Tensor resize(int... newSize) {
        if (Arrays.equals(size, newSize)) {
            return this;
        }
        int n = checkedNumel(newSize);
        if (matrix.data.length < n) {
            double[] bigger = new double[n];
            System.arraycopy(matrix.data, 0, bigger, 0, numel);
            matrix.data = bigger;
        }
        size = newSize.clone();
        numel = n;
        setMatrixShape();
        return this;
    }

    /**
     * Resizes to another tensor's size.
     *
     * @param other the tensor whose size to take
     * @return this
     */
    public Tensor resizeAs(Tensor other) {
        return resize(other.size);
    }

    /**
     * A new tensor of another size over the same backing array (Torch's {@code view}). One size
     * may be {@code -1}, inferred from the element count.
     *
     * @param newSize the size of each dimension of the view
     * @return a new tensor sharing this tensor's storage
     * @throws IllegalArgumentException if the element counts differ
     */
    public Tensor view(int... newSize) {
        int[] s = inferSize(newSize, numel);
        Tensor v = new Tensor(s, matrix.data);
        return v;
    }

    /**
     * Makes this tensor a view of another's storage with the other's size (Torch's
     * {@code set}): after it, writes through either are seen by both.
     *
     * @param other the tensor to share storage with
     * @return this
     */
    public Tensor set(Tensor other) {
        return setView(other, other.size);
    }

    /**
     * Makes this tensor a view of another's storage with the given size (Torch's
     * {@code set(other:storage(), 1, size)}), without allocating when the size is unchanged.
     *
     * @param other the tensor whose storage to view
     * @param newSize the size of the view; its element count must equal the other's
     * @return this
     */
    public Tensor setView(Tensor other, int... newSize) {
        int n = checkedNumel(newSize);
        if (n != other.numel) {
            throw new IllegalArgumentException("cannot view a tensor of size " + other.shapeString()
                    + " (" + other.numel + " elements) as size " + Arrays.toString(newSize));
        }
        matrix.data = other.matrix.data;
        if (!Arrays.equals(size, newSize)) {
            size = newSize.clone();
        }
        numel = n;
        setMatrixShape();
        return this;
    }

    /**
     * Points this tensor at a backing array (for {@link ModuleCopier}).
     *
     * @param storage the array, at least as long as the size needs
     * @param newSize the size
     * @return this
     */
    Tensor viewStorage(double[] storage, int[] newSize) {
        int n = checkedNumel(newSize);
        if (storage.length < n) {
            throw new IllegalArgumentException("storage of " + storage.length + " elements is too small for size "
                    + Arrays.toString(newSize));
        }
        matrix.data = storage;
        size = newSize.clone();
        numel = n;
        setMatrixShape();
        return this;
    }

    /**
     * Whether this tensor and another share their backing array.
     *
     * @param other the other tensor
     * @return true if writes through one are seen by the other
     */
    public boolean sharesStorageWith(Tensor other) {
        return matrix.data == other.matrix.data;
    }

    // ----------------------------------------------------------------------------- access

    /**
     * The backing array, row-major; it may be longer than {@link #numel()}.
     *
     * @return the backing array (not a copy)
     */
    public double[] data() {
        return matrix.data;
    }

    /**
     * The EJML matrix view: {@code size(0)} rows (1 for a 1-D tensor), {@code numel/rows}
     * columns, over the backing array. Do not reshape it; resize the tensor instead.
     *
     * @return the backing matrix (not a copy)
     */
    public DMatrixRMaj matrix() {
        return matrix;
    }

    /**
     * One element (a convenience, not for hot loops: use {@link #data()} there).
     *
     * @param index one 0-based index per dimension
     * @return the element
     */
    public double get(int... index) {
        return matrix.data[offset(index)];
    }

    /**
     * Sets one element (a convenience, not for hot loops).
     *
     * @param value the new value
     * @param index one 0-based index per dimension
     * @return this
     */
    public Tensor put(double value, int... index) {
        matrix.data[offset(index)] = value;
        return this;
    }

    /**
     * A copy of the elements, row-major, exactly {@link #numel()} long.
     *
     * @return a new array
     */
    public double[] toArray() {
        return Arrays.copyOf(matrix.data, numel);
    }

    // ----------------------------------------------------------------------------- in-place maths

    /**
     * Sets every element to a value.
     *
     * @param value the value
     * @return this
     */
    public Tensor fill(double value) {
        Arrays.fill(matrix.data, 0, numel, value);
        return this;
    }

    /**
     * Sets every element to zero.
     *
     * @return this
     */
    public Tensor zero() {
        return fill(0.0);
    }

    /**
     * Copies another tensor's elements in row-major order (Torch's {@code copy}); the element
     * counts must be equal, the shapes may differ.
     *
     * @param src the source
     * @return this
     * @throws IllegalArgumentException if the element counts differ
     */
    public Tensor copy(Tensor src) {
        if (src.numel != numel) {
            throw new IllegalArgumentException("cannot copy " + src.numel + " elements (size "
                    + src.shapeString() + ") into " + numel + " (size " + shapeString() + ")");
        }
        if (src.matrix.data != matrix.data) {
            System.arraycopy(src.matrix.data, 0, matrix.data, 0, numel);
        }
        return this;
    }

    /**
     * Resizes to {@code src}'s size, then copies its elements.
     *
     * @param src the source
     * @return this
     */
    public Tensor copyFrom(Tensor src) {
        return resizeAs(src).copy(src);
    }

    /**
     * {@code this += alpha * other}, element-wise (Torch's {@code add(alpha, other)}).
     *
     * @param alpha the factor
     * @param other a tensor with as many elements
     * @return this
     */
    public Tensor add(double alpha, Tensor other) {
        checkSameNumel(other, "add");
        double[] a = matrix.data;
        double[] b = other.matrix.data;
        for (int i = 0; i < numel; i++) {
            a[i] += alpha * b[i];
        }
        return this;
    }

    /**
     * {@code this += other}, element-wise.
     *
     * @param other a tensor with as many elements
     * @return this
     */
    public Tensor add(Tensor other) {
        return add(1.0, other);
    }

    /**
     * {@code this *= value}, element-wise.
     *
     * @param value the factor
     * @return this
     */
    public Tensor mul(double value) {
        double[] a = matrix.data;
        for (int i = 0; i < numel; i++) {
            a[i] *= value;
        }
        return this;
    }

    /**
     * The sum of all elements.
     *
     * @return the sum
     */
    public double sum() {
        double s = 0;
        double[] a = matrix.data;
        for (int i = 0; i < numel; i++) {
            s += a[i];
        }
        return s;
    }

    /**
     * The dot product with another tensor of as many elements.
     *
     * @param other the other tensor
     * @return the sum of the element-wise products
     */
    public double dot(Tensor other) {
        checkSameNumel(other, "dot");
        double s = 0;
        double[] a = matrix.data;
        double[] b = other.matrix.data;
        for (int i = 0; i < numel; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Fills with uniform values in {@code [lo, hi)} from a generator, in row-major order.
     *
     * @param rng the generator
     * @param lo the lower bound
     * @param hi the upper bound
     * @return this
     */
    public Tensor uniform(TorchRandom rng, double lo, double hi) {
        double[] a = matrix.data;
        for (int i = 0; i < numel; i++) {
            a[i] = rng.uniform(lo, hi);
        }
        return this;
    }

    /**
     * Fills with normal values from a generator, in row-major order.
     *
     * @param rng the generator
     * @param mean the mean
     * @param std the standard deviation, positive
     * @return this
     */
    public Tensor normal(TorchRandom rng, double mean, double std) {
        double[] a = matrix.data;
        for (int i = 0; i < numel; i++) {
            a[i] = rng.normal(mean, std);
        }
        return this;
    }

    /**
     * The largest absolute difference to another tensor of the same size.
     *
     * @param other the other tensor
     * @return {@code max |this - other|}, or 0 when both are empty
     * @throws IllegalArgumentException if the sizes differ
     */
    public double maxAbsDiff(Tensor other) {
        if (!sameSizeAs(other)) {
            throw new IllegalArgumentException(
                    "sizes differ: " + shapeString() + " and " + other.shapeString());
        }
        double m = 0;
        double[] a = matrix.data;
        double[] b = other.matrix.data;
        for (int i = 0; i < numel; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    // ----------------------------------------------------------------------------- Data

    /**
     * A new tensor with a copy of this tensor's size and elements (Torch's {@code clone}).
     *
     * @return the copy
     */
    @Override
    public Tensor clone() {
        return new Tensor(size, Arrays.copyOf(matrix.data, numel));
    }

    @Override
    public Tensor deepCopy() {
        return clone();
    }

    @Override
    public Tensor zerosLike() {
        return zeros(size);
    }

    @Override
    public String shapeString() {
        return Arrays.toString(size);
    }

    /**
     * Prints as Torch does: the values (for up to two dimensions and a few hundred elements),
     * then {@code [torch.DoubleTensor of size 3x4]}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (numel == 0) {
            return "[torch.DoubleTensor with no dimension]";
        }
        if (size.length <= 2 && numel <= 400) {
            int rows = size.length == 1 ? size[0] : size[0];
            int cols = size.length == 1 ? 1 : size[1];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (c > 0) {
                        sb.append(' ');
                    }
                    sb.append(String.format(Locale.ROOT, "%10.4f", matrix.data[r * cols + c]));
                }
                sb.append('\n');
            }
        }
        sb.append("[torch.DoubleTensor of size ");
        for (int i = 0; i < size.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(size[i]);
        }
        return sb.append(']').toString();
    }

    // ----------------------------------------------------------------------------- internals

    private void setMatrixShape() {
        int rows;
        int cols;
        if (size.length == 0) {
            rows = 0;
            cols = 0;
        } else if (size.length == 1) {
            rows = 1;
            cols = size[0];
        } else {
            rows = size[0];
            cols = rows == 0 ? 0 : numel / rows;
        }
        matrix.numRows = rows;
        matrix.numCols = cols;
    }

    private int offset(int[] index) {
        if (index.length != size.length) {
            throw new IllegalArgumentException("expected " + size.length + " indices for a tensor of size "
                    + shapeString() + ", got " + Arrays.toString(index));
        }
        int off = 0;
        for (int d = 0; d < size.length; d++) {
            if (index[d] < 0 || index[d] >= size[d]) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index)
                        + " out of range for a tensor of size " + shapeString());
            }
            off = off * size[d] + index[d];
        }
        return off;
    }

    private void checkSameNumel(Tensor other, String op) {
        if (other.numel != numel) {
            throw new IllegalArgumentException(op + ": sizes " + shapeString() + " and "
                    + other.shapeString() + " have different element counts");
        }
    }

    private static int checkedNumel(int[] size) {
        long n = 1;
        if (size.length == 0) {
            return 0;
        }
        for (int s : size) {
            if (s < 0) {
                throw new IllegalArgumentException("negative size in " + Arrays.toString(size));
            }
            n *= s;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("size " + Arrays.toString(size) + " is too large");
            }
        }
        return (int) n;
    }

    /**
     * Replaces a single {@code -1} in {@code size} by what makes the element count
     * {@code numel}, and checks the count.
     *
     * @param size the requested size, with at most one {@code -1}
     * @param numel the element count to match
     * @return the complete size
     */
    public static int[] inferSize(int[] size, int numel) {
        int[] s = size.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("only one size may be -1: " + Arrays.toString(size));
                }
                unknown = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("negative size in " + Arrays.toString(size));
            } else {
                known *= s[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("cannot view " + numel + " elements as size "
                        + Arrays.toString(size));
            }
            s[unknown] = (int) (numel / known);
        } else if ((s.length == 0 ? 0 : known) != numel) {
            throw new IllegalArgumentException("cannot view " + numel + " elements as size "
                    + Arrays.toString(size));
        }
        return s;
    }
}
