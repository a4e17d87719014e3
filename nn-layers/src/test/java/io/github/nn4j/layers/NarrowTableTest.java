package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class NarrowTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new NarrowTable(1, 2);
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(4), uniform(3), Table.of(uniform(2), uniform(1)), uniform(5));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 4), uniform(batchSize, 3), uniform(batchSize, 2), uniform(batchSize, 5));
    }

    @Override
    protected String expectedToString() {
        return "nn.NarrowTable";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(2), uniform(2));
    }

    @Test
    void windowEntriesAreReferencesAndTheRestGetsZeros() {
        Tensor a = uniform(2);
        Tensor b = uniform(3);
        Table c = Table.of(uniform(2), uniform(1));
        NarrowTable m = new NarrowTable(1);
        Table x = Table.of(a, b, c);
        Table y = m.forward(x);
        assertEquals(1, y.size());
        assertSame(b, y.get(0));
        Tensor g = uniform(3);
        Table gi = m.backward(x, Table.of(g));
        assertEquals(3, gi.size());
        assertSame(g, gi.get(1));
        assertArrayEquals(new double[] {0, 0}, gi.tensor(0).toArray());
        assertArrayEquals(new double[] {0, 0}, gi.table(2).tensor(0).toArray());
        assertArrayEquals(new double[] {0}, gi.table(2).tensor(1).toArray());
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NarrowTable(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new NarrowTable(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NarrowTable(2, 2).forward(Table.of(uniform(2), uniform(2), uniform(2))));
        assertEquals("nn.NarrowTable: expected input of size a table of at least 4 entries, got {[2], [2], [2]}",
                e.getMessage());
    }
}
