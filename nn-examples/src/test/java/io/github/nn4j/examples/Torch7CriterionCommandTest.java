package io.github.nn4j.examples;

import static io.github.nn4j.examples.Torch7CommandTest.assertOk;
import static io.github.nn4j.examples.Torch7CommandTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Data;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * {@code nn4j torch7 criterion} on the criteria of torch-golden-2 and on files written here as Lua
 * writes them: every target form (a Lua number, a tensor, a Lua array holding tensors and numbers),
 * and the ignoreIndex of a ClassNLLCriterion whatever its value.
 */
class Torch7CriterionCommandTest {

    static List<TorchGolden2.Case> golden2() {
        return TorchGolden2.cases("criterion");
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> run(Path dir, Path criterion, Path input, Path target) {
        Path out = dir.resolve("out.t7");
        assertOk(cli("torch7", "criterion", criterion.toString(), input.toString(), target.toString(),
                out.toString()));
        try {
            return (Map<Object, Object>) T7Bridge.load(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden2")
    void golden2MatchesTorch(TorchGolden2.Case c, @TempDir Path dir) {
        Map<Object, Object> got = run(dir, c.file("criterion.t7"), c.file("input.t7"), c.file("target.t7"));
        Map<Object, Object> expected = c.expected();
        TorchGolden2.assertClose((Double) expected.get("loss"), (Double) got.get("loss"), 1e-12, c + " loss");
        TorchGolden2.assertClose((Data) expected.get("gradInput"), (Data) got.get("gradInput"), 1e-12,
                c + " gradInput");
    }

    /** A ClassNLLCriterion with the fields Lua's constructor sets. */
    static T7Object luaClassNll(double ignoreIndex) {
        T7Object o = T7Object.withFields("nn.ClassNLLCriterion");
        o.fields().put("ignoreIndex", ignoreIndex)
                .put("sizeAverage", true)
                .put("output", 0.0)
                .put("gradInput", T7Tensor.fromTensor(Tensor.empty()))
                .put("output_tensor", T7Tensor.fromTensor(Tensor.zeros(1)))
                .put("total_weight_tensor", T7Tensor.fromTensor(Tensor.filled(1, 1)))
                .put("target", T7Tensor.contiguous(T7Storage.wrap(new long[] {0}), 1));
        return o;
    }

    private static Path save(Path dir, String name, Object value) throws IOException {
        Path f = dir.resolve(name);
        Torch7.save(f, value, false);
        return f;
    }

    /**
     * The case: {@code nn.ClassNLLCriterion(nil, true, k)}, a 5 × 9 input and the Lua target
     * {7, k, 2, 9, k}: Torch's loss is the mean over rows 0, 2, 3 of −x[row, class − 1].
     */
    @ParameterizedTest(name = "ignoreIndex={0}")
    @CsvSource({"-1", "0", "-100", "3"})
    void ignoreIndexWhateverItsValue(double k, @TempDir Path dir) throws IOException {
        Tensor x = Tensor.zeros(5, 9).uniform(new TorchRandom(41), -4, -0.1);
        Map<Object, Object> got = run(dir, save(dir, "criterion.t7", luaClassNll(k)),
                save(dir, "input.t7", T7Tensor.fromTensor(x)),
                save(dir, "target.t7", T7Tensor.fromTensor(Tensor.of(7, k, 2, 9, k))));
        double expected = -(x.get(0, 6) + x.get(2, 1) + x.get(3, 8)) / 3;
        assertEquals(expected, (Double) got.get("loss"), 1e-14);
        Tensor g = (Tensor) got.get("gradInput");
        assertEquals(-1.0 / 3, g.get(2, 1), 1e-16);
        assertEquals(0, g.get(1, k >= 1 ? (int) k - 1 : 0), 0);
        assertEquals(-1.0, g.sum(), 1e-15);
    }

    /** A Lua number target (ClassNLL on one sample: Lua class 2 is column 1). */
    @Test
    void aNumberTarget(@TempDir Path dir) throws IOException {
        Tensor x = Tensor.of(-1.5, -0.25, -3);
        Map<Object, Object> got = run(dir, save(dir, "c.t7", luaClassNll(-100)), save(dir, "x.t7",
                T7Tensor.fromTensor(x)), save(dir, "t.t7", 2.0));
        assertEquals(0.25, (Double) got.get("loss"), 0);
    }

    /**
     * A Lua array target holding a tensor and a number: a ParallelCriterion of an MSECriterion and
     * an L1HingeEmbeddingCriterion, {t1, −1}; and an array of a tensor and labels for a child
     * ClassNLLCriterion, whose labels are shifted and the MSE target not.
     */
    @Test
    void aTableTargetWithTensorsAndNumbers(@TempDir Path dir) throws IOException {
        T7Object mse = T7Object.withFields("nn.MSECriterion");
        mse.fields().put("sizeAverage", true).put("output", 0.0).put("gradInput", T7Tensor.fromTensor(Tensor.empty()));
        T7Object hinge = T7Object.withFields("nn.L1HingeEmbeddingCriterion");
        hinge.fields().put("margin", 4.0).put("output", 0.0)
                .put("gradInput", T7Table.listOf(T7Tensor.fromTensor(Tensor.empty()), T7Tensor.fromTensor(Tensor.empty())));
        T7Object parallel = T7Object.withFields("nn.ParallelCriterion");
        parallel.fields().put("criterions", T7Table.listOf(mse, hinge)).put("weights", T7Table.listOf(0.5, 2.0))
                .put("gradInput", new T7Table()).put("output", 0.0);
        Tensor x1 = Tensor.of(1, 2);
        Tensor t1 = Tensor.of(0, 0);
        Tensor a = Tensor.of(1, 1, 1);
        Tensor b = Tensor.of(0, 1, 2);
        T7Table input = T7Table.listOf(T7Tensor.fromTensor(x1), T7Table.listOf(T7Tensor.fromTensor(a),
                T7Tensor.fromTensor(b)));
        T7Table target = T7Table.listOf(T7Tensor.fromTensor(t1), -1.0);
        Map<Object, Object> got = run(dir, save(dir, "c.t7", parallel), save(dir, "x.t7", input),
                save(dir, "t.t7", target));
        // MSE (1 + 4) / 2 = 2.5; L1 distance 2 below the margin 4: max(0, 4 − 2) = 2
        assertEquals(0.5 * 2.5 + 2 * 2, (Double) got.get("loss"), 1e-15);
        Table g = (Table) got.get("gradInput");
        assertEquals(0.5 * 2 * 2 / 2, g.tensor(0).get(1), 1e-15);
        assertEquals(-2 * 1.0, g.table(1).tensor(0).get(0), 0, "−sign(1 − 0) for y = −1 below the margin");

        T7Object nll = luaClassNll(-100);
        T7Object labels = T7Object.withFields("nn.ParallelCriterion");
        labels.fields().put("criterions", T7Table.listOf(mse, nll)).put("weights", T7Table.listOf(1.0, 1.0))
                .put("gradInput", new T7Table()).put("output", 0.0);
        Tensor scores = Tensor.of(new double[][] {{-1, -2, -3}, {-4, -5, -6}});
        Map<Object, Object> got2 = run(dir, save(dir, "c2.t7", labels), save(dir, "x2.t7",
                T7Table.listOf(T7Tensor.fromTensor(x1), T7Tensor.fromTensor(scores))),
                save(dir, "t2.t7", T7Table.listOf(T7Tensor.fromTensor(Tensor.of(1, 2)), T7Tensor.fromTensor(
                        Tensor.of(3, 1)))));
        // MSE to {1, 2} is 0 (the target is not shifted); NLL of Lua classes 3 and 1: (3 + 4) / 2
        assertEquals(3.5, (Double) got2.get("loss"), 1e-15);
    }

    @Test
    void aTargetOfTheWrongKindIsOneLine(@TempDir Path dir) throws IOException {
        Path c = save(dir, "c.t7", luaClassNll(-100));
        Path x = save(dir, "x.t7", T7Tensor.fromTensor(Tensor.of(-1, -2)));
        Path t = save(dir, "t.t7", "a string");
        Torch7CommandTest.Result r = cli("torch7", "criterion", c.toString(), x.toString(), t.toString(),
                dir.resolve("o.t7").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith(t + ": expected a target"), r.err());
    }
}
