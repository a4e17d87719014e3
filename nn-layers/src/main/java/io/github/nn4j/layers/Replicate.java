package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * Repeats the input {@code nfeatures} times along a new dimension (Torch's
 * {@code nn.Replicate}, {@code Replicate.lua}). Backward: the sum of gradOutput over that
 * dimension.
 *
 * <table class="striped">
 *   <caption>Shapes (for {@code Replicate(n, d)}, input {@code [s0, …]})</caption>
 *   <tr><th>tensor</th><th>size</th></tr>
 *   <tr><td>input, gradInput</td><td>any, with at least {@code d} dimensions</td></tr>
 *   <tr><td>output, gradOutput</td><td>the input's size with {@code n} inserted at {@code d}
 *       ({@code d + 1} for a batch, see below)</td></tr>
 * </table>
 *
 * <p>With {@code ndim > 0} (Lua's {@code nil} is 0), an input of more than {@code ndim}
 * dimensions is a batch and the new dimension moves one to the right.
 *
 * <p><b>Differences from Torch:</b> {@code dim} is 0-based (Lua's {@code nn.Replicate(n, 2)} is
 * Java's {@code new Replicate(n, 1)}). Torch's output is a view with stride 0 along the new
 * dimension; nn4j copies the input {@code n} times into the reused output.
 */
public class Replicate extends Module<Tensor, Tensor> {

    static final T7Codec<Replicate> T7 = LuaFields.codec("nn.Replicate", Replicate.class,
            (o, in) -> new Replicate(o.getInt("nfeatures"), LuaFields.dimensionFromLua(o, "dim", 1, in),
                    o.getInt("ndim", 0)),
            (m, f, out) -> {
                f.put("nfeatures", (double) m.nfeatures);
                f.put("dim", (double) (m.dim + 1));
                if (m.ndim > 0) {
                    f.put("ndim", (double) m.ndim);
                }
            });

    private final int nfeatures;
    private final int dim;
    private final int ndim;

    /**
     * {@code nn.Replicate(n)}: a new first dimension.
     *
     * @param nfeatures the number of copies, positive
     */
    public Replicate(int nfeatures) {
        this(nfeatures, 0, 0);
    }

    /**
     * {@code nn.Replicate(n, dim + 1, ndim)}.
     *
     * @param nfeatures the number of copies, positive
     * @param dim the 0-based position of the new dimension, {@code ≥ 0}
     * @param ndim the dimensions of one sample, 0 for none (Lua's nil)
     */
    public Replicate(int nfeatures, int dim, int ndim) {
        super(Tensor.empty(), Tensor.empty());
        if (nfeatures <= 0) {
            throw new IllegalArgumentException("nn.Replicate: nfeatures must be positive, got " + nfeatures);
        }
        if (dim < 0) {
            throw new IllegalArgumentException("nn.Replicate: can only replicate along a dimension >= 0 (0-based), got " + dim);
        }
        if (ndim < 0) {
            throw new IllegalArgumentException("nn.Replicate: ndim must be >= 0, got " + ndim);
        }
        this.nfeatures = nfeatures;
        this.dim = dim;
        this.ndim = ndim;
    }

    /**
     * The number of copies.
     *
     * @return nfeatures
     */
    public int nfeatures() {
        return nfeatures;
    }

    /**
     * The new dimension, 0-based.
     *
     * @return dim
     */
    public int dim() {
        return dim;
    }

    /**
     * The dimensions of one sample (0 for none).
     *
     * @return ndim
     */
    public int ndim() {
        return ndim;
    }

    private int rdim(Tensor input) {
        int r = dim + (ndim > 0 && input.dim() > ndim ? 1 : 0);
        if (r > input.dim()) {
            throw shapeError("at least " + r + " dimensions", input);
        }
        return r;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int r = rdim(input);
        int[] s = input.sizes();
        ShapeOps.resize(output, ShapeOps.inserted(s, r, nfeatures));
        int outer = ShapeOps.prod(s, 0, r);
        int inner = ShapeOps.prod(s, r, s.length);
        double[] x = input.data();
        double[] y = output.data();
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < nfeatures; k++) {
                System.arraycopy(x, o * inner, y, (o * nfeatures + k) * inner, inner);
            }
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int r = rdim(input);
        int[] s = input.sizes();
        if (!gradOutput.hasSize(ShapeOps.inserted(s, r, nfeatures))) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size " + ShapeOps.str(ShapeOps.inserted(s, r, nfeatures)));
        }
        gradInput.resizeAs(input).zero();
        int outer = ShapeOps.prod(s, 0, r);
        int inner = ShapeOps.prod(s, r, s.length);
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        for (int o = 0; o < outer; o++) {
            int base = o * inner;
            for (int k = 0; k < nfeatures; k++) {
                int go = (o * nfeatures + k) * inner;
                for (int i = 0; i < inner; i++) {
                    gi[base + i] += g[go + i];
                }
            }
        }
        return gradInput;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Replicate training() {
        super.training();
        return this;
    }

    @Override
    public Replicate evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public Replicate reset() {
        super.reset();
        return this;
    }

    @Override
    public Replicate reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
