package io.github.nn4j.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * The ignoreIndex defect: a {@code nn.ClassNLLCriterion(nil, true, k)} saved by Lua with a target
 * holding {@code k} in some rows must skip those rows through the bridge, whatever {@code k}: −1,
 * 0 (never a Lua class), Torch's default −100, and a real class. The files are written here as Lua
 * writes them; the expected loss is computed from the formula on the rows that are not ignored.
 */
class ClassNLLIgnoreIndexBridgeTest {

    /** A ClassNLLCriterion object with the fields Lua's constructor sets. */
    static T7Object luaClassNll(double ignoreIndex, boolean sizeAverage) {
        T7Object o = T7Object.withFields("nn.ClassNLLCriterion");
        o.fields().put("ignoreIndex", ignoreIndex)
                .put("sizeAverage", sizeAverage)
                .put("output", 0.0)
                .put("gradInput", T7Tensor.fromTensor(Tensor.empty()))
                .put("output_tensor", T7Tensor.fromTensor(Tensor.zeros(1)))
                .put("total_weight_tensor", T7Tensor.fromTensor(Tensor.filled(1, 1)))
                .put("target", T7Tensor.contiguous(T7Storage.wrap(new long[] {0}), 1));
        return o;
    }

    /**
     * The case: 5 × 9 log-probabilities, Lua target {7, k, 2, 9, k}; the loss is over rows 0,
     * 2 and 3 (Lua classes 7, 2, 9, i.e. columns 6, 1, 8).
     */
    @ParameterizedTest(name = "ignoreIndex={0} sizeAverage={1}")
    @CsvSource({"-1, true", "0, true", "-100, true", "3, true", "-1, false", "0, false", "-100, false", "3, false"})
    @SuppressWarnings("unchecked")
    void aTargetEqualToTheStoredIgnoreIndexIsIgnored(double k, boolean sizeAverage, @TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("criterion.t7");
        Torch7.save(file, luaClassNll(k, sizeAverage), false);
        Tensor x = Tensor.zeros(5, 9).uniform(new TorchRandom(31), -4, -0.1);
        Tensor luaTarget = Tensor.of(7, k, 2, 9, k);

        Criterion<Data, Data> c = (Criterion<Data, Data>) T7Bridge.loadCriterion(file);
        Data target = T7Bridge.targetFromLua(c, luaTarget.deepCopy());
        double sum = -(x.get(0, 6) + x.get(2, 1) + x.get(3, 8));
        double expected = sizeAverage ? sum / 3 : sum;
        assertEquals(expected, c.forward(x, target), 1e-14);
        Tensor g = (Tensor) c.backward(x, target);
        Tensor expectedGrad = Tensor.zeros(5, 9);
        double gv = sizeAverage ? -1.0 / 3 : -1;
        expectedGrad.put(gv, 0, 6);
        expectedGrad.put(gv, 2, 1);
        expectedGrad.put(gv, 3, 8);
        CriterionChecks.assertTensor(expectedGrad, g, 1e-16);

        // saved again by nn4j, Lua would read the same ignoreIndex
        Path back = dir.resolve("back.t7");
        T7Bridge.save(back, c, false);
        assertEquals(k, ((T7Object) Torch7.load(back)).getNumber("ignoreIndex"), 0);
    }
}
