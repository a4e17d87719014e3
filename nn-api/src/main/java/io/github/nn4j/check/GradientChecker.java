package io.github.nn4j.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.linalg.Precision;

/**
 * Checks analytic gradients against central differences (Torch's {@code nn.Jacobian}, for
 * users and students checking their own layers).
 *
 * <h2>Modules</h2>
 * A random {@code gradOutput} g (uniform in [−1, 1], seeded) defines the scalar
 * {@code L(x, θ) = ⟨module(x), g⟩}, whose exact gradients are what {@code backward(x, g)}
 * returns. For every element of the input (every tensor of a table input) and of every
 * parameter, the checker compares the analytic value with
 * {@code (L(v + h) − L(v − h)) / 2h}, {@code h = 1e-6} by default. It then proves that
 * {@code accGradParameters} <em>accumulates</em>: gradient buffers pre-filled with known values
 * and a backward with {@code scale ≠ 1} must end as {@code before + scale · gradient}, and the
 * gradInput must not depend on the scale.
 *
 * <h2>Criteria</h2>
 * dLoss/dinput from {@code backward(input, target)} against central differences of
 * {@code forward(input, target)}.
 *
 * <pre>{@code
 * GradientChecker.check(new Linear(4, 3), Tensor.uniform(-2, 2, 5, 4)).assertPassed(1e-6);
 * }</pre>
 *
 * <p>The checker works on a private copy of the input, restored before every forward, so
 * in-place modules are checked correctly and the caller's input is left as it was. It changes
 * the module's parameters during the check and restores them; the gradient buffers end holding
 * the accumulation check's values. The check runs its products in float64 whatever
 * {@link Gemm#setPrecision} says (a float32 product's rounding would swamp central differences
 * with {@code h = 1e-6}).
 */
public final class GradientChecker {

    /** The default finite-difference step. */
    public static final double DEFAULT_STEP = 1e-6;
    /** The default scale of the accumulation check. */
    public static final double ACCUMULATION_SCALE = 0.37;

    private final double step;
    private final long seed;

    /**
     * A checker with a given step and seed for the random gradOutput and pre-filled buffers.
     *
     * @param step the finite-difference step, positive
     * @param seed the seed of the checker's own generator (the global one is not touched)
     */
    public GradientChecker(double step, long seed) {
        if (!(step > 0)) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
        this.step = step;
        this.seed = seed;
    }

    /**
     * Checks a module with the default step (1e-6) and seed.
     *
     * @param module the module
     * @param input a tensor or table input
     * @return the report
     */
    public static GradientCheckReport check(Module<?, ?> module, Data input) {
        return new GradientChecker(DEFAULT_STEP, 1234).checkModule(module, input);
    }

    /**
     * Checks a criterion's dLoss/dinput with the default step (1e-6).
     *
     * @param criterion the criterion
     * @param input the input
     * @param target the target
     * @return the report
     */
    public static GradientCheckReport check(Criterion<?, ?> criterion, Data input, Data target) {
        return new GradientChecker(DEFAULT_STEP, 1234).checkCriterion(criterion, input, target);
    }

    /**
     * Checks a module's gradInput, every parameter gradient, and accumulation.
     *
     * @param module the module
     * @param input a tensor or table input (not modified)
     * @return the report
     */
    @SuppressWarnings("try") // the scope is held for its effect on this thread's products
    public GradientCheckReport checkModule(Module<?, ?> module, Data input) {
        try (Gemm.Scope float64 = Gemm.withPrecision(Precision.FLOAT64)) {
            return checkModuleInFloat64(module, input);
        }
    }

    @SuppressWarnings("unchecked")
    private GradientCheckReport checkModuleInFloat64(Module<?, ?> module, Data input) {
        Module<Data, Data> m = (Module<Data, Data>) module;
        TorchRandom rng = new TorchRandom(seed);
        Data pristine = input.deepCopy();
        Data x = input.deepCopy();
        List<Tensor> xLeaves = new ArrayList<>();
        List<String> xNames = new ArrayList<>();
        leaves(x, "gradInput", xLeaves, xNames);

        // gradOutput, and the analytic gradients from zeroed buffers at scale 1
        restore(x, pristine);
        Data gradOutput = m.forward(x).deepCopy();
        List<Tensor> gLeaves = new ArrayList<>();
        leaves(gradOutput, "", gLeaves, new ArrayList<>());
        for (Tensor g : gLeaves) {
            g.uniform(rng, -1, 1);
        }
        List<Parameter> params = m.parameters();
        m.zeroGradParameters();
        restore(x, pristine);
        m.forward(x);
        Data gradInput = m.backward(x, gradOutput).deepCopy();
        List<Tensor> analyticIn = new ArrayList<>();
        leaves(gradInput, "", analyticIn, new ArrayList<>());
        List<Tensor> analyticParams = new ArrayList<>();
        for (Parameter p : params) {
            analyticParams.add(p.grad().clone());
        }

        List<GradientCheckReport.Entry> entries = new ArrayList<>();
        if (analyticIn.size() != xLeaves.size()) {
            throw new AssertionError(module + ": gradInput has " + analyticIn.size()
                    + " tensors, the input has " + xLeaves.size());
        }
        for (int t = 0; t < xLeaves.size(); t++) {
            Tensor v = xLeaves.get(t);
            Tensor a = analyticIn.get(t);
            if (!a.sameSizeAs(v)) {
                throw new AssertionError(module + ": " + xNames.get(t) + " has size " + a.shapeString()
                        + ", the input has size " + v.shapeString());
            }
            // x is restored from pristine before every forward, so perturb the pristine copy
            Tensor vp = pristineLeaf(pristine, xLeaves, t);
            Tensor numeric = numericGradient(vp, () -> {
                restore(x, pristine);
                return dot(m.forward(x), gradOutput);
            });
            entries.add(compare(xNames.get(t), a, numeric));
        }
        for (int k = 0; k < params.size(); k++) {
            Parameter p = params.get(k);
            Tensor numeric = numericGradient(p.value(), () -> {
                restore(x, pristine);
                return dot(m.forward(x), gradOutput);
            });
            entries.add(compare(paramName(k, p), analyticParams.get(k), numeric));
        }

        // accumulation: before + scale * gradient, and a gradInput that ignores the scale
        List<Tensor> before = new ArrayList<>();
        for (Parameter p : params) {
            p.grad().uniform(rng, -1, 1);
            before.add(p.grad().clone());
        }
        restore(x, pristine);
        m.forward(x);
        Data gradInput2 = m.backward(x, gradOutput, ACCUMULATION_SCALE);
        List<Tensor> in2 = new ArrayList<>();
        leaves(gradInput2, "", in2, new ArrayList<>());
        for (int t = 0; t < in2.size(); t++) {
            entries.add(compare(xNames.get(t) + " with scale " + ACCUMULATION_SCALE, in2.get(t), analyticIn.get(t)));
        }
        for (int k = 0; k < params.size(); k++) {
            Tensor expected = before.get(k).clone().add(ACCUMULATION_SCALE, analyticParams.get(k));
            entries.add(compare("accumulation of " + paramName(k, params.get(k)) + " (buffer pre-filled, scale "
                    + ACCUMULATION_SCALE + ")", params.get(k).grad(), expected));
        }
        return new GradientCheckReport(module.toString().lines().findFirst().orElse("module"), entries);
    }

    /**
     * Checks a criterion's dLoss/dinput.
     *
     * @param criterion the criterion
     * @param input the input (not modified)
     * @param target the target
     * @return the report
     */
    @SuppressWarnings("try") // the scope is held for its effect on this thread's products
    public GradientCheckReport checkCriterion(Criterion<?, ?> criterion, Data input, Data target) {
        try (Gemm.Scope float64 = Gemm.withPrecision(Precision.FLOAT64)) {
            return checkCriterionInFloat64(criterion, input, target);
        }
    }

    @SuppressWarnings("unchecked")
    private GradientCheckReport checkCriterionInFloat64(Criterion<?, ?> criterion, Data input, Data target) {
        Criterion<Data, Data> c = (Criterion<Data, Data>) criterion;
        Data x = input.deepCopy();
        List<Tensor> xLeaves = new ArrayList<>();
        List<String> xNames = new ArrayList<>();
        leaves(x, "gradInput", xLeaves, xNames);
        c.forward(x, target);
        Data gradInput = c.backward(x, target).deepCopy();
        List<Tensor> analytic = new ArrayList<>();
        leaves(gradInput, "", analytic, new ArrayList<>());
        List<GradientCheckReport.Entry> entries = new ArrayList<>();
        for (int t = 0; t < xLeaves.size(); t++) {
            Tensor numeric = numericGradient(xLeaves.get(t), () -> c.forward(x, target));
            entries.add(compare(xNames.get(t), analytic.get(t), numeric));
        }
        return new GradientCheckReport(criterion.toString(), entries);
    }

    // ------------------------------------------------------------------ helpers

    private interface Loss {
        double eval();
    }

    private Tensor numericGradient(Tensor v, Loss loss) {
        Tensor grad = Tensor.zeros(v.sizes());
        double[] d = v.data();
        double[] gd = grad.data();
        for (int i = 0; i < v.numel(); i++) {
            double orig = d[i];
            d[i] = orig + step;
            double plus = loss.eval();
            d[i] = orig - step;
            double minus = loss.eval();
            d[i] = orig;
            gd[i] = (plus - minus) / (2 * step);
        }
        return grad;
    }

    private static GradientCheckReport.Entry compare(String name, Tensor analytic, Tensor numeric) {
        double maxAbs = 0;
        double maxRel = 0;
        double worstScaled = -1;
        int worst = 0;
        double[] a = analytic.data();
        double[] n = numeric.data();
        int count = Math.min(analytic.numel(), numeric.numel());
        if (analytic.numel() != numeric.numel()) {
            return new GradientCheckReport.Entry(name + " (size " + analytic.shapeString() + ", expected "
                    + numeric.shapeString() + ")", "-", Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, 0);
        }
        for (int i = 0; i < count; i++) {
            double abs = Math.abs(a[i] - n[i]);
            double mag = Math.max(Math.abs(a[i]), Math.abs(n[i]));
            double rel = mag == 0 ? abs : abs / mag;
            double scaled = abs / Math.max(1.0, mag);
            if (Double.isNaN(abs)) {
                rel = scaled = abs = Double.NaN;
            }
            maxAbs = nanMax(maxAbs, abs);
            maxRel = nanMax(maxRel, rel);
            if (Double.isNaN(scaled) ? !Double.isNaN(worstScaled) : scaled > worstScaled) {
                worstScaled = scaled;
                worst = i;
            }
        }
        if (count == 0) {
            return new GradientCheckReport.Entry(name, "-", 0, 0, 0, 0, 0, 0);
        }
        return new GradientCheckReport.Entry(name + " " + analytic.shapeString(),
                Arrays.toString(unflatten(worst, analytic.sizes())), a[worst], n[worst], maxAbs, maxRel,
                worstScaled, count);
    }

    private static double nanMax(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    /** The row-major index of flat position {@code flat} in a tensor of sizes {@code size}. */
    static int[] unflatten(int flat, int[] size) {
        int[] idx = new int[size.length];
        for (int d = size.length - 1; d >= 0; d--) {
            idx[d] = flat % size[d];
            flat /= size[d];
        }
        return idx;
    }

    private static String paramName(int k, Parameter p) {
        return "parameter " + k + " (" + p.name() + ") gradient";
    }

    private static void leaves(Data d, String name, List<Tensor> out, List<String> names) {
        if (d instanceof Tensor t) {
            out.add(t);
            names.add(name);
        } else {
            Table table = (Table) d;
            for (int i = 0; i < table.size(); i++) {
                leaves(table.get(i), name + "[" + i + "]", out, names);
            }
        }
    }

    private static Tensor pristineLeaf(Data pristine, List<Tensor> xLeaves, int t) {
        List<Tensor> p = new ArrayList<>();
        leaves(pristine, "", p, new ArrayList<>());
        return p.get(t);
    }

    /** Copies the pristine values back into the working input (undoing in-place modules). */
    private static void restore(Data x, Data pristine) {
        if (x instanceof Tensor t) {
            t.copyFrom((Tensor) pristine);
        } else {
            Table tx = (Table) x;
            Table tp = (Table) pristine;
            for (int i = 0; i < tx.size(); i++) {
                restore(tx.get(i), tp.get(i));
            }
        }
    }

    private static double dot(Data out, Data g) {
        if (out instanceof Tensor t) {
            Tensor gt = (Tensor) g;
            if (t.numel() != gt.numel()) {
                throw new AssertionError("the output changed size between calls: " + t.shapeString()
                        + " vs " + gt.shapeString());
            }
            return t.dot(gt);
        }
        Table to = (Table) out;
        Table tg = (Table) g;
        double s = 0;
        for (int i = 0; i < to.size(); i++) {
            s += dot(to.get(i), tg.get(i));
        }
        return s;
    }
}
