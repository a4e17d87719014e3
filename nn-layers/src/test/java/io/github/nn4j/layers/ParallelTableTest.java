package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.Affine;
import io.github.nn4j.testing.ModuleContractTest;

class ParallelTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new ParallelTable().add(new Affine(4, Affine.Fault.NONE)).add(new Max(0, 1));
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(4), uniform(5));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 4), uniform(batchSize, 5));
    }

    @Override
    protected String expectedToString() {
        return "nn.ParallelTable {\n"
                + "  input\n"
                + "    |`-> (1): nn.Affine(4)\n"
                + "     `-> (2): nn.Max\n"
                + "     ... -> output\n"
                + "}";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3, 4));
    }

    @Test
    void entriesAreTheChildrensBuffersAndExtraInputsAreIgnored() {
        Affine a = new Affine(2, Affine.Fault.NONE);
        Max m = new Max();
        ParallelTable p = new ParallelTable().add(a).add(m);
        Table x = Table.of(uniform(2), uniform(3), uniform(7));
        Table y = p.forward(x);
        assertEquals(2, y.size());
        assertSame(a.output(), y.get(0));
        assertSame(m.output(), y.get(1));
        Table gi = p.backward(x, Table.of(uniform(2), uniform(1)));
        assertEquals(2, gi.size());
        assertSame(a.gradInput(), gi.get(0));
        assertSame(m.gradInput(), gi.get(1));
    }

    @Test
    void childErrorsNameTheChild() {
        ParallelTable p = new ParallelTable().add(new Affine(2, Affine.Fault.NONE)).add(new Affine(2, Affine.Fault.NONE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.forward(Table.of(uniform(2), uniform(3))));
        assertEquals("In 2 module of nn.ParallelTable (get(1)):\n"
                + "nn.Affine(2): expected input of size [N, 2] or [2], got [3]", e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> p.forward(Table.of(uniform(2), Table.of(uniform(2)))));
        assertEquals(true, t.getMessage().contains("cannot take a table {[2]}"), t.getMessage());
    }

    @Test
    void tensorEntriesMayBeTables() {
        ParallelTable p = new ParallelTable().add(new CAddTable()).add(new Max());
        Table x = Table.of(Table.of(Tensor.of(1, 2), Tensor.of(3, 4)), Tensor.of(5, 9, 1));
        Table y = p.forward(x);
        assertEquals("[4.0, 6.0]", java.util.Arrays.toString(y.tensor(0).toArray()));
        assertEquals(9.0, y.tensor(1).get(0));
    }
}
