package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Data;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Bridge;

/**
 * Every module case of torch-golden-2 through the command line, as a porter runs it (and as the
 * larger hidden set is checked): {@code nn4j torch7 backward MODEL INPUT GRADOUTPUT OUT} for the
 * module cases (output, gradInput, gradParams and, for batch normalisation in training mode, the
 * running statistics after the forward), {@code nn4j torch7 forward} for the forward-only ones;
 * each compared with Torch's {@code expected.t7} at the README's tolerance.
 */
class Torch7ModuleCommandGolden2Test {

    static List<TorchGolden2.Case> cases() {
        return TorchGolden2.cases("module", "forward");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void commandLineMatchesTorch(TorchGolden2.Case c, @TempDir Path dir) throws IOException {
        assertCommandMatches(c, dir, c.rel());
    }

    /** The case through {@code nn4j torch7 backward} (or {@code forward}) against its expected.t7. */
    static void assertCommandMatches(TorchGolden2.Case c, Path dir, double rel) throws IOException {
        assertCommandMatches(c, dir, rel, TorchGolden2.ABS);
    }

    /** As {@link #assertCommandMatches(TorchGolden2.Case, Path, double)}, with an absolute tolerance added. */
    @SuppressWarnings("unchecked")
    static void assertCommandMatches(TorchGolden2.Case c, Path dir, double rel, double abs) throws IOException {
        Path out = dir.resolve("out.t7");
        Map<Object, Object> expected = c.expected();
        if (c.kind().equals("forward")) {
            Torch7CommandTest.assertOk(Torch7CommandTest.cli("torch7", "forward", c.file("model.t7").toString(),
                    c.file("input.t7").toString(), out.toString()));
            TorchGolden2.assertClose((Data) expected.get("output"), (Data) T7Bridge.load(out), rel, abs, c + " output");
            return;
        }
        Torch7CommandTest.assertOk(Torch7CommandTest.cli("torch7", "backward", c.file("model.t7").toString(),
                c.file("input.t7").toString(), c.file("gradOutput.t7").toString(), out.toString()));
        Map<Object, Object> got = (Map<Object, Object>) T7Bridge.load(out);
        TorchGolden2.assertClose((Data) expected.get("output"), (Data) got.get("output"), rel, abs, c + " output");
        TorchGolden2.assertClose(data(expected.get("gradInput")), data(got.get("gradInput")), rel, abs, c + " gradInput");
        TorchGolden2.assertClose(TorchGolden2.table(expected.get("gradParams")), TorchGolden2.table(got.get("gradParams")),
                rel, abs, c + " gradParams");
        for (String field : c.extra()) {
            TorchGolden2.assertClose((Data) expected.get(field), (Data) got.get(field), rel, abs, c + " " + field);
        }
        assertEquals(expected.keySet().size(), expected.keySet().stream().filter(got::containsKey).count(),
                c + ": the command's result holds every field of expected.t7");
    }

    /** A tensor or table; an empty Lua table (SparseLinear's gradInput of a batch) loads as an empty map. */
    private static Data data(Object o) {
        return o instanceof Data d ? d : TorchGolden2.table(o);
    }
}
