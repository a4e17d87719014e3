package io.github.nn4j.layers;

import org.ejml.data.DMatrixRMaj;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.torch7.T7Codec;

/**
 * The product of a matrix and a vector, or of two batches of them (Torch's {@code nn.MV},
 * {@code MV.lua}).
 *
 * <p>{@code y = op(M)·v}, {@code op(M) = Mᵀ} when {@code trans}; for batches
 * {@code y[b] = op(M[b])·v[b]}. Backward with {@code g = ∂L/∂y}: without {@code trans},
 * {@code ∂M = g·vᵀ} and {@code ∂v = Mᵀ·g}; with it, {@code ∂M = v·gᵀ} and {@code ∂v = M·g}. Every
 * product is one {@link Gemm} call on whole matrices (vectors as one-column or one-row views); a
 * batch copies each sample into reused buffers.
 *
 * <table class="striped">
 *   <caption>Shapes ({@code trans} reads M as {@code [n, m]})</caption>
 *   <tr><th>tensor</th><th>one pair</th><th>batch</th></tr>
 *   <tr><td>input {@code {M, v}}</td><td>{@code {[m, n], [n]}}</td><td>{@code {[N, m, n], [N, n]}}</td></tr>
 *   <tr><td>output</td><td>{@code [m]}</td><td>{@code [N, m]}</td></tr>
 *   <tr><td>gradInput</td><td colspan="2">two tensors, of M's and of v's size</td></tr>
 * </table>
 *
 * <p>Prints {@code nn.MV} (no {@code __tostring__} in Torch). No parameters.
 */
public class MV extends Module<Table, Tensor> {

    private final boolean trans;
    /** One sample's M, v, y (or g), ∂M and ∂v, for batches. */
    private final Tensor mBuf = Tensor.empty();
    private final Tensor vBuf = Tensor.empty();
    private final Tensor yBuf = Tensor.empty();
    private final Tensor gmBuf = Tensor.empty();
    private final Tensor gvBuf = Tensor.empty();
    /** Column views of vectors. */
    private final Tensor colV = Tensor.empty();
    private final Tensor colY = Tensor.empty();
    private final Tensor colDv = Tensor.empty();
    private final int[] shape = new int[2];

    /** {@code y = M·v}. */
    public MV() {
        this(false);
    }

    /**
     * {@code y = op(M)·v} (Torch's {@code nn.MV(trans)}).
     *
     * @param trans whether to transpose M
     */
    public MV(boolean trans) {
        super(Tensor.empty(), Table.of(Tensor.empty(), Tensor.empty()));
        this.trans = trans;
    }

    /** @return whether M is transposed */
    public boolean isTrans() {
        return trans;
    }

    @Override
    public Tensor updateOutput(Table input) {
        int batch = check(input);
        Tensor m = input.tensor(0);
        Tensor v = input.tensor(1);
        int rows = trans ? m.size(m.dim() - 1) : m.size(m.dim() - 2);
        if (batch == 0) {
            Buffers.resize1(output, rows);
            product(m.matrix(), v, output);
            return output;
        }
        Buffers.resize2(output, batch, rows);
        Buffers.resize1(yBuf, rows);
        for (int i = 0; i < batch; i++) {
            product(sample(m, i), vector(vBuf, v, i), yBuf);
            System.arraycopy(yBuf.data(), 0, output.data(), i * rows, rows);
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        int batch = check(input);
        Tensor m = input.tensor(0);
        Tensor v = input.tensor(1);
        int rows = trans ? m.size(m.dim() - 1) : m.size(m.dim() - 2);
        boolean ok = batch == 0 ? Unfold.hasSize(gradOutput, rows, -1, -1)
                : Unfold.hasSize(gradOutput, batch, rows, -1);
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
        if (gradInput.size() != 2) {
            gradInput.clear().add(Tensor.empty()).add(Tensor.empty());
        }
        Tensor gm = gradInput.tensor(0).resizeAs(m);
        Tensor gv = gradInput.tensor(1).resizeAs(v);
        if (batch == 0) {
            gradients(m.matrix(), v, gradOutput, gm.matrix(), gv);
            return gradInput;
        }
        int mn = m.numel() / batch;
        int vn = v.size(1);
        Buffers.resize2(gmBuf, m.size(1), m.size(2));
        Buffers.resize1(gvBuf, vn);
        for (int i = 0; i < batch; i++) {
            DMatrixRMaj mi = sample(m, i);
            Tensor vi = vector(vBuf, v, i);
            Tensor gi = vector(yBuf, gradOutput, i);
            gradients(mi, vi, gi, gmBuf.matrix(), gvBuf);
            System.arraycopy(gmBuf.data(), 0, gm.data(), i * mn, mn);
            System.arraycopy(gvBuf.data(), 0, gv.data(), i * vn, vn);
        }
        return gradInput;
    }

    /** {@code y = op(M)·v} for one pair ({@code v} and {@code y} 1-D). */
    private void product(DMatrixRMaj m, Tensor v, Tensor y) {
        Gemm.gemm(trans, false, 1.0, m, column(colV, v), 0.0, column(colY, y));
    }

    /** {@code ∂M} and {@code ∂v} of one pair ({@code v}, {@code g}, {@code dv} 1-D). */
    private void gradients(DMatrixRMaj m, Tensor v, Tensor g, DMatrixRMaj dm, Tensor dv) {
        if (trans) {
            Gemm.gemm(false, false, 1.0, column(colV, v), g.matrix(), 0.0, dm);
            Gemm.gemm(false, false, 1.0, m, column(colY, g), 0.0, column(colDv, dv));
        } else {
            Gemm.gemm(false, false, 1.0, column(colY, g), v.matrix(), 0.0, dm);
            Gemm.gemm(true, false, 1.0, m, column(colY, g), 0.0, column(colDv, dv));
        }
    }

    /** A 1-D tensor as an {@code n × 1} matrix (a 1-D tensor's own matrix is its row). */
    private DMatrixRMaj column(Tensor view, Tensor vector) {
        return Unfold.view(view, shape, vector, vector.numel(), 1);
    }

    /** Copies matrix {@code i} of the batch into {@link #mBuf}. */
    private DMatrixRMaj sample(Tensor m, int i) {
        int r = m.size(1);
        int c = m.size(2);
        Buffers.resize2(mBuf, r, c);
        System.arraycopy(m.data(), i * r * c, mBuf.data(), 0, r * c);
        return mBuf.matrix();
    }

    /** Copies row {@code i} of {@code batch} into the 1-D {@code buf}. */
    private static Tensor vector(Tensor buf, Tensor batch, int i) {
        int n = batch.size(1);
        Buffers.resize1(buf, n);
        System.arraycopy(batch.data(), i * n, buf.data(), 0, n);
        return buf;
    }

    /** Checks the input; returns the batch size, or 0 for a single pair. */
    private int check(Table input) {
        String expected = trans ? "{[n, m], [n]} or {[N, n, m], [N, n]}" : "{[m, n], [n]} or {[N, m, n], [N, n]}";
        if (input.size() != 2 || !(input.get(0) instanceof Tensor m) || !(input.get(1) instanceof Tensor v)
                || (m.dim() != 2 && m.dim() != 3) || v.dim() != m.dim() - 1 || m.numel() == 0) {
            throw shapeError(expected, input);
        }
        int inner = trans ? m.size(m.dim() - 2) : m.size(m.dim() - 1);
        if (v.size(v.dim() - 1) != inner || (m.dim() == 3 && m.size(0) != v.size(0))) {
            throw shapeError(expected, input);
        }
        return m.dim() == 3 ? m.size(0) : 0;
    }

    static final T7Codec<MV> T7 = LuaFields.codec("nn.MV", MV.class,
            (o, in) -> new MV(LuaFields.truthy(o.get("trans"))),
            (m, f, out) -> f.put("trans", m.trans));

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public MV training() {
        super.training();
        return this;
    }

    @Override
    public MV evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public MV reset() {
        super.reset();
        return this;
    }

    @Override
    public MV reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
