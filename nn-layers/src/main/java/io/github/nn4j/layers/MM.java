package io.github.nn4j.layers;

import org.ejml.data.DMatrixRMaj;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.torch7.T7Codec;

/**
 * The matrix product of a pair of matrices, or of two batches of matrices (Torch's
 * {@code nn.MM}, {@code MM.lua}).
 *
 * <p>{@code C = op(A)·op(B)}, {@code op(X) = Xᵀ} when the flag {@code transA} (resp.
 * {@code transB}) is set; for batches, {@code C[b] = op(A[b])·op(B[b])}. Backward with
 * {@code G = ∂L/∂C}: {@code ∂op(A) = G·op(B)ᵀ}, {@code ∂op(B) = op(A)ᵀ·G}, so
 * {@code ∂A = G·op(B)ᵀ} or, transposed, {@code op(B)·Gᵀ}; {@code ∂B = op(A)ᵀ·G} or
 * {@code Gᵀ·op(A)}. Every product is one {@link Gemm} call on whole matrices; a batch copies each
 * sample's matrices into reused buffers.
 *
 * <table class="striped">
 *   <caption>Shapes (no transposition; {@code transA} swaps A's last two sizes, {@code transB} B's)</caption>
 *   <tr><th>tensor</th><th>matrices</th><th>batch</th></tr>
 *   <tr><td>input {@code {A, B}}</td><td>{@code {[m, k], [k, n]}}</td><td>{@code {[N, m, k], [N, k, n]}}</td></tr>
 *   <tr><td>output</td><td>{@code [m, n]}</td><td>{@code [N, m, n]}</td></tr>
 *   <tr><td>gradInput</td><td colspan="2">two tensors, of A's and of B's size</td></tr>
 * </table>
 *
 * <p>Prints {@code nn.MM} (no {@code __tostring__} in Torch). No parameters.
 */
public class MM extends Module<Table, Tensor> {

    private final boolean transA;
    private final boolean transB;
    /** One sample's A, B, C (or G), and gradients, for batches. */
    private final Tensor a = Tensor.empty();
    private final Tensor b = Tensor.empty();
    private final Tensor c = Tensor.empty();
    private final Tensor ga = Tensor.empty();
    private final Tensor gb = Tensor.empty();
    /** {@code {N (0 for 2-D), m, k, n}} of the last input. */
    private final int[] dims = new int[4];

    /** {@code C = A·B}. */
    public MM() {
        this(false, false);
    }

    /**
     * {@code C = op(A)·op(B)} (Torch's {@code nn.MM(transA, transB)}).
     *
     * @param transA whether to transpose A
     * @param transB whether to transpose B
     */
    public MM(boolean transA, boolean transB) {
        super(Tensor.empty(), Table.of(Tensor.empty(), Tensor.empty()));
        this.transA = transA;
        this.transB = transB;
    }

    /** @return whether A is transposed */
    public boolean isTransA() {
        return transA;
    }

    /** @return whether B is transposed */
    public boolean isTransB() {
        return transB;
    }

    @Override
    public Tensor updateOutput(Table input) {
        int[] s = sizes(input);
        Tensor x = input.tensor(0);
        Tensor y = input.tensor(1);
        if (s[0] == 0) {
            Buffers.resize2(output, s[1], s[3]);
            Gemm.gemm(transA, transB, 1.0, x.matrix(), y.matrix(), 0.0, output.matrix());
            return output;
        }
        int n = s[0];
        int m = s[1];
        int cols = s[3];
        if (output.dim() != 3 || output.size(0) != n || output.size(1) != m || output.size(2) != cols) {
            output.resize(n, m, cols);
        }
        Buffers.resize2(c, m, cols);
        for (int i = 0; i < n; i++) {
            Gemm.gemm(transA, transB, 1.0, sample(a, x, i), sample(b, y, i), 0.0, c.matrix());
            System.arraycopy(c.data(), 0, output.data(), i * m * cols, m * cols);
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        int[] s = sizes(input);
        Tensor x = input.tensor(0);
        Tensor y = input.tensor(1);
        boolean ok = s[0] == 0 ? Unfold.hasSize(gradOutput, s[1], s[3], -1)
                : Unfold.hasSize(gradOutput, s[0], s[1], s[3]);
        if (!ok) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output size for input " + input.shapeString());
        }
        if (gradInput.size() != 2) {
            gradInput.clear().add(Tensor.empty()).add(Tensor.empty());
        }
        Tensor gx = gradInput.tensor(0).resizeAs(x);
        Tensor gy = gradInput.tensor(1).resizeAs(y);
        if (s[0] == 0) {
            gradients(x.matrix(), y.matrix(), gradOutput.matrix(), gx.matrix(), gy.matrix());
            return gradInput;
        }
        Buffers.resize2(c, s[1], s[3]);
        int an = x.numel() / s[0];
        int bn = y.numel() / s[0];
        for (int i = 0; i < s[0]; i++) {
            DMatrixRMaj ai = sample(a, x, i);
            DMatrixRMaj bi = sample(b, y, i);
            Buffers.resize2(ga, ai.numRows, ai.numCols);
            Buffers.resize2(gb, bi.numRows, bi.numCols);
            System.arraycopy(gradOutput.data(), i * c.numel(), c.data(), 0, c.numel());
            gradients(ai, bi, c.matrix(), ga.matrix(), gb.matrix());
            System.arraycopy(ga.data(), 0, gx.data(), i * an, an);
            System.arraycopy(gb.data(), 0, gy.data(), i * bn, bn);
        }
        return gradInput;
    }

    /** {@code ∂A} and {@code ∂B} of one product {@code C = op(A)·op(B)} with {@code ∂C = g}. */
    private void gradients(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj g, DMatrixRMaj gx, DMatrixRMaj gy) {
        if (transA) {
            Gemm.gemm(transB, true, 1.0, y, g, 0.0, gx);
        } else {
            Gemm.gemm(false, !transB, 1.0, g, y, 0.0, gx);
        }
        if (transB) {
            Gemm.gemm(true, transA, 1.0, g, x, 0.0, gy);
        } else {
            Gemm.gemm(!transA, false, 1.0, x, g, 0.0, gy);
        }
    }

    /** Copies matrix {@code i} of the batch {@code t} into {@code buf} and returns its matrix. */
    private static DMatrixRMaj sample(Tensor buf, Tensor t, int i) {
        int r = t.size(1);
        int k = t.size(2);
        Buffers.resize2(buf, r, k);
        System.arraycopy(t.data(), i * r * k, buf.data(), 0, r * k);
        return buf.matrix();
    }

    /**
     * Checks the input and returns {@code {N (0 for 2-D), m, k, n}} of {@code op(A) [m, k]} and
     * {@code op(B) [k, n]}.
     */
    private int[] sizes(Table input) {
        if (input.size() != 2 || !(input.get(0) instanceof Tensor x) || !(input.get(1) instanceof Tensor y)
                || x.dim() != y.dim() || (x.dim() != 2 && x.dim() != 3) || x.numel() == 0 || y.numel() == 0) {
            throw shapeError(expected(), input);
        }
        int o = x.dim() - 2;
        int m = transA ? x.size(o + 1) : x.size(o);
        int k = transA ? x.size(o) : x.size(o + 1);
        int kb = transB ? y.size(o + 1) : y.size(o);
        int n = transB ? y.size(o) : y.size(o + 1);
        if (k != kb || (o == 1 && x.size(0) != y.size(0))) {
            throw shapeError(expected(), input);
        }
        dims[0] = o == 1 ? x.size(0) : 0;
        dims[1] = m;
        dims[2] = k;
        dims[3] = n;
        return dims;
    }

    private String expected() {
        return "{[m, k], [k, n]} or {[N, m, k], [N, k, n]} (after the transpositions " + (transA ? "Aᵀ" : "A") + ", "
                + (transB ? "Bᵀ" : "B") + ")";
    }

    static final T7Codec<MM> T7 = LuaFields.codec("nn.MM", MM.class,
            (o, in) -> new MM(LuaFields.truthy(o.get("transA")), LuaFields.truthy(o.get("transB"))),
            (m, f, out) -> {
                f.put("transA", m.transA);
                f.put("transB", m.transB);
            });

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public MM training() {
        super.training();
        return this;
    }

    @Override
    public MM evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public MM reset() {
        super.reset();
        return this;
    }

    @Override
    public MM reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
