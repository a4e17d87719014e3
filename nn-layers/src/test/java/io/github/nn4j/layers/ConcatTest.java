package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.Affine;
import io.github.nn4j.testing.ModuleContractTest;

class ConcatTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Concat(-1)
                .add(new Affine(4, Affine.Fault.NONE))
                .add(new Sequential<Tensor, Tensor>().add(new Reshape(2, 2)).add(new Max(-1)));
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
        return "nn.Concat {\n"
                + "  input\n"
                + "    |`-> (1): nn.Affine(4)\n"
                + "     `-> (2): nn.Sequential {\n"
                + "           [input -> (1) -> (2) -> output]\n"
                + "           (1): nn.Reshape(2x2)\n"
                + "           (2): nn.Max\n"
                + "         }\n"
                + "     ... -> output\n"
                + "}";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 5);
    }

    @Test
    void concatenatesAlongTheGivenDimension() {
        Affine a = new Affine(3, Affine.Fault.NONE);
        Affine b = new Affine(3, Affine.Fault.NONE);
        Tensor x = uniform(2, 3);
        Tensor ya = a.forward(x).clone();
        Tensor yb = b.forward(x).clone();
        Concat rows = new Concat(0).add(a).add(b);
        Tensor y = rows.forward(x);
        assertArrayEquals(new int[] {4, 3}, y.sizes());
        double[] expected = new double[12];
        System.arraycopy(ya.toArray(), 0, expected, 0, 6);
        System.arraycopy(yb.toArray(), 0, expected, 6, 6);
        assertArrayEquals(expected, y.toArray());
        Concat cols = new Concat(1).add(a).add(b);
        Tensor yc = cols.forward(x);
        assertArrayEquals(new int[] {2, 6}, yc.sizes());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(ya.get(i, j), yc.get(i, j));
                assertEquals(yb.get(i, j), yc.get(i, 3 + j));
            }
        }
        GradientChecker.check(new Concat(0).add(new Affine(3, Affine.Fault.NONE)).add(new Affine(3, Affine.Fault.NONE)),
                x).assertPassed(1e-6);
    }

    @Test
    void gradInputIsTheSumOverTheNarrowedPieces() {
        Affine a = new Affine(2, Affine.Fault.NONE);
        Affine b = new Affine(2, Affine.Fault.NONE);
        Concat c = new Concat(1).add(a).add(b);
        Tensor x = uniform(3, 2);
        c.forward(x);
        Tensor g = uniform(3, 4);
        Tensor gi = c.backward(x, g).clone();
        Tensor ga = Tensor.zeros(3, 2);
        Tensor gb = Tensor.zeros(3, 2);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                ga.put(g.get(i, j), i, j);
                gb.put(g.get(i, 2 + j), i, j);
            }
        }
        Tensor expected = a.updateGradInput(x, ga).clone().add(b.updateGradInput(x, gb));
        assertTrue(gi.maxAbsDiff(expected) < 1e-15);
    }

    @Test
    void childrenMustAgreeOnTheOtherDimensions() {
        Concat c = new Concat(0).add(new Affine(2, Affine.Fault.NONE)).add(new Max(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.forward(uniform(3, 2)));
        assertTrue(e.getMessage().startsWith("nn.Concat along dimension 0: child 1 gives [3], child 0 gives [3, 2]"),
                e.getMessage());
    }
}
