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
     * Fills with uniform values in {@code [lo, hi)} from a generator, in row-major order
     * (nothing while the generator's draws are suspended, {@link TorchRandom#withoutGlobalDraws}).
     *
     * @param rng the generator
     * @param lo the lower bound
     * @param hi the upper bound
     * @return this
     */
    public Tensor uniform(TorchRandom rng, double lo, double hi) {
        if (rng.drawsSuspended()) {
            return this; // see TorchRandom.withoutGlobalDraws
        }
        double[] a = matrix.data;
        for (int i = 0; i < numel; i++) {
            a[i] = rng.uniform(lo, hi);
        }
        return this;
    }

    /**
     * Fills with normal values from a generator, in row-major order (nothing while the
     * generator's draws are suspended, {@link TorchRandom#withoutGlobalDraws}).
     *
     * @param rng the generator
     * @param mean the mean
     * @param std the standard deviation, positive
     * @return this
     */
    public Tensor normal(TorchRandom rng, double mean, double std) {
        if (rng.drawsSuspended()) {
            return this; // see TorchRandom.withoutGlobalDraws
        }
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

    // ----------------------------------------------------------------------------- Torch maths (CS231n set)
    //
    // Convention (Torch's): x.cmul(y) changes x in place and returns it; the static twin
    // Tensor.cmul(res, x, y) resizes res to x's size and writes into it (no allocation when res is
    // large enough); res may be x itself. Products and reductions without a result argument
    // return a new tensor, as Torch's torch.mm(a, b) does.

    /**
     * {@code this *= other}, element-wise (Torch's {@code cmul}).
     *
     * @param other a tensor with as many elements
     * @return this
     * @throws IllegalArgumentException naming both sizes if the element counts differ
     */
    public Tensor cmul(Tensor other) {
        return cmul(this, this, other);
    }

    /**
     * {@code res = x * y}, element-wise (Torch's {@code torch.cmul(res, x, y)}); {@code res} is
     * resized to {@code x}'s size and may be {@code x} or {@code y}.
     *
     * @param res the result, modified
     * @param x the left operand
     * @param y the right operand, as many elements as {@code x}
     * @return res
     */
    public static Tensor cmul(Tensor res, Tensor x, Tensor y) {
        x.checkSameNumel(y, "cmul");
        double[] a = x.matrix.data;
        double[] b = y.matrix.data;
        double[] r = res.resizeAs(x).matrix.data;
        for (int i = 0; i < x.numel; i++) {
            r[i] = a[i] * b[i];
        }
        return res;
    }

    /**
     * {@code this /= other}, element-wise (Torch's {@code cdiv}).
     *
     * @param other a tensor with as many elements
     * @return this
     */
    public Tensor cdiv(Tensor other) {
        return cdiv(this, this, other);
    }

    /**
     * {@code res = x / y}, element-wise (Torch's {@code torch.cdiv(res, x, y)}).
     *
     * @param res the result, modified, resized to {@code x}'s size
     * @param x the numerator
     * @param y the denominator, as many elements as {@code x}
     * @return res
     */
    public static Tensor cdiv(Tensor res, Tensor x, Tensor y) {
        x.checkSameNumel(y, "cdiv");
        double[] a = x.matrix.data;
        double[] b = y.matrix.data;
        double[] r = res.resizeAs(x).matrix.data;
        for (int i = 0; i < x.numel; i++) {
            r[i] = a[i] / b[i];
        }
        return res;
    }

    /**
     * {@code this += value}, element-wise (Torch's {@code add(value)}).
     *
     * @param value the number to add
     * @return this
     */
    public Tensor add(double value) {
        double[] a = matrix.data;
        for (int i = 0; i < numel; i++) {
            a[i] += value;
        }
        return this;
    }

    /**
     * {@code res = x + alpha * y}, element-wise (Torch's {@code torch.add(res, x, alpha, y)}).
     *
     * @param res the result, modified, resized to {@code x}'s size; may be {@code x}
     * @param x the left operand
     * @param alpha the factor of {@code y}
     * @param y the right operand, as many elements as {@code x}
     * @return res
     */
    public static Tensor add(Tensor res, Tensor x, double alpha, Tensor y) {
        x.checkSameNumel(y, "add");
        double[] a = x.matrix.data;
        double[] b = y.matrix.data;
        double[] r = res.resizeAs(x).matrix.data;
        for (int i = 0; i < x.numel; i++) {
            r[i] = a[i] + alpha * b[i];
        }
        return res;
    }

    /**
     * {@code res = x * value}, element-wise (Torch's {@code torch.mul(res, x, value)}).
     *
     * @param res the result, modified, resized to {@code x}'s size; may be {@code x}
     * @param x the operand
     * @param value the factor
     * @return res
     */
    public static Tensor mul(Tensor res, Tensor x, double value) {
        return apply(res, x, v -> v * value);
    }

    /**
     * Applies a function to every element in place (Torch's {@code apply}).
     *
     * @param f the function
     * @return this
     */
    public Tensor apply(java.util.function.DoubleUnaryOperator f) {
        return apply(this, this, f);
    }

    /**
     * {@code res[i] = f(x[i])} for every element.
     *
     * @param res the result, modified, resized to {@code x}'s size; may be {@code x}
     * @param x the operand
     * @param f the function
     * @return res
     */
    public static Tensor apply(Tensor res, Tensor x, java.util.function.DoubleUnaryOperator f) {
        double[] a = x.matrix.data;
        double[] r = res.resizeAs(x).matrix.data;
        for (int i = 0; i < x.numel; i++) {
            r[i] = f.applyAsDouble(a[i]);
        }
        return res;
    }

    /**
     * {@code this = exp(this)}, element-wise, in place.
     *
     * @return this
     */
    public Tensor exp() {
        return apply(this, this, Math::exp);
    }

    /**
     * {@code this = log(this)} (natural logarithm), element-wise, in place.
     *
     * @return this
     */
    public Tensor log() {
        return apply(this, this, Math::log);
    }

    /**
     * {@code this = |this|}, element-wise, in place.
     *
     * @return this
     */
    public Tensor abs() {
        return apply(this, this, Math::abs);
    }

    /**
     * Clamps every element into {@code [min, max]} in place (Torch's {@code clamp}; NaN stays NaN).
     *
     * @param min the lower bound
     * @param max the upper bound, at least {@code min}
     * @return this
     */
    public Tensor clamp(double min, double max) {
        return clamp(this, this, min, max);
    }

    /**
     * {@code res = clamp(x, min, max)}, element-wise (NaN stays NaN).
     *
     * @param res the result, modified, resized to {@code x}'s size; may be {@code x}
     * @param x the operand
     * @param min the lower bound
     * @param max the upper bound, at least {@code min}
     * @return res
     */
    public static Tensor clamp(Tensor res, Tensor x, double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        return apply(res, x, v -> v < min ? min : v > max ? max : v);
    }

    /**
     * The matrix product {@code this · other} of two 2-D tensors, as a new tensor (Torch's
     * {@code torch.mm(a, b)}).
     *
     * @param other a {@code [k, m]} tensor when this is {@code [n, k]}
     * @return a new {@code [n, m]} tensor
     */
    public Tensor mm(Tensor other) {
        return mm(empty(), this, other);
    }

    /**
     * {@code res = a · b} for 2-D tensors (Torch's {@code torch.mm(res, a, b)}), through the
     * {@link io.github.nn4j.linalg.Gemm} facade; {@code res} is resized to {@code [n, m]} and
     * must not be {@code a} or {@code b}.
     *
     * @param res the result, modified
     * @param a an {@code [n, k]} tensor
     * @param b a {@code [k, m]} tensor
     * @return res
     */
    public static Tensor mm(Tensor res, Tensor a, Tensor b) {
        checkProduct("mm", a, b);
        res.resize(a.size[0], b.size[1]);
        return res.addmm(0.0, 1.0, a, b);
    }

    /**
     * {@code this = beta · this + alpha · (a · b)} (Torch's {@code M:addmm(beta, alpha, a, b)},
     * Torch's {@code v1}, {@code v2}), through the {@link io.github.nn4j.linalg.Gemm} facade. With
     * {@code beta = 0} the old contents are ignored (NaN included).
     *
     * @param beta the factor of this tensor's contents
     * @param alpha the factor of the product
     * @param a an {@code [n, k]} tensor
     * @param b a {@code [k, m]} tensor
     * @return this, an {@code [n, m]} tensor, not {@code a} or {@code b}
     * @throws IllegalArgumentException naming the shapes if they do not fit
     */
    public Tensor addmm(double beta, double alpha, Tensor a, Tensor b) {
        checkProduct("addmm", a, b);
        if (!hasSize(a.size[0], b.size[1])) {
            throw new IllegalArgumentException("addmm: result of size " + shapeString() + " does not fit "
                    + a.shapeString() + " x " + b.shapeString());
        }
        if (sharesStorageWith(a) || sharesStorageWith(b)) {
            throw new IllegalArgumentException("addmm: the result shares storage with an operand");
        }
        io.github.nn4j.linalg.Gemm.gemm(false, false, alpha, a.matrix, b.matrix, beta, matrix);
        return this;
    }

    /**
     * {@code this += a · b} (Torch's {@code M:addmm(a, b)}).
     *
     * @param a an {@code [n, k]} tensor
     * @param b a {@code [k, m]} tensor
     * @return this
     */
    public Tensor addmm(Tensor a, Tensor b) {
        return addmm(1.0, 1.0, a, b);
    }

    private static void checkProduct(String op, Tensor a, Tensor b) {
        if (a.dim() != 2 || b.dim() != 2 || a.size[1] != b.size[0]) {
            throw new IllegalArgumentException(op + ": cannot multiply " + a.shapeString() + " by "
                    + b.shapeString() + " (need [n, k] and [k, m])");
        }
    }

    /**
     * The transpose of a 2-D tensor, as a new tensor (Torch's {@code t()}, which is a view there;
     * here storage is always contiguous, so it is a copy).
     *
     * @return a new {@code [m, n]} tensor when this is {@code [n, m]}
     */
    public Tensor t() {
        return t(empty(), this);
    }

    /**
     * {@code res = xᵀ} for a 2-D {@code x}; {@code res} is resized and must not be {@code x}.
     *
     * @param res the result, modified
     * @param x an {@code [n, m]} tensor
     * @return res, {@code [m, n]}
     */
    public static Tensor t(Tensor res, Tensor x) {
        if (x.dim() != 2) {
            throw new IllegalArgumentException("t: expected a 2-D tensor, got " + x.shapeString());
        }
        if (res.sharesStorageWith(x)) {
            throw new IllegalArgumentException("t: the result shares storage with the operand");
        }
        int n = x.size[0];
        int m = x.size[1];
        double[] a = x.matrix.data;
        double[] r = res.resize(m, n).matrix.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                r[j * n + i] = a[i * m + j];
            }
        }
        return res;
    }

    /**
     * The mean of all elements (NaN when empty).
     *
     * @return the mean
     */
    public double mean() {
        return sum() / numel;
    }

    /**
     * The largest element; the first NaN if there is one, as Torch's {@code max()}.
     *
     * @return the maximum
     * @throws IllegalStateException if the tensor is empty
     */
    public double max() {
        return matrix.data[extremeIndex(matrix.data, 0, numel, 1, true)];
    }

    /**
     * The smallest element; the first NaN if there is one, as Torch's {@code min()}.
     *
     * @return the minimum
     * @throws IllegalStateException if the tensor is empty
     */
    public double min() {
        return matrix.data[extremeIndex(matrix.data, 0, numel, 1, false)];
    }

    /**
     * Values and 0-based indices of a reduction along a dimension (Torch's {@code max(x, dim)}
     * returns the pair; Torch's indices are 1-based).
     *
     * @param values the reduced values, the dimension kept with size 1 (as Torch7 keeps it)
     * @param indices the 0-based position along the dimension of each value, row-major
     */
    public record ValuesAndIndices(Tensor values, int[] indices) {
    }

    /**
     * Sums along dimension {@code dim} (0-based); the result keeps the dimension with size 1, as
     * Torch7's {@code sum(x, dim)} does ({@code [n, m]} summed along 1 is {@code [n, 1]}).
     *
     * @param dim the dimension, in {@code [0, dim())}
     * @return a new tensor
     */
    public Tensor sum(int dim) {
        return sum(empty(), this, dim);
    }

    /**
     * {@code res = sum(x, dim)}; {@code res} is resized and must not be {@code x}.
     *
     * @param res the result, modified
     * @param x the operand
     * @param dim the dimension, in {@code [0, x.dim())}
     * @return res
     */
    public static Tensor sum(Tensor res, Tensor x, int dim) {
        return reduce(res, null, x, dim, 0);
    }

    /**
     * Means along dimension {@code dim} (0-based), the dimension kept with size 1.
     *
     * @param dim the dimension
     * @return a new tensor
     */
    public Tensor mean(int dim) {
        return mean(empty(), this, dim);
    }

    /**
     * {@code res = mean(x, dim)}; {@code res} is resized and must not be {@code x}.
     *
     * @param res the result, modified
     * @param x the operand
     * @param dim the dimension
     * @return res
     */
    public static Tensor mean(Tensor res, Tensor x, int dim) {
        return reduce(res, null, x, dim, 0).mul(1.0 / x.size(dim));
    }

    /**
     * Maxima along dimension {@code dim} and their 0-based indices: the first index wins on ties,
     * and a NaN wins over every number (the first NaN), as Torch. {@code max(1).indices()} of a
     * {@code [B, C]} score tensor is each row's argmax (the predicted classes).
     *
     * @param dim the dimension
     * @return the values (dimension kept with size 1) and the indices
     */
    public ValuesAndIndices max(int dim) {
        Tensor v = empty();
        return new ValuesAndIndices(v, reduceExtreme(v, null, this, dim, true));
    }

    /**
     * Minima along dimension {@code dim} and their 0-based indices (ties and NaN as {@link #max(int)}).
     *
     * @param dim the dimension
     * @return the values (dimension kept with size 1) and the indices
     */
    public ValuesAndIndices min(int dim) {
        Tensor v = empty();
        return new ValuesAndIndices(v, reduceExtreme(v, null, this, dim, false));
    }

    /**
     * {@code max(x, dim)} into given buffers (no allocation when they are large enough).
     *
     * @param values the values, modified and resized
     * @param indices at least as long as the number of values, or null to skip
     * @param x the operand
     * @param dim the dimension
     * @return values
     */
    public static Tensor max(Tensor values, int[] indices, Tensor x, int dim) {
        reduceExtreme(values, indices, x, dim, true);
        return values;
    }

    /**
     * {@code min(x, dim)} into given buffers (no allocation when they are large enough).
     *
     * @param values the values, modified and resized
     * @param indices at least as long as the number of values, or null to skip
     * @param x the operand
     * @param dim the dimension
     * @return values
     */
    public static Tensor min(Tensor values, int[] indices, Tensor x, int dim) {
        reduceExtreme(values, indices, x, dim, false);
        return values;
    }

    private static int[] reduceExtreme(Tensor values, int[] indices, Tensor x, int dim, boolean max) {
        int[] idx = indices;
        if (idx == null) {
            idx = new int[x.numel / Math.max(1, x.size(dim))];
        }
        reduce(values, idx, x, dim, max ? 1 : -1);
        return idx;
    }

    /** kind 0: sum; 1: max; -1: min. */
    private static Tensor reduce(Tensor res, int[] indices, Tensor x, int dim, int kind) {
        int n = x.size(dim);
        if (n == 0) {
            throw new IllegalArgumentException("cannot reduce the empty dimension " + dim + " of " + x.shapeString());
        }
        if (res.sharesStorageWith(x)) {
            throw new IllegalArgumentException("reduction: the result shares storage with the operand");
        }
        int inner = 1;
        for (int d = dim + 1; d < x.size.length; d++) {
            inner *= x.size[d];
        }
        int outer = x.numel / (n * inner);
        if (indices != null && indices.length < outer * inner) {
            throw new IllegalArgumentException("indices hold " + indices.length + " values, need " + outer * inner);
        }
        int[] out = x.size.clone();
        out[dim] = 1;
        double[] a = x.matrix.data;
        double[] r = res.resize(out).matrix.data;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                int k = o * inner + i;
                if (kind == 0) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += a[base + j * inner];
                    }
                    r[k] = s;
                } else {
                    int j = extremeIndex(a, base, n, inner, kind > 0);
                    r[k] = a[base + j * inner];
                    indices[k] = j;
                }
            }
        }
        return res;
    }

    /** Torch's loop: {@code if (!(v <= best))} (max), so ties keep the first and the first NaN wins. */
    private static int extremeIndex(double[] a, int base, int n, int stride, boolean max) {
        if (n == 0) {
            throw new IllegalStateException("max/min of an empty tensor");
        }
        int best = 0;
        double bv = a[base];
        for (int j = 0; j < n && !Double.isNaN(bv); j++) {
            double v = a[base + j * stride];
            if (max ? !(v <= bv) : !(v >= bv)) {
                best = j;
                bv = v;
            }
        }
        return best;
    }

    /**
     * Rows {@code [start, start + length)} of this tensor along dimension 0 (Torch's
     * {@code narrow(1, start + 1, length)}). <b>A copy, not a view</b>: storage here has no offset,
     * so writing into the result leaves this tensor unchanged; use {@link #narrow(Tensor, Tensor, int, int)}
     * to reuse a buffer and {@link #copy(Tensor)} to write back.
     *
     * @param start the first row, 0-based
     * @param length the number of rows
     * @return a new tensor of size {@code [length, ...]}
     */
    public Tensor narrow(int start, int length) {
        return narrow(empty(), this, start, length);
    }

    /**
     * {@code res = x} rows {@code [start, start + length)} along dimension 0, copied.
     *
     * @param res the result, modified and resized; not {@code x}
     * @param x the operand, at least 1-D
     * @param start the first row, 0-based
     * @param length the number of rows
     * @return res
     */
    public static Tensor narrow(Tensor res, Tensor x, int start, int length) {
        if (x.dim() == 0 || start < 0 || length < 0 || start + length > x.size[0]) {
            throw new IndexOutOfBoundsException("narrow: rows [" + start + ", " + (start + length)
                    + ") outside size " + x.shapeString());
        }
        if (res.sharesStorageWith(x)) {
            throw new IllegalArgumentException("narrow: the result shares storage with the operand");
        }
        int[] out = x.size.clone();
        out[0] = length;
        int row = x.numel / x.size[0];
        res.resize(out);
        System.arraycopy(x.matrix.data, start * row, res.matrix.data, 0, length * row);
        return res;
    }

    /**
     * Row {@code index} of this tensor, one dimension fewer (Torch's {@code select(1, index + 1)});
     * a copy, not a view, as {@link #narrow(int, int)}.
     *
     * @param index the row, 0-based
     * @return a new tensor of size {@code sizes()[1..]}
     * @throws IllegalArgumentException if this tensor has fewer than 2 dimensions
     */
    public Tensor select(int index) {
        if (size.length < 2) {
            throw new IllegalArgumentException("select: expected at least 2 dimensions, got " + shapeString());
        }
        return narrow(empty(), this, index, 1).resize(Arrays.copyOfRange(size, 1, size.length));
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
