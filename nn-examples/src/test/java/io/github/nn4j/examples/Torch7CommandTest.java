package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Data;
import io.github.nn4j.Tensor;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * {@code nn4j torch7}, run in-process: every golden case through {@code forward},
 * {@code backward} and {@code criterion} matches Torch's {@code expected.t7}; {@code info} prints
 * the tree and the parameter count; errors are one stderr line and a non-zero exit code.
 */
class Torch7CommandTest {

    /** The exit code and the two streams of one run. */
    record Result(int code, String out, String err) {
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    static void assertOk(Result r) {
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }

    static List<Golden.Case> modules() throws IOException {
        return Golden.cases("module");
    }

    static List<Golden.Case> criteria() throws IOException {
        return Golden.cases("criterion");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void forwardMatchesTorch(Golden.Case c, @TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.t7");
        Result r = cli("torch7", "forward", c.file("model.t7").toString(), c.file("input.t7").toString(),
                out.toString());
        assertOk(r);
        assertEquals("", r.out());
        Map<Object, Object> expected = Golden.expected(c);
        Golden.assertClose((Data) expected.get("output"), (Data) T7Bridge.load(out), c + " output");
        assertDoubleTensors(Torch7.load(out));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    @SuppressWarnings("unchecked")
    void backwardMatchesTorch(Golden.Case c, @TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.t7");
        assertOk(cli("torch7", "backward", c.file("model.t7").toString(), c.file("input.t7").toString(),
                c.file("gradOutput.t7").toString(), out.toString()));
        Map<Object, Object> expected = Golden.expected(c);
        Map<Object, Object> got = (Map<Object, Object>) T7Bridge.load(out);
        Golden.assertClose((Data) expected.get("output"), (Data) got.get("output"), c + " output");
        Golden.assertClose((Data) expected.get("gradInput"), (Data) got.get("gradInput"), c + " gradInput");
        Golden.assertClose(Golden.table(expected.get("gradParams")), Golden.table(got.get("gradParams")),
                c + " gradParams");
        assertDoubleTensors(Torch7.load(out));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("criteria")
    @SuppressWarnings("unchecked")
    void criterionMatchesTorch(Golden.Case c, @TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.t7");
        assertOk(cli("torch7", "criterion", c.file("criterion.t7").toString(), c.file("input.t7").toString(),
                c.file("target.t7").toString(), out.toString()));
        Map<Object, Object> expected = Golden.expected(c);
        Map<Object, Object> got = (Map<Object, Object>) T7Bridge.load(out);
        Golden.assertClose((Double) expected.get("loss"), (Double) got.get("loss"), c + " loss");
        Golden.assertClose((Data) expected.get("gradInput"), (Data) got.get("gradInput"), c + " gradInput");
    }

    @Test
    void asciiOptionWritesAscii(@TempDir Path dir) throws IOException {
        Golden.Case c = Golden.cases("module").get(0);
        Path out = dir.resolve("out.t7");
        assertOk(cli("torch7", "forward", "--ascii", c.file("model.t7").toString(), c.file("input.t7").toString(),
                out.toString()));
        String text = Files.readString(out, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("4\n1\n3\nV 1\n18\ntorch.DoubleTensor\n"), text);
        Golden.assertClose((Data) Golden.expected(c).get("output"), (Data) T7Bridge.load(out), "ascii output");
    }

    @Test
    void modelsRunInTheirStoredModeUnlessEvaluateIsGiven(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("dropout.t7");
        Path input = dir.resolve("x.t7");
        Path out = dir.resolve("y.t7");
        T7Bridge.save(model, new Dropout(0.5), false);  // training mode, as Torch's constructor
        Tensor x = Tensor.filled(1.0, 4, 50);
        T7Bridge.save(input, x, false);

        assertOk(cli("torch7", "forward", model.toString(), input.toString(), out.toString()));
        Tensor trained = (Tensor) T7Bridge.load(out);
        assertTrue(trained.maxAbsDiff(x) > 0.5, "a training-mode dropout drops");

        assertOk(cli("torch7", "forward", "--evaluate", model.toString(), input.toString(), out.toString()));
        assertEquals(0.0, ((Tensor) T7Bridge.load(out)).maxAbsDiff(x), "evaluation mode is the identity");
    }

    @Test
    void infoPrintsTheTreeAndTheParameterCount() throws IOException {
        Golden.Case mlp = Golden.cases("module").stream().filter(c -> c.name().equals("mlp")).findFirst().get();
        Result r = cli("torch7", "info", mlp.file("model.t7").toString());
        assertOk(r);
        String expected = String.join(System.lineSeparator(),
                "nn.Sequential {",
                "  [input -> (1) -> (2) -> (3) -> output]",
                "  (1): nn.Linear(4 -> 6)",
                "  (2): nn.ReLU",
                "  (3): nn.Linear(6 -> 2)",
                "}",
                "parameters: 44 in 4 tensors", "");
        assertEquals(expected, r.out());
    }

    @Test
    void infoPrintsCriteriaAndPlainObjects(@TempDir Path dir) throws IOException {
        Golden.Case nll = Golden.cases("criterion").stream().filter(c -> c.name().equals("classnll")).findFirst()
                .get();
        Result r = cli("torch7", "info", nll.file("criterion.t7").toString());
        assertOk(r);
        assertTrue(r.out().startsWith("nn.ClassNLLCriterion"), r.out());

        r = cli("torch7", "info", nll.file("expected.t7").toString());
        assertOk(r);
        assertTrue(r.out().contains("loss : ") && r.out().contains("gradInput : DoubleTensor - size: [3, 4]"),
                r.out());
    }

    @Test
    void infoShowsTheTensorTypeStoredInTheFile(@TempDir Path dir) throws IOException {
        // issue #15: a FloatTensor was shown as [torch.DoubleTensor of size 2]
        Path y = dir.resolve("y.t7");
        io.github.nn4j.torch7.Torch7.save(y, T7Tensor.contiguous(
                io.github.nn4j.torch7.T7Storage.wrap(new float[] {1.5f, -2f}), 2), false);
        Result r = cli("torch7", "info", y.toString());
        assertOk(r);
        assertTrue(r.out().contains("[torch.FloatTensor of size 2]"), r.out());
        assertTrue(!r.out().contains("DoubleTensor"), r.out());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("nope.t7");
        Result r = cli("torch7", "forward", missing.toString(), missing.toString(), dir.resolve("o.t7").toString());
        assertNotEquals(0, r.code());
        assertEquals(missing + ": no such file" + System.lineSeparator(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void malformedFileIsOneLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.t7");
        Files.write(bad, new byte[] {4, 0, 0, 0, 1, 0, 0, 0, 99, 0, 0, 0});
        Result r = cli("torch7", "info", bad.toString());
        assertNotEquals(0, r.code());
        assertOneLine(r.err(), bad.toString());
    }

    @Test
    void unsupportedClassIsOneLineWithItsPlace(@TempDir Path dir) throws IOException {
        T7Object seq = T7Object.withFields("nn.Sequential");
        T7Object conv = T7Object.withFields("nn.SpatialFractionalMaxPooling");
        seq.fields().put("modules", T7Table.listOf(T7Object.withFields("nn.Identity"), T7Object.withFields("nn.Tanh"),
                conv));
        Path f = dir.resolve("conv.t7");
        Torch7.save(f, seq, false);
        Result r = cli("torch7", "info", f.toString());
        assertNotEquals(0, r.code());
        assertEquals(f + ": modules[3]: nn.SpatialFractionalMaxPooling is not supported"
                + " (torch7 info --raw prints the file's objects)" + System.lineSeparator(), r.err());
    }

    @Test
    void wrongInputShapeNamesTheModelFile(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("linear.t7");
        Path input = dir.resolve("x.t7");
        T7Bridge.save(model, new Linear(3, 2), false);
        T7Bridge.save(input, Tensor.zeros(2, 5), false);
        Result r = cli("torch7", "forward", model.toString(), input.toString(), dir.resolve("y.t7").toString());
        assertNotEquals(0, r.code());
        assertOneLine(r.err(), model + ": forward failed: nn.Linear(3 -> 2)");
    }

    @Test
    void aFailedWriteSaysWhy(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("linear.t7");
        Path input = dir.resolve("x.t7");
        T7Bridge.save(model, new Linear(3, 2), false);
        T7Bridge.save(input, Tensor.zeros(2, 3), false);
        Path out = dir.resolve("nodir").resolve("o4.t7");
        Result r = cli("torch7", "forward", model.toString(), input.toString(), out.toString());
        assertEquals(1, r.code());
        assertOneLine(r.err(), out + ": cannot write: no such file or folder");
    }

    @Test
    void aCriterionIsNotAModel(@TempDir Path dir) throws IOException {
        Golden.Case mse = Golden.cases("criterion").stream().filter(c -> c.name().equals("mse")).findFirst().get();
        Result r = cli("torch7", "forward", mse.file("criterion.t7").toString(), mse.file("input.t7").toString(),
                dir.resolve("o.t7").toString());
        assertNotEquals(0, r.code());
        assertEquals(mse.file("criterion.t7") + ": expected an nn module, found nn.MSECriterion"
                + System.lineSeparator(), r.err());
    }

    @Test
    void verbosePrintsTheStackTrace(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.t7");
        Files.write(bad, new byte[] {3});
        Result r = cli("torch7", "info", "--verbose", bad.toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().startsWith(bad.toString()), r.err());
        assertTrue(r.err().contains("\tat "), "stack trace: " + r.err());
    }

    private static void assertOneLine(String err, String prefix) {
        assertTrue(err.startsWith(prefix), err);
        assertTrue(err.endsWith(System.lineSeparator()), err);
        assertEquals(1, err.lines().count(), err);
        assertTrue(!err.contains("\tat "), "no stack trace: " + err);
    }

    /** Everything the commands write is a torch.DoubleTensor (or a number, or a table of them). */
    private static void assertDoubleTensors(Object o) {
        if (o instanceof T7Tensor t) {
            assertEquals("torch.DoubleTensor", t.className());
        } else if (o instanceof T7Table t) {
            for (Object k : t.keys()) {
                assertDoubleTensors(t.get(k));
            }
        } else {
            assertTrue(o instanceof Double, "unexpected " + o);
        }
    }
}
