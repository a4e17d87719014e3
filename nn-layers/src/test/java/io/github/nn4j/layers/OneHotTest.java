package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientCheckReport;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;
import io.github.nn4j.torch7.T7Bridge;

class OneHotTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new OneHot(5);
    }

    private static Tensor indices(int... size) {
        Tensor t = Tensor.zeros(size);
        double[] a = t.data();
        for (int i = 0; i < t.numel(); i++) {
            a[i] = Math.floor(TorchRandom.global().uniform(0, 5));
        }
        return t;
    }

    @Override
    protected Data sampleInput() {
        return indices(4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return indices(batchSize, 2);
    }

    @Override
    protected String expectedToString() {
        return "nn.OneHot";
    }

    @Override
    protected Data wrongInput() {
        return Tensor.of(1, 5);
    }

    /** Indices are not differentiable: the check covers the (empty) rest, as for LookupTable. */
    @Override
    protected GradientCheckReport gradientCheck(Module<?, ?> module, Data input) {
        return GradientChecker.check(PartlyDifferentiable.parametersOnly(module, input), Tensor.empty());
    }

    @Test
    void encodesEveryIndexAlongANewLastDimension() {
        Tensor x = Tensor.of(new double[][] {{2, 0, 4}, {1, 1, 3}});
        Tensor y = new OneHot(5).forward(x);
        assertEquals("[2, 3, 5]", y.shapeString());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 5; k++) {
                    assertEquals(k == (int) x.get(i, j) ? 1.0 : 0.0, y.get(i, j, k));
                }
            }
        }
        OneHot m = new OneHot(5);
        m.forward(x);
        assertEquals(0.0, m.backward(x, y).maxAbsDiff(Tensor.zeros(2, 3)), "indices get a zero gradient");
    }

    @Test
    void luaIndicesAreShiftedAndBadOnesNamed() {
        OneHot m = new OneHot(3);
        Tensor lua = Tensor.of(1, 3);
        assertEquals(0.0, ((Tensor) T7Bridge.inputFromLua(m, lua)).maxAbsDiff(Tensor.of(0, 2)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.of(0, 1.5)));
        assertEquals("nn.OneHot: index 1.5 at position 1 of input [2] is not an integer in [0, 3)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OneHot(0));
    }

    /** char-rnn's gModule reads its characters through OneHot: the bridge shifts that input only. */
    @Test
    void containersShiftTheLuaIndicesOfTheInputsThatFeedAOneHot() {
        Sequential<Tensor, Tensor> seq = new Sequential<Tensor, Tensor>().add(new OneHot(4)).add(new Linear(4, 2));
        assertEquals(0.0, ((Tensor) T7Bridge.inputFromLua(seq, Tensor.of(1, 4))).maxAbsDiff(Tensor.of(0, 3)));
        Graph g = Graph.builder().inputs("x", "h").node("oh", new OneHot(3), "x").node("lin", new Linear(3, 2), "oh")
                .node("sum", new CAddTable(), "lin", "h").outputs("sum").build();
        Tensor h = Tensor.of(new double[][] {{1, 2}, {3, 1}});
        io.github.nn4j.Table in = (io.github.nn4j.Table) T7Bridge.inputFromLua(g,
                io.github.nn4j.Table.of(Tensor.of(3, 1), h.clone()));
        assertEquals(0.0, in.tensor(0).maxAbsDiff(Tensor.of(2, 0)), "the characters, 0-based");
        assertEquals(0.0, in.tensor(1).maxAbsDiff(h), "the state, unchanged");
        assertEquals("[2, 2]", g.forward(in).shapeString());
        Tensor notIndexed = Tensor.of(new double[][] {{1, 2}});
        assertEquals(0.0, ((Tensor) T7Bridge.inputFromLua(new Sequential<Tensor, Tensor>().add(new Linear(2, 2)),
                notIndexed)).maxAbsDiff(Tensor.of(new double[][] {{1, 2}})));
    }

}
