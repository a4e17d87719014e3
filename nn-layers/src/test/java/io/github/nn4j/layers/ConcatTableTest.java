package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.Affine;
import io.github.nn4j.testing.ModuleContractTest;

class ConcatTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new ConcatTable<Tensor>()
                .add(new Affine(4, Affine.Fault.NONE))
                .add(new Sequential<Tensor, Tensor>().add(new Reshape(2, 2)).add(new Max()))
                .add(new Affine(4, Affine.Fault.NONE));
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
        return "nn.ConcatTable {\n"
                + "  input\n"
                + "    |`-> (1): nn.Affine(4)\n"
                + "    |`-> (2): nn.Sequential {\n"
                + "    |      [input -> (1) -> (2) -> output]\n"
                + "    |      (1): nn.Reshape(2x2)\n"
                + "    |      (2): nn.Max\n"
                + "    |    }\n"
                + "     `-> (3): nn.Affine(4)\n"
                + "     ... -> output\n"
                + "}";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 5);
    }

    @Test
    void outputEntriesAreTheChildrensOutputsAndGradInputTheirSum() {
        Affine a = new Affine(3, Affine.Fault.NONE);
        Affine b = new Affine(3, Affine.Fault.NONE);
        ConcatTable<Tensor> c = new ConcatTable<Tensor>().add(a).add(b);
        Tensor x = uniform(2, 3);
        Table y = c.forward(x);
        assertSame(a.output(), y.get(0));
        assertSame(b.output(), y.get(1));
        Table g = Table.of(uniform(2, 3), uniform(2, 3));
        Tensor gi = c.backward(x, g);
        Tensor expected = a.updateGradInput(x, g.tensor(0)).clone().add(b.updateGradInput(x, g.tensor(1)));
        assertTrue(gi.maxAbsDiff(expected) < 1e-15);
        assertSame(gi, c.backward(x, g), "the gradInput buffer is reused");
    }

    @Test
    void tableInputsSumGradientsRecursively() {
        ConcatTable<Table> c = new ConcatTable<Table>()
                .add(new SelectTable(1)).add(new SelectTable(1))
                .add(new Sequential<Table, Tensor>().add(new SelectTable(0)));
        Table x = Table.of(uniform(2), Table.of(uniform(3), uniform(1)));
        c.forward(x);
        Table g = Table.of(Table.of(Tensor.of(1, 2, 3), Tensor.of(4)), Table.of(Tensor.of(10, 20, 30), Tensor.of(40)),
                Tensor.of(7, 8));
        Table gi = c.backward(x, g);
        assertEquals("{[2], {[3], [1]}}", gi.shapeString());
        assertArrayEquals(new double[] {7, 8}, gi.tensor(0).toArray());
        assertArrayEquals(new double[] {11, 22, 33}, gi.table(1).tensor(0).toArray());
        assertArrayEquals(new double[] {44}, gi.table(1).tensor(1).toArray());
        GradientChecker.check(c, x).assertPassed(1e-6);
    }

    @Test
    void tableGradInputShrinksWithTheInput() {
        ConcatTable<Table> c = new ConcatTable<Table>().add(new CAddTable()).add(new CMulTable());
        Table three = Table.of(uniform(2), uniform(2), uniform(2));
        c.forward(three);
        Table gi = c.backward(three, Table.of(uniform(2), uniform(2)));
        assertEquals(3, gi.size());
        Tensor first = gi.tensor(0);
        Table two = Table.of(uniform(2), uniform(2));
        c.forward(two);
        Table gi2 = c.backward(two, Table.of(Tensor.of(1, 1), Tensor.of(1, 1)));
        assertSame(gi, gi2);
        assertSame(first, gi2.tensor(0));
        assertEquals(2, gi2.size());
        // d(x0 + x1)/dx0 + d(x0 * x1)/dx0 = 1 + x1
        assertArrayEquals(new double[] {1 + two.tensor(1).get(0), 1 + two.tensor(1).get(1)}, gi2.tensor(0).toArray());
    }

    @Test
    void childErrorsNameTheChild() {
        ConcatTable<Tensor> c = new ConcatTable<Tensor>().add(new Affine(3, Affine.Fault.NONE))
                .add(new Affine(4, Affine.Fault.NONE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.forward(uniform(3)));
        assertEquals("In 2 module of nn.ConcatTable (get(1)):\n"
                + "nn.Affine(4): expected input of size [N, 4] or [4], got [3]", e.getMessage());
    }
}
