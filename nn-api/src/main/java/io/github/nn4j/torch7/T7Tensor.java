package io.github.nn4j.torch7;

import java.util.Arrays;
import java.util.Objects;

import io.github.nn4j.Tensor;

/**
 * A Torch tensor as stored in a {@code .t7} file ({@code torch.<T>Tensor},
 * {@code generic/Tensor.c}): a strided view over a {@link T7Storage} that other tensors may share.
 *
 * <p>File payload: int {@code nDimension}; long[nDim] sizes; long[nDim] strides; long storage
 * offset, <b>1-based</b>; then the storage as an object (a new or back-referenced
 * {@code torch.<T>Storage}, or nil). An empty tensor ({@code torch.Tensor()}) has no dimensions,
 * offset 1 and no storage: {@code 0, 1, nil}.
 *
 * <p>The element with 0-based index {@code (i0, …, ik)} lives at
 * {@code storage[storageOffset() + Σ i_d·stride(d)]}. {@link #storageOffset()} is 0-based (the C
 * field {@code storageOffset}); {@link #luaStorageOffset()} is the 1-based value that Lua shows and
 * that the file holds. A tensor with no dimensions is empty, not a scalar (Torch7 has no 0-d
 * tensors).
 *
 * <p>Instances are immutable views; the storage elements are mutable and shared. Identity is
 * object identity.
 */
public final class T7Tensor {

    private static final long[] NONE = new long[0];

    private T7ElementType type;
    private T7Storage storage;
    private long storageOffset;
    private long[] sizes;
    private long[] strides;
    /** The class name read from the file when it is not the CPU one (e.g. {@code torch.CudaTensor}). */
    private String storedClassName;

    /** A placeholder filled in by the reader (it registers the tensor before reading it). */
    T7Tensor(T7ElementType type) {
        this.type = type;
        this.sizes = NONE;
        this.strides = NONE;
    }

    /**
     * A view over a storage.
     *
     * @param type the element type (that of the storage, if there is one)
     * @param storage the storage, or {@code null} for a tensor without elements
     * @param storageOffset the 0-based index in the storage of the first element
     * @param sizes the size of each dimension, non-negative
     * @param strides the stride of each dimension, in elements
     * @throws IllegalArgumentException if the types disagree, the lengths of sizes and strides
     *         differ, the offset is negative, or the view reaches outside the storage
     */
    public T7Tensor(T7ElementType type, T7Storage storage, long storageOffset, long[] sizes, long[] strides) {
        Objects.requireNonNull(type, "type");
        if (storage != null && storage.elementType() != type) {
            throw new IllegalArgumentException("a " + type.tensorClassName() + " cannot view a "
                    + storage.className());
        }
        if (sizes.length != strides.length) {
            throw new IllegalArgumentException(sizes.length + " sizes but " + strides.length + " strides");
        }
        if (storageOffset < 0) {
            throw new IllegalArgumentException("storage offset must be non-negative, got " + storageOffset);
        }
        String err = viewError(storage, storageOffset, sizes, strides);
        if (err != null) {
            throw new IllegalArgumentException(err);
        }
        init(type, storage, storageOffset, sizes.clone(), strides.clone());
    }

    void init(T7ElementType t, T7Storage s, long offset, long[] sz, long[] st) {
        this.type = t;
        this.storage = s;
        this.storageOffset = offset;
        this.sizes = sz;
        this.strides = st;
    }

    /**
     * An empty tensor ({@code torch.<T>Tensor()}): no dimensions and no storage.
     *
     * @param type the element type
     * @return a new empty tensor
     */
    public static T7Tensor empty(T7ElementType type) {
        return new T7Tensor(type, null, 0, NONE, NONE);
    }

    /**
     * A contiguous row-major view of the start of a storage.
     *
     * @param storage the storage
     * @param sizes the size of each dimension
     * @return a new view
     * @throws IllegalArgumentException if the storage is too small
     */
    public static T7Tensor contiguous(T7Storage storage, long... sizes) {
        return new T7Tensor(storage.elementType(), storage, 0, sizes, contiguousStrides(sizes));
    }

    /**
     * A {@code torch.DoubleTensor} holding a copy of an nn4j tensor, with its own contiguous
     * {@code torch.DoubleStorage} (offset 1 in the file). An empty nn4j tensor becomes an empty
     * tensor without storage, as Torch writes {@code torch.Tensor()}.
     *
     * @param tensor the tensor to copy
     * @return a new T7 tensor
     */
    public static T7Tensor fromTensor(Tensor tensor) {
        if (tensor.dim() == 0) {
            return empty(T7ElementType.DOUBLE);
        }
        int n = tensor.numel();
        double[] values = Arrays.copyOf(tensor.data(), n);
        long[] sz = new long[tensor.dim()];
        for (int d = 0; d < sz.length; d++) {
            sz[d] = tensor.size(d);
        }
        return contiguous(T7Storage.wrap(values), sz);
    }

    /**
     * A new contiguous nn4j {@link Tensor} holding this view's elements in row-major order,
     * converted to double as {@link T7Storage#getDouble(int)} does (Long tensors are exact up to
     * 2^53; Byte tensors are unsigned). Any strides and offset are honoured.
     *
     * @return a new tensor; {@link Tensor#empty()} for a tensor with no dimensions
     * @throws IllegalStateException if a size or the element count exceeds {@code int} range
     */
    public Tensor toTensor() {
        if (sizes.length == 0) {
            return Tensor.empty();
        }
        int[] sz = new int[sizes.length];
        for (int d = 0; d < sz.length; d++) {
            if (sizes[d] > Integer.MAX_VALUE) {
                throw new IllegalStateException("size " + sizes[d] + " of dimension " + d + " of "
                        + this + " does not fit an nn4j Tensor");
            }
            sz[d] = (int) sizes[d];
        }
        long n = numel();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(this + " has " + n + " elements, too many for an nn4j Tensor");
        }
        Tensor out = Tensor.zeros(sz);
        copyTo(out.data());
        return out;
    }

    /**
     * This view's elements in row-major order, as doubles (a copy).
     *
     * @return a new array of {@link #numel()} values
     * @throws IllegalStateException if the element count exceeds {@code int} range
     */
    public double[] toDoubleArray() {
        long total = numel();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(this + " has " + total + " elements, too many for an array");
        }
        double[] out = new double[(int) total];
        copyTo(out);
        return out;
    }

    /**
     * Writes this view's elements in row-major order, as doubles, into {@code out[0 … numel)}:
     * the one copy a loader needs from the file's storage into a module's own tensor.
     *
     * @param out the destination, at least {@link #numel()} long
     * @throws IllegalArgumentException if {@code out} is shorter than {@link #numel()}
     */
    public void copyTo(double[] out) {
        long total = numel();
        if (out.length < total) {
            throw new IllegalArgumentException(this + " has " + total + " elements, more than the " + out.length
                    + " of the destination");
        }
        int n = (int) total;
        if (n == 0) {
            return;
        }
        if (isContiguous()) {
            int off = (int) storageOffset;
            if (type == T7ElementType.DOUBLE) {
                System.arraycopy(storage.doubleData(), off, out, 0, n);
                return;
            }
            if (type == T7ElementType.FLOAT) {
                float[] f = storage.floatData();
                for (int i = 0; i < n; i++) {
                    out[i] = f[off + i];
                }
                return;
            }
        }
        int nd = sizes.length;
        long[] idx = new long[nd];
        long pos = storageOffset;
        for (int i = 0; i < n; i++) {
            out[i] = storage.getDouble((int) pos);
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] < sizes[d]) {
                    pos += strides[d];
                    break;
                }
                pos -= (idx[d] - 1) * strides[d];
                idx[d] = 0;
            }
        }
    }

    /**
     * One element as a double.
     *
     * @param index the 0-based index in each dimension
     * @return the element
     * @throws IndexOutOfBoundsException if the index is outside the view
     */
    public double getDouble(long... index) {
        if (index.length != sizes.length) {
            throw new IndexOutOfBoundsException(index.length + " indices for a " + sizes.length + "-d tensor");
        }
        long pos = storageOffset;
        for (int d = 0; d < index.length; d++) {
            Objects.checkIndex(index[d], sizes[d]);
            pos += index[d] * strides[d];
        }
        return storage.getDouble((int) pos);
    }

    /**
     * The element type.
     *
     * @return the type
     */
    public T7ElementType elementType() {
        return type;
    }

    /**
     * The class name Torch writes, e.g. {@code torch.FloatTensor}.
     *
     * @return the class name
     */
    public String className() {
        return type.tensorClassName();
    }

    /**
     * The class name the file stored: {@link #className()}, or a cutorch name such as
     * {@code torch.CudaTensor} for a tensor read from a GPU-saved file (which is read, and
     * written back, as its CPU counterpart).
     *
     * @return the class name as stored
     */
    public String storedClassName() {
        return storedClassName != null ? storedClassName : className();
    }

    void setStoredClassName(String name) {
        storedClassName = name.equals(className()) ? null : name;
    }

    /**
     * The storage this tensor views.
     *
     * @return the storage, or {@code null} (empty tensors)
     */
    public T7Storage storage() {
        return storage;
    }

    /**
     * The 0-based storage index of the first element (C's {@code storageOffset}).
     *
     * @return the offset
     */
    public long storageOffset() {
        return storageOffset;
    }

    /**
     * The 1-based storage offset, as Lua's {@code tensor:storageOffset()} and the file give it.
     *
     * @return {@link #storageOffset()} + 1
     */
    public long luaStorageOffset() {
        return storageOffset + 1;
    }

    /**
     * The number of dimensions (0 for an empty tensor).
     *
     * @return the dimension count
     */
    public int dim() {
        return sizes.length;
    }

    /**
     * The size of each dimension (a copy).
     *
     * @return the sizes
     */
    public long[] sizes() {
        return sizes.clone();
    }

    /**
     * The size of one dimension.
     *
     * @param d the 0-based dimension
     * @return its size
     */
    public long size(int d) {
        return sizes[d];
    }

    /**
     * The stride of each dimension, in elements (a copy).
     *
     * @return the strides
     */
    public long[] strides() {
        return strides.clone();
    }

    /**
     * The stride of one dimension, in elements.
     *
     * @param d the 0-based dimension
     * @return its stride
     */
    public long stride(int d) {
        return strides[d];
    }

    /**
     * The number of elements (0 for a tensor with no dimensions).
     *
     * @return the product of the sizes
     */
    public long numel() {
        if (sizes.length == 0) {
            return 0;
        }
        long n = 1;
        for (long s : sizes) {
            n *= s;
        }
        return n;
    }

    /**
     * Whether the view is contiguous row-major (strides as {@link #contiguous} makes them,
     * ignoring dimensions of size 1).
     *
     * @return true if contiguous
     */
    public boolean isContiguous() {
        long expected = 1;
        for (int d = sizes.length - 1; d >= 0; d--) {
            if (sizes[d] != 1) {
                if (strides[d] != expected) {
                    return false;
                }
                expected *= sizes[d];
            }
        }
        return true;
    }

    /** Row-major strides for the given sizes. */
    static long[] contiguousStrides(long[] sizes) {
        long[] st = new long[sizes.length];
        long s = 1;
        for (int d = sizes.length - 1; d >= 0; d--) {
            st[d] = s;
            s *= Math.max(sizes[d], 1);
        }
        return st;
    }

    /**
     * Why a view is invalid, or {@code null} if it is valid: sizes are non-negative, the element
     * count fits a long, and every element lies inside the storage.
     */
    /** The element count of valid sizes (0 for no dimensions), as {@link #viewError} checked it. */
    static long elementCount(long[] sizes) {
        long n = sizes.length == 0 ? 0 : 1;
        for (long s : sizes) {
            n *= s;
        }
        return n;
    }

    static String viewError(T7Storage storage, long offset, long[] sizes, long[] strides) {
        long n = sizes.length == 0 ? 0 : 1;
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] < 0) {
                return "negative size " + sizes[d] + " in dimension " + d;
            }
            try {
                n = Math.multiplyExact(n, sizes[d]);
            } catch (ArithmeticException e) {
                return "element count overflows with sizes " + Arrays.toString(sizes);
            }
        }
        if (n == 0) {
            return null;
        }
        if (storage == null) {
            return "a tensor of sizes " + Arrays.toString(sizes) + " has no storage";
        }
        long lo = offset;
        long hi = offset;
        try {
            for (int d = 0; d < sizes.length; d++) {
                long span = Math.multiplyExact(sizes[d] - 1, strides[d]);
                if (span < 0) {
                    lo = Math.addExact(lo, span);
                } else {
                    hi = Math.addExact(hi, span);
                }
            }
        } catch (ArithmeticException e) {
            return "view extent overflows with sizes " + Arrays.toString(sizes) + " and strides "
                    + Arrays.toString(strides);
        }
        if (lo < 0 || hi >= storage.size()) {
            return "view (offset " + (offset + 1) + ", sizes " + Arrays.toString(sizes) + ", strides "
                    + Arrays.toString(strides) + ") reaches outside its storage of " + storage.size()
                    + " elements";
        }
        return null;
    }

    @Override
    public String toString() {
        return className() + " of size " + (sizes.length == 0 ? "[]" : Arrays.toString(sizes));
    }
}
