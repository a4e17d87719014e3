package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Bridge;

/**
 * The common machinery of {@link Max} and {@link Min}: reduce one dimension to its extreme value,
 * remember where it was, and route the gradient back to that position only.
 *
 * <p>The input is seen as {@code [outer, n, inner]} around the reduced dimension (row-major), so a
 * forward is one pass over the input and a backward one pass over the output.
 */
abstract class ArgReduce extends Module<Tensor, Tensor> {

    /** The reduced dimension as given: 0-based, negative counts from the end. */
    final int dimension;
    /** The number of dimensions of one sample, or 0 when not set (no batch shift). */
    final int nInputDims;
    /** The position of the winner along the reduced dimension, 0-based, one per output element. */
    private int[] indices = new int[0];
    /** The reduced dimension of the last forward, after the batch shift. */
    private int lastDim;
    private int[] outSize = new int[0];

    ArgReduce(int dimension, int nInputDims) {
        super(Tensor.empty(), Tensor.empty());
        if (nInputDims < 0) {
            throw new IllegalArgumentException("nInputDims must be positive (or 0 for none), got " + nInputDims);
        }
        this.dimension = dimension;
        this.nInputDims = nInputDims;
    }

    /**
     * The reduced dimension as given to the constructor: 0-based, negative counts from the end.
     *
     * @return the dimension
     */
    public int dimension() {
        return dimension;
    }

    /**
     * The number of dimensions of one sample, or 0 when not set.
     *
     * @return nInputDims
     */
    public int nInputDims() {
        return nInputDims;
    }

    /** True for a maximum, false for a minimum. */
    abstract boolean isMax();

    /**
     * The reduced dimension for this input: negative counts from the end; a non-negative
     * dimension moves by one when {@code nInputDims} is set and the input has one more dimension
     * (a batch), as Torch's {@code _getPositiveDimension}.
     */
    private int positiveDimension(Tensor input) {
        int d = dimension;
        if (d < 0) {
            d = input.dim() + d;
        } else if (nInputDims > 0 && input.dim() == nInputDims + 1) {
            d = d + 1;
        }
        if (input.numel() == 0 || d < 0 || d >= input.dim()) {
            throw shapeError("a non-empty tensor with dimension " + dimension
                    + (nInputDims > 0 ? " (of " + nInputDims + " per sample)" : ""), input);
        }
        return d;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int d = positiveDimension(input);
        lastDim = d;
        int dims = input.dim();
        int n = input.size(d);
        int outer = 1;
        int inner = 1;
        for (int k = 0; k < d; k++) {
            outer *= input.size(k);
        }
        for (int k = d + 1; k < dims; k++) {
            inner *= input.size(k);
        }
        if (dims == 1) {
            setOutSize(1);
            outSize[0] = 1;
        } else {
            setOutSize(dims - 1);
            for (int k = 0, j = 0; k < dims; k++) {
                if (k != d) {
                    outSize[j++] = input.size(k);
                }
            }
        }
        output.resize(outSize);
        int m = outer * inner;
        if (indices.length < m) {
            indices = new int[m];
        }
        double[] x = input.data();
        double[] y = output.data();
        int[] idx = indices;
        boolean max = isMax();
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner;
            for (int i = 0; i < inner; i++) {
                int p = base + i;
                double best = x[p];
                int arg = 0;
                // as THTensorMath.c: replace only on !(v <= best) (resp. >=), so the first of equal
                // values wins and the first NaN wins and stops the scan
                if (!Double.isNaN(best)) {
                    for (int k = 1; k < n; k++) {
                        double v = x[p + k * inner];
                        if (max ? !(v <= best) : !(v >= best)) {
                            best = v;
                            arg = k;
                            if (Double.isNaN(v)) {
                                break;
                            }
                        }
                    }
                }
                y[o * inner + i] = best;
                idx[o * inner + i] = arg;
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int d = lastDim;
        if (gradOutput.numel() != output.numel() || d >= input.dim()) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size " + output.shapeString() + " for input "
                    + input.shapeString());
        }
        int n = input.size(d);
        int inner = 1;
        for (int k = d + 1; k < input.dim(); k++) {
            inner *= input.size(k);
        }
        gradInput.resizeAs(input).zero();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        int[] idx = indices;
        int outer = output.numel() / inner;
        for (int o = 0, j = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++, j++) {
                gi[(o * n + idx[j]) * inner + i] = g[j];
            }
        }
        return gradInput;
    }

    /**
     * The 0-based positions of the winners of the last forward, shaped like the output (Torch's
     * {@code _indices}, minus one).
     *
     * @return a new tensor of indices
     */
    public Tensor indices() {
        Tensor t = Tensor.zeros(output.sizes());
        double[] a = t.data();
        for (int j = 0; j < t.numel(); j++) {
            a[j] = indices[j];
        }
        return t;
    }

    private void setOutSize(int len) {
        if (outSize.length != len) {
            outSize = new int[len];
        }
    }

    @Override
    public ArgReduce clearState() {
        super.clearState();
        indices = new int[0];
        return this;
    }

    /** Writes the fields of Max and Min: {@code dimension} (1-based), {@code nInputDims} (if set). */
    static void writeFields(ArgReduce m, T7Table f, T7Bridge.Writing out) {
        f.put("dimension", (double) LuaFields.dimensionToLua(m.dimension()));
        if (m.nInputDims() > 0) {
            f.put("nInputDims", (double) m.nInputDims());
        }
    }
}
