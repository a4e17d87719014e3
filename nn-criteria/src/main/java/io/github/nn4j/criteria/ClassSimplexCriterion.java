package io.github.nn4j.criteria;

import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * The mean squared error to the regular-simplex embedding of the class, Torch's
 * {@code nn.ClassSimplexCriterion(nClasses)} ({@code ClassSimplexCriterion.lua}, after
 * arXiv:1506.08230): class {@code k} is the point {@code s_k} of a regular simplex of unit-norm
 * vertices centred at the origin, embedded in {@code nClasses} dimensions, and the loss is
 * {@link MSECriterion}'s to those points.
 *
 * <pre>
 *   s = regsplex(C − 1) padded with a zero column:  s_0 = e_0, ...;  ‖s_k‖ = 1,  s_j·s_k = −1/(C−1)
 *   L = Σ_{i,d} (x[i, d] − s[y_i, d])²,       divided by B·C when averaging
 *   gi[i, d] = 2 (x[i, d] − s[y_i, d]) / (B·C)   (or without / (B·C))
 * </pre>
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>input</th><th>target (0-based labels)</th><th>gradInput</th></tr>
 *   <tr><td>{@code [C]}</td><td>1 element, or {@code int}</td><td>{@code [C]}</td></tr>
 *   <tr><td>{@code [B, C]}</td><td>{@code [B]}, or {@code int[B]}</td><td>{@code [B, C]}</td></tr>
 * </table>
 * {@code C = nClasses}. Labels are 0-based (Torch's 1-based, shifted by {@link #fromLua}); a bad
 * label is an {@link IllegalArgumentException} naming its position, value and C. Torch only checks
 * that the input has {@code B·C} elements; nn4j wants the class dimension last.
 */
public final class ClassSimplexCriterion extends ClassCriterion {

    /** The {@code .t7} codec: {@code nClasses}, {@code simplex}, {@code _target}. */
    static final T7Codec<ClassSimplexCriterion> T7 = LuaFields.codec("nn.ClassSimplexCriterion",
            ClassSimplexCriterion.class, (o, in) -> new ClassSimplexCriterion(o.getInt("nClasses")),
            (c, f, out) -> {
                f.put("nClasses", (double) c.nClasses);
                f.put("simplex", out.tensor(c.simplex));
                f.put("_target", out.tensor(Tensor.zeros(c.nClasses)));
            });

    private final int nClasses;
    private final Tensor simplex;
    private final Tensor embedded = Tensor.empty();

    /**
     * The Torch constructor.
     *
     * @param nClasses the number of classes, at least 2
     * @throws IllegalArgumentException if {@code nClasses < 2}
     */
    public ClassSimplexCriterion(int nClasses) {
        super();
        if (nClasses < 2) {
            throw new IllegalArgumentException("nn.ClassSimplexCriterion: nClasses must be an integer > 1, got "
                    + nClasses);
        }
        this.nClasses = nClasses;
        this.simplex = simplex(nClasses);
    }

    /** Torch's {@code regsplex(n − 1)} with a zero column appended: {@code [n, n]}. */
    static Tensor simplex(int nClasses) {
        int n = nClasses - 1;
        int cols = nClasses;
        Tensor s = Tensor.zeros(n + 1, cols);
        double[] a = s.data();
        for (int k = 0; k < n; k++) {
            if (k == 0) {
                a[0] = 1;
            } else {
                double sq = 0;
                for (int j = 0; j < k; j++) {
                    sq += a[k * cols + j] * a[k * cols + j];
                }
                double norm = Math.sqrt(sq);
                a[k * cols + k] = Math.sqrt(1 - norm * norm);
            }
            double akk = a[k * cols + k];
            double c = (akk * akk - 1 - 1.0 / n) / akk;
            for (int r = k + 1; r <= n; r++) {
                a[r * cols + k] = c;
            }
        }
        return s;
    }

    private double[] embed(Tensor input, Tensor target) {
        targets.checkInput(input);
        if (ClassTargets.classes(input) != nClasses) {
            throw new IllegalArgumentException(this + ": expected input of size [" + nClasses + "] or [B, " + nClasses
                    + "], got " + input.shapeString());
        }
        int b = ClassTargets.samples(input);
        int[] y = targets.read(input, target);
        double[] u = embedded.resizeAs(input).data();
        double[] s = simplex.data();
        for (int i = 0; i < b; i++) {
            System.arraycopy(s, y[i] * nClasses, u, i * nClasses, nClasses);
        }
        return u;
    }

    @Override
    public double updateOutput(Tensor input, Tensor target) {
        double[] u = embed(input, target);
        return SquaredError.loss(input.data(), u, input.numel(), sizeAverage);
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor target) {
        double[] u = embed(input, target);
        SquaredError.gradient(input.data(), u, gradInput.resizeAs(input).data(), input.numel(), sizeAverage);
        return gradInput;
    }

    @Override
    public ClassSimplexCriterion setSizeAverage(boolean sizeAverage) {
        super.setSizeAverage(sizeAverage);
        return this;
    }

    /**
     * The number of classes.
     *
     * @return C
     */
    public int nClasses() {
        return nClasses;
    }

    /**
     * The embedding of the classes, one row per class.
     *
     * @return a copy of the {@code [C, C]} simplex
     */
    public Tensor simplex() {
        return simplex.deepCopy();
    }
}
