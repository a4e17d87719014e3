package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.criteria.CrossEntropyCriterion;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.Torch7;

/**
 * Every case of the real-Torch golden set loads through {@link T7Bridge} (module and criterion
 * from the file, no hand-built Java object) and reproduces Torch's {@code expected.t7}; the
 * trained spiral model reproduces its output, loss and accuracy; ascii files load to the same
 * model as binary ones; every loaded model saves (both encodings) and reloads to identical
 * outputs, with at least the fields Torch itself wrote.
 */
class T7BridgeGoldenTest {

    static List<Golden.Case> modules() throws IOException {
        return Golden.cases("module");
    }

    static List<Golden.Case> criteria() throws IOException {
        return Golden.cases("criterion");
    }

    /** Forward, zeroed gradients, backward (scale 1): the {@code expected.t7} fields. */
    record Run(Data output, Data gradInput, Table gradParams) {
    }

    @SuppressWarnings("unchecked")
    static Run run(Module<?, ?> module, Data input, Data gradOutput) {
        Module<Data, Data> m = (Module<Data, Data>) module;
        m.zeroGradParameters();
        Data y = m.forward(input);
        Data gi = m.backward(input, gradOutput, 1.0);
        Table grads = new Table();
        for (Parameter p : m.parameters()) {
            grads.add(p.grad());
        }
        return new Run(y, gi, grads);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void moduleReproducesTorch(Golden.Case c) throws IOException {
        Module<?, ?> m = T7Bridge.loadModule(c.file("model.t7"));
        Data input = (Data) T7Bridge.load(c.file("input.t7"));
        Data gradOutput = (Data) T7Bridge.load(c.file("gradOutput.t7"));
        Map<Object, Object> expected = Golden.expected(c);
        Run r = run(m, input, gradOutput);
        Golden.assertClose((Data) expected.get("output"), r.output(), c + " output");
        Golden.assertClose((Data) expected.get("gradInput"), r.gradInput(), c + " gradInput");
        Golden.assertClose(Golden.table(expected.get("gradParams")), r.gradParams(), c + " gradParams");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("criteria")
    @SuppressWarnings("unchecked")
    void criterionReproducesTorch(Golden.Case c) throws IOException {
        Criterion<Data, Data> crit = (Criterion<Data, Data>) T7Bridge.loadCriterion(c.file("criterion.t7"));
        Data input = (Data) T7Bridge.load(c.file("input.t7"));
        Data target = target(c.file("target.t7"), crit);
        Map<Object, Object> expected = Golden.expected(c);
        double loss = crit.forward(input, target);
        Data gi = crit.backward(input, target);
        Golden.assertClose((Double) expected.get("loss"), loss, c + " loss");
        Golden.assertClose((Data) expected.get("gradInput"), gi, c + " gradInput");
    }

    /** Lua's 1-based class targets shifted to 0-based (a number becomes a 1-element tensor). */
    static Data target(Path file, Criterion<?, ?> crit) throws IOException {
        Object o = T7Bridge.load(file);
        return T7Bridge.targetFromLua(crit, o instanceof Double d ? Tensor.of(d) : (Data) o);
    }

    @Test
    void trainedSpiralModelReproducesItsOutputLossAndAccuracy() throws IOException {
        Golden.Case c = Golden.cases("trained").get(0);
        @SuppressWarnings("unchecked")
        Module<Tensor, Tensor> m = (Module<Tensor, Tensor>) T7Bridge.loadModule(c.file("model.t7"));
        Tensor x = (Tensor) T7Bridge.load(c.file("input.t7"));
        Tensor labels = (Tensor) target(c.file("target.t7"), new CrossEntropyCriterion());
        Map<Object, Object> expected = Golden.expected(c);

        Tensor y = m.forward(x);
        Golden.assertClose((Tensor) expected.get("output"), y, "spiral output");
        double loss = new CrossEntropyCriterion().forward(y, labels);
        Golden.assertClose((Double) expected.get("loss"), loss, "spiral loss");
        int correct = 0;
        int n = y.size(0);
        int k = y.size(1);
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (y.data()[i * k + j] > y.data()[i * k + best]) {
                    best = j;
                }
            }
            if (best == (int) labels.data()[i]) {
                correct++;
            }
        }
        assertEquals((Double) expected.get("accuracy"), correct / (double) n, 0.0, "spiral accuracy");
        assertEquals(0.92, correct / (double) n, 0.0, "manifest final_accuracy");
    }

    static List<Golden.Case> withAscii() throws IOException {
        List<Golden.Case> out = new ArrayList<>();
        for (String kind : List.of("module", "trained")) {
            for (Golden.Case c : Golden.cases(kind)) {
                if (c.has("model_ascii.t7")) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withAscii")
    void asciiModelIsTheSameModel(Golden.Case c) throws IOException {
        Module<?, ?> bin = T7Bridge.loadModule(c.file("model.t7"));
        Module<?, ?> ascii = T7Bridge.loadModule(c.file("model_ascii.t7"));
        assertSameModel(bin, ascii, c.name());
    }

    static List<Golden.Case> roundTrips() throws IOException {
        List<Golden.Case> out = new ArrayList<>(Golden.cases("module"));
        out.addAll(Golden.cases("trained"));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void moduleSavesAndReloadsToIdenticalOutputs(Golden.Case c, @TempDir Path dir) throws IOException {
        for (boolean ascii : new boolean[] {false, true}) {
            Module<?, ?> m = T7Bridge.loadModule(c.file("model.t7"));
            Path f = dir.resolve(ascii ? "ascii.t7" : "binary.t7");
            T7Bridge.save(f, m, ascii);
            Module<?, ?> back = T7Bridge.loadModule(f);
            assertSameModel(m, back, c + (ascii ? " (ascii)" : " (binary)"));
            if (c.kind().equals("module")) {
                Data input = (Data) T7Bridge.load(c.file("input.t7"));
                Data gradOutput = (Data) T7Bridge.load(c.file("gradOutput.t7"));
                Run a = run(m, input, gradOutput);
                Data[] first = {copy(a.output()), copy(a.gradInput()), copy(a.gradParams())};
                Run b = run(back, input, gradOutput);
                assertEquals(0.0, diff(first[0], b.output()), c + " output");
                assertEquals(0.0, diff(first[1], b.gradInput()), c + " gradInput");
                assertEquals(0.0, diff(first[2], b.gradParams()), c + " gradParams");
            }
            assertWritesTorchsFields(c.file("model.t7"), f);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("criteria")
    @SuppressWarnings("unchecked")
    void criterionSavesAndReloadsToIdenticalResults(Golden.Case c, @TempDir Path dir) throws IOException {
        for (boolean ascii : new boolean[] {false, true}) {
            Criterion<Data, Data> crit = (Criterion<Data, Data>) T7Bridge.loadCriterion(c.file("criterion.t7"));
            Path f = dir.resolve(ascii ? "ascii.t7" : "binary.t7");
            T7Bridge.save(f, crit, ascii);
            Criterion<Data, Data> back = (Criterion<Data, Data>) T7Bridge.loadCriterion(f);
            assertSame(crit.getClass(), back.getClass());
            assertEquals(crit.toString(), back.toString());
            assertEquals(crit.sizeAverage(), back.sizeAverage());
            Data input = (Data) T7Bridge.load(c.file("input.t7"));
            Data target = target(c.file("target.t7"), crit);
            assertEquals(crit.forward(input, target), back.forward(input, target), 0.0, c + " loss");
            assertEquals(0.0, diff(copy(crit.backward(input, target)), back.backward(input, target)), c + " gradInput");
            assertWritesTorchsFields(c.file("criterion.t7"), f);
        }
    }

    // ------------------------------------------------------------------ helpers

    static void assertSameModel(Module<?, ?> a, Module<?, ?> b, String what) {
        assertSame(a.getClass(), b.getClass(), what);
        assertEquals(a.toString(), b.toString(), what);
        assertEquals(a.isTraining(), b.isTraining(), what + " mode");
        List<Module<?, ?>> ma = a.listModules();
        List<Module<?, ?>> mb = b.listModules();
        assertEquals(ma.size(), mb.size(), what);
        for (int i = 0; i < ma.size(); i++) {
            assertSame(ma.get(i).getClass(), mb.get(i).getClass(), what);
            assertEquals(ma.get(i).isTraining(), mb.get(i).isTraining(), what + " mode of " + ma.get(i));
        }
        List<Parameter> pa = a.parameters();
        List<Parameter> pb = b.parameters();
        assertEquals(pa.size(), pb.size(), what + " parameters");
        for (int i = 0; i < pa.size(); i++) {
            assertTrue(pa.get(i).value().sameSizeAs(pb.get(i).value()), what);
            assertEquals(0.0, pa.get(i).value().maxAbsDiff(pb.get(i).value()), what + " parameter " + i);
            assertEquals(0.0, pa.get(i).grad().maxAbsDiff(pb.get(i).grad()), what + " gradient " + i);
        }
    }

    /** Every field name Torch wrote (at every nesting level of nn objects) is written by nn4j. */
    static void assertWritesTorchsFields(Path torchFile, Path ours) throws IOException {
        Map<String, Set<String>> torch = new java.util.TreeMap<>();
        Map<String, Set<String>> mine = new java.util.TreeMap<>();
        collect(Torch7.load(torchFile), "", torch, new IdentityHashMap<>());
        collect(Torch7.load(ours), "", mine, new IdentityHashMap<>());
        assertEquals(torch.keySet(), mine.keySet(), "objects of " + torchFile);
        for (Map.Entry<String, Set<String>> e : torch.entrySet()) {
            Set<String> missing = new TreeSet<>(e.getValue());
            missing.removeAll(mine.get(e.getKey()));
            missing.remove("addBuffer");  // Linear's batch buffer, made on demand by Torch
            assertTrue(missing.isEmpty(), e.getKey() + " lacks Torch's fields " + missing + " (" + torchFile + ")");
        }
    }

    private static void collect(Object o, String path, Map<String, Set<String>> out, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof T7Object t && t.payload() instanceof T7Table f) {
            String here = path + "/" + t.className();
            out.put(here, new TreeSet<>(f.stringKeys()));
            for (Object k : f.keys()) {
                collect(f.get(k), here + "." + k, out, seen);
            }
        } else if (o instanceof T7Table t) {
            for (Object k : t.keys()) {
                collect(t.get(k), path + "[" + k + "]", out, seen);
            }
        }
    }

    static Data copy(Data d) {
        return d instanceof Tensor t ? t.clone() : ((Table) d).deepCopy();
    }

    static double diff(Data a, Data b) {
        if (a instanceof Tensor ta) {
            Tensor tb = assertInstanceOf(Tensor.class, b);
            assertTrue(ta.sameSizeAs(tb), ta.shapeString() + " vs " + tb.shapeString());
            return ta.maxAbsDiff(tb);
        }
        Table x = (Table) a;
        Table y = assertInstanceOf(Table.class, b);
        assertEquals(x.size(), y.size());
        double m = 0;
        for (int i = 0; i < x.size(); i++) {
            m = Math.max(m, diff(x.get(i), y.get(i)));
        }
        return m;
    }
}
