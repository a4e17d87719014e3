package io.github.nn4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.testing.Affine;
import io.github.nn4j.testing.Affine.Fault;

/** The tree operations and copy/share of the base classes, on a small test container. */
class ModuleTest {

    /** Applies its children one after the other (a minimal Sequential for these tests). */
    static final class Chain extends Container<Tensor, Tensor> {
        Chain() {
            super(Tensor.empty(), Tensor.empty());
        }

        @Override
        @SuppressWarnings("unchecked")
        public Tensor updateOutput(Tensor input) {
            Tensor x = input;
            for (Module<?, ?> m : modules) {
                x = ((Module<Tensor, Tensor>) m).forward(x);
            }
            output = x;
            return output;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
            Tensor g = gradOutput;
            for (int i = modules.size() - 1; i >= 0; i--) {
                Tensor in = i == 0 ? input : ((Module<Tensor, Tensor>) modules.get(i - 1)).output();
                g = ((Module<Tensor, Tensor>) modules.get(i)).updateGradInput(in, g);
            }
            gradInput = g;
            return gradInput;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
            Tensor g = gradOutput;
            for (int i = modules.size() - 1; i >= 0; i--) {
                Module<Tensor, Tensor> m = (Module<Tensor, Tensor>) modules.get(i);
                Tensor in = i == 0 ? input : ((Module<Tensor, Tensor>) modules.get(i - 1)).output();
                m.accGradParameters(in, g, scale);
                g = m.gradInput();
            }
        }
    }

    private static Chain chain() {
        TorchRandom.manualSeed(5);
        Chain c = new Chain();
        c.add(new Affine(3, Fault.NONE)).add(new Chain().add(new Affine(3, Fault.NONE)));
        return c;
    }

    @Test
    void parametersAreDepthFirstWeightBeforeBias() {
        Chain c = chain();
        List<Parameter> ps = c.parameters();
        assertEquals(4, ps.size());
        assertEquals(List.of("weight", "bias", "weight", "bias"), ps.stream().map(Parameter::name).toList());
        assertEquals(12, c.parameterCount());
        Affine inner = (Affine) ((Chain) c.get(1)).get(0);
        assertSame(inner.parameters().get(0).value(), ps.get(2).value());
    }

    @Test
    void listFindAndApplyWalkPreOrder() {
        Chain c = chain();
        List<Module<?, ?>> all = c.listModules();
        assertEquals(4, all.size());
        assertSame(c, all.get(0));
        assertEquals(2, c.findModules(Affine.class).size());
        assertEquals(2, c.findModules("nn.Chain").size());
        c.evaluate();
        c.apply(m -> assertFalse(m.isTraining()));
        c.training();
        c.apply(m -> assertTrue(m.isTraining()));
        assertThrows(IndexOutOfBoundsException.class, () -> c.get(2));
    }

    @Test
    void chainPassesTheGradientChecker() {
        io.github.nn4j.check.GradientChecker.check(chain(), Tensor.uniform(-2, 2, 4, 3)).assertPassed(1e-7);
    }

    @Test
    void copyIsDeepAndKeepsInternalSharing() {
        Chain c = chain();
        Tensor x = Tensor.uniform(-1, 1, 2, 3);
        c.forward(x);
        Chain d = (Chain) c.copy();
        assertNotSame(c.get(0), d.get(0));
        // the chain's output is its last child's output object: the copy keeps that aliasing
        Module<?, ?> lastInner = ((Chain) d.get(1)).get(0);
        assertSame(lastInner.output(), d.output());
        d.parameters().get(0).value().fill(7);
        assertFalse(c.parameters().get(0).value().get(0) == 7.0);
        assertEquals(0.0, c.forward(x).clone().maxAbsDiff(((Chain) c.copy()).forward(x)));
    }

    @Test
    void shareMakesTheSameStorageAndRejectsOtherStructures() {
        Chain a = chain();
        Chain b = chain();
        b.share(a, "weight", "bias");
        a.parameters().get(2).value().fill(0.25);
        assertEquals(0.25, b.parameters().get(2).value().get(1));
        assertFalse(b.parameters().get(2).grad().sharesStorageWith(a.parameters().get(2).grad()));
        Chain other = new Chain();
        assertThrows(IllegalArgumentException.class, () -> other.share(a, "weight"));
    }

    @Test
    void updateParametersAndClearState() {
        Chain c = chain();
        Tensor x = Tensor.uniform(-1, 1, 2, 3);
        c.forward(x);
        c.zeroGradParameters();
        c.backward(x, Tensor.filled(1, 2, 3));
        Tensor w = c.parameters().get(0).value().clone();
        Tensor g = c.parameters().get(0).grad().clone();
        c.updateParameters(0.5);
        assertEquals(0.0, c.parameters().get(0).value().maxAbsDiff(w.add(-0.5, g)), 1e-15);
        c.clearState();
        assertEquals(0, c.get(0).output() instanceof Tensor t ? t.numel() : -1);
    }

    @Test
    void shapeErrorNamesModuleAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Affine(3, Fault.NONE).forward(Tensor.zeros(2, 4)));
        assertEquals("nn.Affine(3): expected input of size [N, 3] or [3], got [2, 4]", e.getMessage());
    }
}
