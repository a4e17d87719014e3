package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * Every module case of {@code torch-golden-2} (real Lua Torch7, see its README) through the
 * {@code .t7} bridge: the module is loaded from Torch's {@code model.t7} (no hand-built Java
 * object), its input from {@code input.t7} (Lua's 1-based indices shifted by
 * {@link T7Bridge#inputFromLua}), and forward, gradInput, parameter gradients and, for batch
 * normalisation in training mode, the running statistics after the forward must match Torch's
 * {@code expected.t7} at the README's tolerance. The module then saves in both encodings and
 * reloads to bit-identical results, and the ascii copy of the model, where there is one, loads to
 * the same results.
 */
class TorchGolden2BridgeTest {

    /** The module field behind an {@code expected_extra} entry of the manifest. */
    private static final Map<String, String> T7_FIELD = Map.of("runningMean", "running_mean",
            "runningVar", "running_var");

    static List<TorchGolden2.Case> cases() {
        return TorchGolden2.cases("module", "forward");
    }

    /** Forward, zeroed gradients, backward with scale 1 (not for forward-only cases). */
    record Run(Data output, Data gradInput, Table gradParams) {
    }

    @SuppressWarnings("unchecked")
    static Run run(Module<?, ?> module, TorchGolden2.Case c) {
        Module<Data, Data> m = (Module<Data, Data>) module;
        Data input = T7Bridge.inputFromLua(m, (Data) c.load("input.t7"));
        m.zeroGradParameters();
        Data y = copy(m.forward(input));
        if (c.kind().equals("forward")) {
            return new Run(y, null, null);
        }
        Data gi = copy(T7Bridge.gradInputToLua(m, m.backward(input, (Data) c.load("gradOutput.t7"), 1.0)));
        Table grads = new Table();
        for (Parameter p : m.parameters()) {
            grads.add(p.grad().deepCopy());
        }
        return new Run(y, gi, grads);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTorch(TorchGolden2.Case c) throws IOException {
        Module<?, ?> m = T7Bridge.loadModule(c.file("model.t7"));
        Map<Object, Object> expected = c.expected();
        Run r = run(m, c);
        double rel = c.rel();
        TorchGolden2.assertClose((Data) expected.get("output"), r.output(), rel, c + " output");
        if (r.gradInput() != null) {
            // an empty Lua table (SparseLinear's batch gradInput) converts to an empty map
            Object gradInput = expected.get("gradInput");
            TorchGolden2.assertClose(gradInput instanceof Data d ? d : TorchGolden2.table(gradInput), r.gradInput(), rel,
                    c + " gradInput");
            TorchGolden2.assertClose(TorchGolden2.table(expected.get("gradParams")), r.gradParams(), rel,
                    c + " gradParams");
        }
        if (!c.extra().isEmpty()) {
            // buffers such as runningMean: read back through the module's own codec
            T7Object saved = (T7Object) T7Bridge.toT7(m);
            for (String field : c.extra()) {
                // expected.t7 names them runningMean/runningVar; the module's fields are Torch's
                T7Tensor t = saved.getTensor(T7_FIELD.getOrDefault(field, field));
                TorchGolden2.assertClose((Data) expected.get(field), t.toTensor(), rel, c + " " + field);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void savesAndReloadsToIdenticalResults(TorchGolden2.Case c, @TempDir Path dir) throws IOException {
        for (boolean ascii : new boolean[] {false, true}) {
            Module<?, ?> m = T7Bridge.loadModule(c.file("model.t7"));
            Path f = dir.resolve(ascii ? "ascii.t7" : "binary.t7");
            T7Bridge.save(f, m, ascii);
            Module<?, ?> back = T7Bridge.loadModule(f);
            assertEquals(m.toString(), back.toString(), c + " toString after reload");
            assertEquals(classVersions(Torch7.load(c.file("model.t7"))), classVersions(Torch7.load(f)),
                    c + ": the saved file's class versions (\"V n\" records) are Torch's");
            assertSame(run(m, c), run(back, c), c + (ascii ? " (ascii)" : " (binary)"));
        }
        if (c.has("model_ascii.t7")) {
            assertSame(run(T7Bridge.loadModule(c.file("model.t7")), c),
                    run(T7Bridge.loadModule(c.file("model_ascii.t7")), c), c + " model_ascii.t7");
        }
    }

    private static void assertSame(Run a, Run b, String what) {
        TorchGolden2.assertClose(a.output(), b.output(), 0, what + " output");
        if (a.gradInput() != null) {
            TorchGolden2.assertClose(a.gradInput(), b.gradInput(), 0, what + " gradInput");
            TorchGolden2.assertClose(a.gradParams(), b.gradParams(), 0, what + " gradParams");
        }
    }

    /** Every Torch class of a plain-object tree with the version its record carries. */
    static java.util.SortedMap<String, Integer> classVersions(Object root) {
        java.util.SortedMap<String, Integer> out = new java.util.TreeMap<>();
        java.util.Set<Object> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        java.util.ArrayDeque<Object> todo = new java.util.ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof T7Object t) {
                if (t.className().startsWith("nn.")) {
                    out.put(t.className(), t.version());
                }
                todo.push(t.fields());
            } else if (o instanceof T7Table t) {
                for (Map.Entry<Object, Object> e : t.asMap().entrySet()) {
                    todo.push(e.getKey());
                    if (e.getValue() != null) {
                        todo.push(e.getValue());
                    }
                }
            }
        }
        return out;
    }

    static Data copy(Data d) {
        if (d instanceof Tensor t) {
            return t.deepCopy();
        }
        Table out = new Table();
        for (Data e : (Table) d) {
            out.add(copy(e));
        }
        return out;
    }
}
