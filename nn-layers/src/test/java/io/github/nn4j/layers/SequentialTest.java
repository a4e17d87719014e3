package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.Affine;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.testing.ModuleContractTest;

class SequentialTest extends ModuleContractTest {

    static Sequential<Tensor, Tensor> net() {
        return new Sequential<Tensor, Tensor>()
                .add(new Affine(4, Affine.Fault.NONE))
                .add(new Reshape(2, 2))
                .add(new Max(-1))
                .add(new Affine(2, Affine.Fault.NONE));
    }

    @Override
    protected Module<?, ?> createModule() {
        return net();
    }

    @Override
    protected Data sampleInput() {
        return uniform(4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Sequential {\n"
                + "  [input -> (1) -> (2) -> (3) -> (4) -> output]\n"
                + "  (1): nn.Affine(4)\n"
                + "  (2): nn.Reshape(2x2)\n"
                + "  (3): nn.Max\n"
                + "  (4): nn.Affine(2)\n"
                + "}";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 5);
    }

    @Test
    void aTensorNetworkReturnsTensorsWithoutCasts() {
        Sequential<Tensor, Tensor> net = net();
        Tensor x = uniform(5, 4);
        Tensor y = net.forward(x);
        Tensor gi = net.backward(x, Tensor.filled(1, 5, 2));
        assertEquals("[5, 2]", y.shapeString());
        assertEquals("[5, 4]", gi.shapeString());
        assertSame(net.get(3).output(), y, "the output is the last child's output");
        assertSame(net.get(0).gradInput(), gi, "the gradInput is the first child's gradInput");
        assertEquals(4, net.parameters().size(), "depth-first, weight before bias");
    }

    @Test
    void insertAndRemoveUse0BasedIndicesAndKeepTheAliases() {
        Affine a = new Affine(3, Affine.Fault.NONE);
        Affine b = new Affine(3, Affine.Fault.NONE);
        Affine c = new Affine(3, Affine.Fault.NONE);
        Sequential<Tensor, Tensor> s = new Sequential<Tensor, Tensor>().add(b);
        s.insert(a, 0).insert(c, 2);
        assertEquals(List.of(a, b, c), s.children());
        assertSame(c.output(), s.output());
        assertSame(a.gradInput(), s.gradInput());
        assertThrows(IndexOutOfBoundsException.class, () -> s.insert(a, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> s.insert(a, -1));

        assertSame(a, s.remove(0));
        assertSame(b.gradInput(), s.gradInput());
        assertSame(c, s.remove());
        assertSame(b.output(), s.output());
        assertEquals(1, s.size());
        assertThrows(IndexOutOfBoundsException.class, () -> s.remove(1));

        Tensor x = uniform(2, 3);
        Tensor expected = b.forward(x).clone();
        assertEquals(0.0, s.forward(x).maxAbsDiff(expected));
    }

    @Test
    void backwardCallsEachChildsBackwardInReverse() {
        List<String> log = new ArrayList<>();
        Sequential<Tensor, Tensor> s = new Sequential<Tensor, Tensor>()
                .add(new Recorder("a", log)).add(new Recorder("b", log));
        Tensor x = Tensor.of(1, 2);
        assertEquals("[4.0, 8.0]", java.util.Arrays.toString(s.forward(x).toArray()));
        log.clear();
        Tensor gi = s.backward(x, Tensor.of(1, 1), 0.5);
        assertEquals(List.of("b.backward", "b.updateGradInput", "b.accGradParameters(0.5)",
                "a.backward", "a.updateGradInput", "a.accGradParameters(0.5)"), log);
        assertEquals("[4.0, 4.0]", java.util.Arrays.toString(gi.toArray()));
        log.clear();
        s.updateGradInput(x, Tensor.of(1, 1));
        s.accGradParameters(x, Tensor.of(1, 1), 2.0);
        assertEquals(List.of("b.updateGradInput", "a.updateGradInput",
                "b.accGradParameters(2.0)", "a.accGradParameters(2.0)"), log);
    }

    @Test
    void backwardEqualsUpdateGradInputPlusAccGradParameters() {
        Sequential<Tensor, Tensor> one = net();
        Sequential<Tensor, Tensor> two = net();
        two.share(one, "weight", "bias");
        Tensor x = uniform(3, 4);
        Tensor g = uniform(3, 2);
        one.zeroGradParameters();
        one.forward(x);
        Tensor gi1 = one.backward(x, g, 0.7).clone();
        List<Tensor> grads1 = new ArrayList<>();
        for (Parameter p : one.parameters()) {
            grads1.add(p.grad().clone());
        }
        Sequential<Tensor, Tensor> fresh = (Sequential<Tensor, Tensor>) net().share(one, "weight", "bias");
        fresh.zeroGradParameters();
        fresh.forward(x);
        Tensor gi2 = fresh.updateGradInput(x, g);
        fresh.accGradParameters(x, g, 0.7);
        assertEquals(0.0, gi1.maxAbsDiff(gi2));
        for (int k = 0; k < grads1.size(); k++) {
            assertEquals(0.0, grads1.get(k).maxAbsDiff(fresh.parameters().get(k).grad()));
        }
    }

    @Test
    void stopBackwardAtCallsOnlyTheStopChildsAccGradParameters() {
        List<String> log = new ArrayList<>();
        Sequential<Tensor, Tensor> s = new Sequential<Tensor, Tensor>()
                .add(new Recorder("a", log)).add(new Recorder("b", log)).add(new Recorder("c", log)).stopBackwardAt(1);
        assertEquals(1, s.backwardStop());
        Tensor x = Tensor.of(1, 2);
        s.forward(x);
        log.clear();
        assertEquals(null, s.backward(x, Tensor.of(1, 1), 0.5));
        assertEquals(null, s.gradInput());
        assertEquals(List.of("c.backward", "c.updateGradInput", "c.accGradParameters(0.5)",
                "b.accGradParameters(0.5)"), log);
        log.clear();
        assertEquals(null, s.updateGradInput(x, Tensor.of(1, 1)));
        s.accGradParameters(x, Tensor.of(1, 1), 2.0);
        assertEquals(List.of("c.updateGradInput", "c.accGradParameters(2.0)", "b.accGradParameters(2.0)"), log);
        log.clear();
        s.backwardToInput();
        assertEquals(-1, s.backwardStop());
        assertTrue(s.backward(x, Tensor.of(1, 1), 1.0) != null);
        assertTrue(log.contains("a.accGradParameters(1.0)"), log::toString);
    }

    @Test
    void stopBackwardAtGivesTheSameParameterGradientsFromThatChildUp() {
        Tensor x = uniform(3, 4);
        Tensor g = uniform(3, 2);
        Sequential<Tensor, Tensor> full = net();
        Sequential<Tensor, Tensor> stopped = (Sequential<Tensor, Tensor>) net().share(full, "weight", "bias");
        stopped.stopBackwardAt(3);
        for (Sequential<Tensor, Tensor> s : List.of(full, stopped)) {
            s.zeroGradParameters();
            s.forward(x);
        }
        full.backward(x, g, 0.7);
        stopped.backward(x, g, 0.7);
        List<Parameter> pf = full.parameters();
        List<Parameter> ps = stopped.parameters();
        // parameters 2 and 3 belong to child 3 (the last Affine), 0 and 1 to child 0
        for (int k = 2; k < 4; k++) {
            assertEquals(0.0, pf.get(k).grad().maxAbsDiff(ps.get(k).grad()));
        }
        for (int k = 0; k < 2; k++) {
            assertTrue(pf.get(k).grad().maxAbsDiff(Tensor.zeros(pf.get(k).grad().sizes())) > 0);
            assertEquals(0.0, ps.get(k).grad().maxAbsDiff(Tensor.zeros(ps.get(k).grad().sizes())),
                    "no gradient below the stop");
        }
    }

    @Test
    void stopBackwardAtRejectsAChildThatIsNotThere() {
        Sequential<Tensor, Tensor> s = net();
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> s.stopBackwardAt(4));
        assertEquals("stopBackwardAt: index 4 out of range for nn.Sequential of 4 modules", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> s.stopBackwardAt(-1));
        s.stopBackwardAt(3).remove(3);
        s.forward(uniform(3, 4));
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> s.backward(uniform(3, 4),
                uniform(3, 2)));
        assertTrue(late.getMessage().contains("stops at child 3"), late.getMessage());
    }

    @Test
    void childErrorsSayWhereAndStayIllegalArgumentExceptions() {
        Sequential<Tensor, Tensor> inner = new Sequential<Tensor, Tensor>()
                .add(new Affine(4, Affine.Fault.NONE)).add(new Affine(3, Affine.Fault.NONE));
        Sequential<Tensor, Tensor> outer = new Sequential<Tensor, Tensor>()
                .add(new Max(1)).add(inner);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> outer.forward(uniform(2, 5, 4)));
        assertEquals("In 2 module of nn.Sequential (get(1)):\n"
                + "In 2 module of nn.Sequential (get(1)):\n"
                + "nn.Affine(3): expected input of size [N, 3] or [3], got [2, 4]", e.getMessage());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
    }

    @Test
    void aTableWhereATensorIsExpectedIsAnIllegalArgumentException() {
        Sequential<Table, Tensor> s = new Sequential<Table, Tensor>()
                .add(new CAddTable()).add(new CAddTable());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.forward(Table.of(uniform(2), uniform(2))));
        assertTrue(e.getMessage().startsWith("In 2 module of nn.Sequential (get(1)):\nnn.CAddTable: cannot take a tensor of size [2]"),
                e.getMessage());
    }

    @Test
    void anEmptySequentialIsTheIdentity() {
        Sequential<Tensor, Tensor> s = new Sequential<>();
        Tensor x = uniform(3);
        assertSame(x, s.forward(x));
        Tensor g = uniform(3);
        assertSame(g, s.backward(x, g));
        assertEquals("nn.Sequential {\n  [input -> output]\n}", s.toString());
    }

    @Test
    void loadGivesATypedSequentialAndRefusesAnotherModule(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("net.t7");
        Sequential<Tensor, Tensor> saved = new Sequential<Tensor, Tensor>().add(new Linear(3, 4)).add(new Tanh());
        T7Bridge.save(file, saved, false);
        Sequential<Tensor, Tensor> net = Sequential.load(file);       // no cast
        Linear first = net.get(0);
        assertEquals("nn.Linear(3 -> 4)", first.toString());
        Tensor x = Tensor.uniform(-1, 1, 2, 3);
        assertEquals(0.0, net.forward(x).maxAbsDiff(saved.forward(x)));
        Path linear = dir.resolve("linear.t7");
        T7Bridge.save(linear, new Linear(3, 4), false);
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> Sequential.load(linear));
        assertTrue(e.getMessage().contains(linear + ": expected an nn.Sequential, found nn.Linear"), e.getMessage());
    }
}
