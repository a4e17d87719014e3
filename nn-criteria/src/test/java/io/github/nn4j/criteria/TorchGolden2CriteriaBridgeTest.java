package io.github.nn4j.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Bridge;

/**
 * Every criterion case of {@code torch-golden-2} (real Lua Torch7, see its README) through the
 * {@code .t7} bridge: the criterion is loaded from Torch's {@code criterion.t7}, the target from
 * {@code target.t7} (a Lua number becomes a 1-element tensor; Lua's 1-based labels are shifted by
 * {@link T7Bridge#targetFromLua}), and the loss and gradInput must match Torch's
 * {@code expected.t7} at relative 1e-12. The criterion then saves in both encodings and reloads
 * to identical results.
 */
class TorchGolden2CriteriaBridgeTest {

    static List<TorchGolden2.Case> cases() {
        return TorchGolden2.cases("criterion");
    }

    /** The loss and a copy of the gradInput. */
    record Run(double loss, Data gradInput) {
    }

    @SuppressWarnings("unchecked")
    static Run run(Criterion<?, ?> criterion, TorchGolden2.Case c) {
        Criterion<Data, Data> crit = (Criterion<Data, Data>) criterion;
        Data input = (Data) c.load("input.t7");
        Object t = c.load("target.t7");
        Data target = T7Bridge.targetFromLua(crit, t instanceof Double d ? Tensor.of(d) : (Data) t);
        double loss = crit.forward(input, target);
        Data gi = crit.backward(input, target);
        return new Run(loss, copy(gi));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTorch(TorchGolden2.Case c) throws IOException {
        Criterion<?, ?> crit = T7Bridge.loadCriterion(c.file("criterion.t7"));
        Map<Object, Object> expected = c.expected();
        Run r = run(crit, c);
        TorchGolden2.assertClose((Double) expected.get("loss"), r.loss(), c.rel(), c + " loss");
        TorchGolden2.assertClose((Data) expected.get("gradInput"), r.gradInput(), c.rel(), c + " gradInput");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void savesAndReloadsToIdenticalResults(TorchGolden2.Case c, @TempDir Path dir) throws IOException {
        for (boolean ascii : new boolean[] {false, true}) {
            Criterion<?, ?> crit = T7Bridge.loadCriterion(c.file("criterion.t7"));
            Path f = dir.resolve(ascii ? "ascii.t7" : "binary.t7");
            T7Bridge.save(f, crit, ascii);
            Criterion<?, ?> back = T7Bridge.loadCriterion(f);
            assertEquals(crit.toString(), back.toString(), c + " toString after reload");
            assertEquals(crit.sizeAverage(), back.sizeAverage(), c + " sizeAverage after reload");
            Run a = run(crit, c);
            Run b = run(back, c);
            assertEquals(a.loss(), b.loss(), 0.0, c + " loss after reload");
            TorchGolden2.assertClose(a.gradInput(), b.gradInput(), 0, c + " gradInput after reload");
        }
    }

    static Data copy(Data d) {
        if (d instanceof Tensor t) {
            return t.deepCopy();
        }
        io.github.nn4j.Table out = new io.github.nn4j.Table();
        for (Data e : (io.github.nn4j.Table) d) {
            out.add(copy(e));
        }
        return out;
    }
}
