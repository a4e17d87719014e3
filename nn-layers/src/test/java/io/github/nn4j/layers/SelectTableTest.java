package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class SelectTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SelectTable(1);
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(3), uniform(2), Table.of(uniform(2), uniform(1)));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 3), uniform(batchSize, 2), uniform(batchSize, 4));
    }

    @Override
    protected String expectedToString() {
        return "nn.SelectTable(1)";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3));
    }

    @Test
    void outputIsTheSelectedObjectItself() {
        Tensor a = uniform(2);
        Tensor b = uniform(3);
        assertSame(b, new SelectTable(1).forward(Table.of(a, b)));
        assertSame(b, new SelectTable(-1).forward(Table.of(a, b)));
        assertSame(a, new SelectTable(-2).forward(Table.of(a, b)));
        Table nested = Table.of(uniform(1));
        assertSame(nested, new SelectTable(0).forward(Table.of(nested, a)));
    }

    @Test
    void gradInputIsZerosShapedLikeTheInputWithGInTheSelectedSlot() {
        Table inner = Table.of(uniform(2), uniform(1));
        Table x = Table.of(uniform(3), inner, uniform(2, 2));
        SelectTable m = new SelectTable(-1);
        m.forward(x);
        Tensor g = uniform(2, 2);
        Table gi = m.backward(x, g);
        assertEquals(x.shapeString(), gi.shapeString());
        assertArrayEquals(new double[3], gi.tensor(0).toArray());
        assertArrayEquals(new double[2], gi.table(1).tensor(0).toArray());
        assertArrayEquals(new double[1], gi.table(1).tensor(1).toArray());
        assertArrayEquals(g.toArray(), gi.tensor(2).toArray());

        // selecting a nested table: the gradOutput is a table copied into the slot
        SelectTable t = new SelectTable(1);
        assertSame(inner, t.forward(x));
        Table gt = Table.of(Tensor.of(4, 5), Tensor.of(6));
        Table gi2 = t.backward(x, gt);
        assertArrayEquals(new double[] {4, 5}, gi2.table(1).tensor(0).toArray());
        assertArrayEquals(new double[] {6}, gi2.table(1).tensor(1).toArray());
        assertArrayEquals(new double[4], gi2.tensor(2).toArray());
        GradientChecker.check(new SelectTable(1), x).assertPassed(1e-6);
    }

    @Test
    void gradInputFollowsAChangingInputStructure() {
        SelectTable m = new SelectTable(0);
        Table big = Table.of(uniform(2), uniform(3), uniform(4));
        m.forward(big);
        m.backward(big, uniform(2));
        Table small = Table.of(uniform(5), Table.of(uniform(1)));
        m.forward(small);
        Table gi = m.backward(small, Tensor.filled(1, 5));
        assertEquals("{[5], {[1]}}", gi.shapeString());
    }

    @Test
    void aMissingEntryIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SelectTable(-3).forward(Table.of(uniform(1), uniform(1))));
        assertEquals("nn.SelectTable(-3): expected input of size a table with an entry -3, got {[1], [1]}", e.getMessage());
    }
}
