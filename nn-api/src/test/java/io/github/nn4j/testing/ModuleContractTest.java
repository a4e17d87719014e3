package io.github.nn4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.FlatParameters;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientCheckReport;
import io.github.nn4j.check.GradientChecker;

/**
 * The contract every module test extends (shipped in the {@code nn-api} test-jar): gradient
 * checks on one sample and on a batch, accumulation with pre-filled buffers and
 * {@code scale != 1}, buffer reuse across batch sizes, {@code toString}, the wrong-shape error,
 * {@code copy()} independence, {@code share}, {@code updateParameters} and {@code clearState}.
 *
 * <p>A subclass says how to build the module and its inputs:
 * <pre>{@code
 * class LinearTest extends ModuleContractTest {
 *     protected Module<?, ?> createModule() { return new Linear(4, 3); }
 *     protected Data sampleInput() { return uniform(4); }
 *     protected Data batchInput(int n) { return uniform(n, 4); }
 *     protected String expectedToString() { return "nn.Linear(4 -> 3)"; }
 *     protected Data wrongInput() { return uniform(2, 5); }
 * }
 * }</pre>
 * The global {@link TorchRandom} is seeded before each test, so modules and inputs are
 * repeatable.
 */
public abstract class ModuleContractTest {

    /** Seeds the global generator so that modules and inputs are repeatable. */
    @BeforeEach
    void seedGlobalGenerator() {
        TorchRandom.manualSeed(20241126L);
    }

    /**
     * A new module to test (called several times per test).
     *
     * @return a fresh module
     */
    protected abstract Module<?, ?> createModule();

    /**
     * An input of one sample (the non-batch form), or {@code null} when the module has none.
     *
     * @return the input
     */
    protected abstract Data sampleInput();

    /**
     * A batch input of {@code batchSize} samples, or {@code null} when the module has no batch
     * form.
     *
     * @param batchSize the number of samples
     * @return the input
     */
    protected abstract Data batchInput(int batchSize);

    /**
     * What {@code toString()} of {@link #createModule()} prints, exactly.
     *
     * @return the expected text
     */
    protected abstract String expectedToString();

    /**
     * An input of a wrong shape, or {@code null} when the module accepts every shape.
     *
     * @return the wrong input
     */
    protected abstract Data wrongInput();

    /**
     * The largest scaled error the gradient check allows (see {@link GradientCheckReport}).
     *
     * @return the tolerance, 1e-6 unless overridden
     */
    protected double tolerance() {
        return 1e-6;
    }

    /**
     * Uniform values in [−2, 2] (as Torch's Jacobian tests), from the global generator.
     *
     * @param size the size
     * @return a new tensor
     */
    protected static Tensor uniform(int... size) {
        return Tensor.uniform(-2, 2, size);
    }

    @SuppressWarnings("unchecked")
    private Module<Data, Data> module() {
        return (Module<Data, Data>) createModule();
    }

    // ------------------------------------------------------------------ gradients

    @Test
    void gradientCheckOnOneSample() {
        Data input = sampleInput();
        assumeTrue(input != null, "no non-batch form");
        gradientCheck(createModule(), input).assertPassed(tolerance());
    }

    @Test
    void gradientCheckOnABatch() {
        Data input = batchInput(3);
        assumeTrue(input != null, "no batch form");
        gradientCheck(createModule(), input).assertPassed(tolerance());
    }

    /**
     * The gradient check of {@link #createModule()} on an input, for the two gradient tests:
     * {@link GradientChecker#check(Module, Data)} unless overridden. A module whose input is
     * partly not differentiable (indices, masks: a finite difference of an index is meaningless)
     * overrides it to check a wrapper that holds that part fixed, and says so in a comment.
     *
     * @param module the module
     * @param input the input
     * @return the report
     */
    protected GradientCheckReport gradientCheck(Module<?, ?> module, Data input) {
        return GradientChecker.check(module, input);
    }

    @Test
    void accGradParametersAccumulatesWithScale() {
        Module<Data, Data> m = module();
        assumeTrue(!m.parameters().isEmpty(), "no parameters");
        Data input = batchInput(3) != null ? batchInput(3) : sampleInput();
        Data g = m.forward(input).deepCopy();
        fillLeaves(g, 0.5);
        m.zeroGradParameters();
        m.backward(input, g);
        List<Tensor> once = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            once.add(p.grad().clone());
        }
        for (Parameter p : m.parameters()) {
            p.grad().fill(3.0);
        }
        m.forward(input);
        m.backward(input, g, -2.5);
        List<Parameter> ps = m.parameters();
        for (int k = 0; k < ps.size(); k++) {
            Tensor expected = Tensor.filled(3.0, once.get(k).sizes()).add(-2.5, once.get(k));
            assertTrue(ps.get(k).grad().maxAbsDiff(expected) < 1e-12,
                    "parameter " + k + " (" + ps.get(k).name() + ") must end as before + scale * gradient");
        }
    }

    // ------------------------------------------------------------------ buffers

    @Test
    void buffersAreReusedAndCorrectAcrossBatchSizes() {
        Data b3 = batchInput(3);
        assumeTrue(b3 != null, "no batch form");
        Data b5 = batchInput(5);
        Module<Data, Data> m = module();
        Module<Data, Data> reference = copyOf(m);

        Data out = m.forward(b3);
        List<double[]> arrays = arrays(out);
        Data g3 = out.deepCopy();
        fillLeaves(g3, 0.25);
        List<double[]> gradArrays = arrays(m.backward(b3, g3));

        // a second call of the same batch size writes into the same arrays
        m.forward(b3);
        assertSameArrays(arrays, arrays(m.output()), "output");
        m.backward(b3, g3);
        assertSameArrays(gradArrays, arrays(m.gradInput()), "gradInput");

        // a larger batch, then the smaller one again: the values stay right
        Data out5 = m.forward(b5);
        Data g5 = out5.deepCopy();
        fillLeaves(g5, 0.25);
        m.backward(b5, g5);
        Data again = m.forward(b3).deepCopy();
        Data gradAgain = m.backward(b3, g3).deepCopy();
        Data expected = reference.forward(b3).deepCopy();
        Data expectedGrad = reference.backward(b3, g3).deepCopy();
        assertEquals(expected.shapeString(), again.shapeString(), "output size after a larger batch");
        assertTrue(maxDiff(expected, again) < 1e-12, "output after a larger batch");
        assertTrue(maxDiff(expectedGrad, gradAgain) < 1e-12, "gradInput after a larger batch");
    }

    // ------------------------------------------------------------------ printing and errors

    @Test
    void toStringPrintsAsTorch() {
        assertEquals(expectedToString(), createModule().toString());
    }

    @Test
    void wrongShapeIsAnIllegalArgumentExceptionNamingModuleAndShapes() {
        Data wrong = wrongInput();
        assumeTrue(wrong != null, "accepts every shape");
        Module<Data, Data> m = module();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(wrong));
        String firstLine = m.toString().lines().findFirst().orElseThrow();
        if (firstLine.endsWith(" {")) {
            // a container prints a tree ("nn.Sequential {"); its name is what precedes the brace
            firstLine = firstLine.substring(0, firstLine.length() - 2);
        }
        assertTrue(e.getMessage().contains(firstLine), "message names the module: " + e.getMessage());
        assertTrue(e.getMessage().contains(wrong.shapeString()), "message names the input's shape: " + e.getMessage());
    }

    // ------------------------------------------------------------------ copy and share

    @Test
    void copyIsIndependent() {
        Module<Data, Data> m = module();
        Data input = batchInput(3) != null ? batchInput(3) : sampleInput();
        Module<Data, Data> c = copyOf(m);
        assertNotSame(m, c);
        assertSame(m.getClass(), c.getClass());
        assertEquals(m.toString(), c.toString());
        Data expected = m.forward(input).deepCopy();
        assertTrue(maxDiff(expected, c.forward(input)) < 1e-15, "the copy computes the same output");
        List<Parameter> mine = m.parameters();
        List<Parameter> theirs = c.parameters();
        assertEquals(mine.size(), theirs.size());
        for (int k = 0; k < mine.size(); k++) {
            assertFalse(mine.get(k).value().sharesStorageWith(theirs.get(k).value()), "parameter " + k + " shared");
            assertFalse(mine.get(k).grad().sharesStorageWith(theirs.get(k).grad()), "gradient " + k + " shared");
            Tensor before = mine.get(k).value().clone();
            theirs.get(k).value().fill(0.123);
            assertEquals(0.0, mine.get(k).value().maxAbsDiff(before), "changing the copy changed the original");
        }
    }

    @Test
    void shareMakesParametersCommon() {
        Module<Data, Data> a = module();
        assumeTrue(!a.parameters().isEmpty(), "no parameters");
        Module<Data, Data> b = module();
        b.share(a, "weight", "bias");
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        for (int k = 0; k < pa.size(); k++) {
            pa.get(k).value().fill(0.01 * (k + 1));
            assertEquals(0.0, pb.get(k).value().maxAbsDiff(pa.get(k).value()),
                    "parameter " + k + " (" + pa.get(k).name() + ") is shared");
        }
        Data input = batchInput(3) != null ? batchInput(3) : sampleInput();
        Data expected = a.forward(input).deepCopy();
        assertTrue(maxDiff(expected, b.forward(input)) < 1e-15);
    }

    @Test
    void updateParametersStepsAgainstTheGradient() {
        Module<Data, Data> m = module();
        assumeTrue(!m.parameters().isEmpty(), "no parameters");
        Data input = batchInput(3) != null ? batchInput(3) : sampleInput();
        Data g = m.forward(input).deepCopy();
        fillLeaves(g, 1.0);
        m.zeroGradParameters();
        m.backward(input, g);
        List<Tensor> expected = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            expected.add(p.value().clone().add(-0.1, p.grad()));
        }
        m.updateParameters(0.1);
        List<Parameter> ps = m.parameters();
        for (int k = 0; k < ps.size(); k++) {
            assertTrue(ps.get(k).value().maxAbsDiff(expected.get(k)) < 1e-15);
        }
        m.zeroGradParameters();
        for (Parameter p : ps) {
            assertEquals(0.0, p.grad().maxAbsDiff(p.grad().zerosLike()));
        }
    }

    @Test
    void clearStateEmptiesBuffersAndForwardStillWorks() {
        Module<Data, Data> m = module();
        Data input = batchInput(3) != null ? batchInput(3) : sampleInput();
        Data expected = m.forward(input).deepCopy();
        assertSame(m, m.clearState());
        assertTrue(maxDiff(expected, m.forward(input)) < 1e-15);
    }

    @Test
    void modesAndResetsReturnTheModuleAndReachEveryDescendant() {
        Module<Data, Data> m = module();
        assertSame(m, m.evaluate());
        for (Module<?, ?> d : m.listModules()) {
            assertFalse(d.isTraining(), d + " after evaluate()");
        }
        assertSame(m, m.training());
        for (Module<?, ?> d : m.listModules()) {
            assertTrue(d.isTraining(), d + " after training()");
        }
        assertSame(m, m.reset());
        assertSame(m, m.reset(0.1));
    }

    @Test
    void getParametersViewsTheModulesOwnTensors() {
        Module<Data, Data> m = module();
        FlatParameters flat = m.getParameters();
        flat.params().fill(0.5);
        flat.gradParams().fill(-0.25);
        long distinct = 0;
        List<double[]> seen = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            for (int i = 0; i < p.value().numel(); i++) {
                assertEquals(0.5, p.value().data()[i], p.name() + " of " + m + " is not in the flat vector");
                assertEquals(-0.25, p.grad().data()[i], p.name() + "'s gradient of " + m + " is not in the flat vector");
            }
            if (seen.stream().noneMatch(a -> a == p.value().data())) {
                seen.add(p.value().data());
                distinct += p.value().numel();
            }
        }
        assertEquals(distinct, flat.params().numel());
        assertEquals(distinct, flat.gradParams().numel());
    }

    // ------------------------------------------------------------------ helpers

    private static Module<Data, Data> copyOf(Module<Data, Data> m) {
        return m.copy();
    }

    private static void fillLeaves(Data d, double start) {
        if (d instanceof Tensor t) {
            double[] a = t.data();
            for (int i = 0; i < t.numel(); i++) {
                a[i] = start + 0.01 * i - 0.3 * (i % 3);
            }
        } else {
            for (Data e : (Table) d) {
                fillLeaves(e, start + 0.1);
            }
        }
    }

    private static List<double[]> arrays(Data d) {
        List<double[]> out = new ArrayList<>();
        collect(d, out);
        return out;
    }

    private static void collect(Data d, List<double[]> out) {
        if (d instanceof Tensor t) {
            out.add(t.data());
        } else {
            for (Data e : (Table) d) {
                collect(e, out);
            }
        }
    }

    private static void assertSameArrays(List<double[]> before, List<double[]> after, String what) {
        assertEquals(before.size(), after.size(), what + " changed structure");
        for (int i = 0; i < before.size(); i++) {
            assertSame(before.get(i), after.get(i), what + " tensor " + i + " was reallocated for the same batch size");
        }
    }

    /**
     * The largest absolute difference between two data of the same structure and sizes.
     *
     * @param a one
     * @param b the other
     * @return the difference; infinity when the structures differ
     */
    protected static double maxDiff(Data a, Data b) {
        if (a instanceof Tensor ta && b instanceof Tensor tb) {
            return ta.sameSizeAs(tb) ? ta.maxAbsDiff(tb) : Double.POSITIVE_INFINITY;
        }
        if (a instanceof Table x && b instanceof Table y && x.size() == y.size()) {
            double m = 0;
            for (int i = 0; i < x.size(); i++) {
                m = Math.max(m, maxDiff(x.get(i), y.get(i)));
            }
            return m;
        }
        return Double.POSITIVE_INFINITY;
    }
}
