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

class FlattenTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new FlattenTable();
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(2), Table.of(uniform(3), Table.of(uniform(4))), uniform(1));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 2), Table.of(uniform(batchSize, 3), Table.of(uniform(batchSize, 4))));
    }

    @Override
    protected String expectedToString() {
        return "nn.FlattenTable";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    @Test
    void flattensDepthFirstAndRebuildsTheNesting() {
        Tensor a = uniform(2);
        Tensor b = uniform(3);
        Tensor c = uniform(4);
        Tensor d = uniform(1);
        Table x = Table.of(a, Table.of(b, Table.of(c)), d);
        FlattenTable m = new FlattenTable();
        Table y = m.forward(x);
        assertEquals(4, y.size());
        assertSame(a, y.get(0));
        assertSame(b, y.get(1));
        assertSame(c, y.get(2));
        assertSame(d, y.get(3));
        Table g = Table.of(uniform(2), uniform(3), uniform(4), uniform(1));
        Table gi = m.backward(x, g);
        assertEquals("{[2], {[3], {[4]}}, [1]}", gi.shapeString());
        assertSame(g.get(2), gi.table(1).table(1).get(0));
        assertSame(g.get(3), gi.get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.backward(x, Table.of(uniform(2))));
        assertTrue(e.getMessage().startsWith("nn.FlattenTable: gradOutput"), e.getMessage());
    }
}
