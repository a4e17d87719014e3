package io.github.nn4j.layers;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * A mixture of experts weighted by a gater (Torch's {@code nn.MixtureTable},
 * {@code MixtureTable.lua}).
 *
 * <p>Input {@code {G, E}}: gater weights {@code G} ({@code [B, k]}, or {@code [k]} for one
 * sample) and the experts' outputs {@code E}, either a table of k tensors {@code Eⱼ} or one tensor
 * holding the k experts along {@code dim}. {@code y[b] = Σⱼ G[b, j] · Eⱼ[b]}; backward:
 * {@code gG[b, j] = Σ g[b] ⊙ Eⱼ[b]} (summed over the expert's elements) and
 * {@code gEⱼ[b] = G[b, j] · g[b]}.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>output</th><th>gradInput</th></tr>
 *   <tr><td>{@code {[B, k], {k × [B, n…]}}}</td><td>{@code [B, n…]}</td><td>{@code {[B, k], {k × [B, n…]}}}</td></tr>
 *   <tr><td>{@code {[k], {k × [n…]}}}</td><td>{@code [n…]}</td><td>{@code {[k], {k × [n…]}}}</td></tr>
 *   <tr><td>{@code {[B, k], [B, k, n…]}} ({@code dim = 1})</td><td>{@code [B, n…]}</td><td>{@code {[B, k], [B, k, n…]}}</td></tr>
 *   <tr><td>{@code {[k], [k, n…]}} ({@code dim = 0})</td><td>{@code [n…]}</td><td>{@code {[k], [k, n…]}}</td></tr>
 * </table>
 *
 * <p>{@code dim} is <b>0-based</b> (Lua's {@code nn.MixtureTable(2)} is
 * {@code new MixtureTable(1)}); it only matters for a tensor of experts. Without it the experts
 * dimension is 1 for a batch gater and 0 for a 1-D one, chosen on every call. <b>Difference from
 * Torch:</b> Torch fixes the default at the first call (a first non-batch call makes it 1 for
 * ever) and re-plans its views only when the batch size changes; nn4j checks the shapes and plans
 * on every call.
 */
public final class MixtureTable extends Module<Table, Tensor> {

    static final T7Codec<MixtureTable> T7 = LuaFields.codec("nn.MixtureTable", MixtureTable.class,
            (o, in) -> o.get("dim") == null ? new MixtureTable()
                    : new MixtureTable(LuaFields.dimensionFromLua(o, "dim", null, in)),
            (m, f, out) -> {
                if (m.dim >= 0) {
                    f.put("dim", (double) (m.dim + 1));
                }
                f.put("size", LuaFields.emptyLongStorage());
                f.put("size2", LuaFields.emptyLongStorage());
                f.put("batchSize", 0.0);
                f.put("backwardSetup", false);
            });

    /** 0-based experts dimension, or −1 for the default. */
    private final int dim;
    private final Tensor gaterGrad = Tensor.empty();
    private final Tensor expertGrad = Tensor.empty();
    private final Table expertGrads = new Table();
    private int[] outSize = new int[0];

    /** A mixture whose experts dimension (for a tensor of experts) follows the gater: 1 for a batch, else 0. */
    public MixtureTable() {
        super(Tensor.empty(), new Table());
        this.dim = -1;
    }

    /**
     * A mixture with the experts along {@code dim} of a tensor of experts.
     *
     * @param dim 0-based, non-negative
     */
    public MixtureTable(int dim) {
        super(Tensor.empty(), new Table());
        if (dim < 0) {
            throw new IllegalArgumentException("nn.MixtureTable: dim is 0-based and must be non-negative, got " + dim);
        }
        this.dim = dim;
    }

    /**
     * The experts dimension given to the constructor.
     *
     * @return 0-based, or −1 for the default
     */
    public int dim() {
        return dim;
    }

    private IllegalArgumentException inputError(Table input) {
        return shapeError("{[B, k], {k tensors [B, ...]}}, {[k], {k tensors}}, or a tensor of experts with k along dim "
                + (dim >= 0 ? dim : "1 (0 for a 1-D gater)"), input);
    }

    /** The gater, checked with the experts. */
    private Tensor gater(Table input) {
        if (input.size() != 2 || !(input.get(0) instanceof Tensor g) || (g.dim() != 1 && g.dim() != 2)) {
            throw inputError(input);
        }
        int k = g.size(-1);
        boolean batch = g.dim() == 2;
        Data e = input.get(1);
        if (e instanceof Table t) {
            if (t.size() != k || !(t.get(0) instanceof Tensor e0) || e0.numel() == 0
                    || (batch && e0.size(0) != g.size(0))) {
                throw inputError(input);
            }
            for (Data d : t) {
                if (!(d instanceof Tensor x) || !x.sameSizeAs(e0)) {
                    throw inputError(input);
                }
            }
        } else {
            Tensor x = (Tensor) e;
            int d = expertsDim(g);
            if (d >= x.dim() || x.size(d) != k || (batch && (d == 0 || x.size(0) != g.size(0))) || x.dim() < 2) {
                throw inputError(input);
            }
        }
        return g;
    }

    private int expertsDim(Tensor gater) {
        return dim >= 0 ? dim : (gater.dim() == 2 ? 1 : 0);
    }

    @Override
    public Tensor updateOutput(Table input) {
        Tensor g = gater(input);
        double[] gd = g.data();
        int k = g.size(-1);
        int batch = g.dim() == 2 ? g.size(0) : 1;
        if (input.get(1) instanceof Table experts) {
            Tensor e0 = experts.tensor(0);
            output.resizeAs(e0).zero();
            double[] y = output.data();
            int per = e0.numel() / batch;
            for (int j = 0; j < k; j++) {
                double[] x = experts.tensor(j).data();
                for (int b = 0; b < batch; b++) {
                    double w = gd[b * k + j];
                    for (int i = b * per, end = i + per; i < end; i++) {
                        y[i] += x[i] * w;
                    }
                }
            }
        } else {
            Tensor x = (Tensor) input.get(1);
            int d = expertsDim(g);
            if (outSize.length != x.dim() - 1) {
                outSize = new int[x.dim() - 1];
            }
            for (int a = 0, s = 0; a < x.dim(); a++) {
                if (a != d) {
                    outSize[s++] = x.size(a);
                }
            }
            output.resize(outSize);
            int outer = Slabs.outer(x, d);
            int inner = Slabs.rowLength(x, d + 1);
            int perBatch = outer / batch;
            double[] xd = x.data();
            double[] y = output.data();
            for (int o = 0; o < outer; o++) {
                int gRow = (o / perBatch) * k;
                for (int i = 0; i < inner; i++) {
                    double s = 0;
                    for (int j = 0; j < k; j++) {
                        s += gd[gRow + j] * xd[(o * k + j) * inner + i];
                    }
                    y[o * inner + i] = s;
                }
            }
        }
        return output;
    }

    @Override
    public Table updateGradInput(Table input, Tensor gradOutput) {
        Tensor g = gater(input);
        if (gradOutput.numel() != output.numel()) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size " + output.shapeString());
        }
        double[] gd = g.data();
        double[] go = gradOutput.data();
        int k = g.size(-1);
        int batch = g.dim() == 2 ? g.size(0) : 1;
        gaterGrad.resizeAs(g);
        double[] gg = gaterGrad.data();
        gradInput.truncate(0);
        gradInput.add(gaterGrad);
        if (input.get(1) instanceof Table experts) {
            expertGrads.truncate(k);
            int per = output.numel() / batch;
            for (int j = 0; j < k; j++) {
                Tensor xj = experts.tensor(j);
                Tensor gj = j < expertGrads.size() ? expertGrads.tensor(j) : Tensor.empty();
                expertGrads.set(j, gj);
                double[] x = xj.data();
                double[] t = gj.resizeAs(xj).data();
                for (int b = 0; b < batch; b++) {
                    double w = gd[b * k + j];
                    double s = 0;
                    for (int i = b * per, end = i + per; i < end; i++) {
                        s += go[i] * x[i];
                        t[i] = w * go[i];
                    }
                    gg[b * k + j] = s;
                }
            }
            gradInput.add(expertGrads);
        } else {
            Tensor x = (Tensor) input.get(1);
            int d = expertsDim(g);
            int outer = Slabs.outer(x, d);
            int inner = Slabs.rowLength(x, d + 1);
            int perBatch = outer / batch;
            double[] xd = x.data();
            double[] t = expertGrad.resizeAs(x).data();
            java.util.Arrays.fill(gg, 0, g.numel(), 0.0);
            for (int b = 0; b < batch; b++) {
                for (int j = 0; j < k; j++) {
                    double w = gd[b * k + j];
                    double s = 0;
                    for (int o = b * perBatch, oe = o + perBatch; o < oe; o++) {
                        for (int i = 0; i < inner; i++) {
                            double gv = go[o * inner + i];
                            s += gv * xd[(o * k + j) * inner + i];
                            t[(o * k + j) * inner + i] = w * gv;
                        }
                    }
                    gg[b * k + j] = s;
                }
            }
            gradInput.add(expertGrad);
        }
        return gradInput;
    }

    @Override
    public MixtureTable clearState() {
        super.clearState();
        expertGrads.clear();
        return this;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public MixtureTable training() {
        super.training();
        return this;
    }

    @Override
    public MixtureTable evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public MixtureTable reset() {
        super.reset();
        return this;
    }

    @Override
    public MixtureTable reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
