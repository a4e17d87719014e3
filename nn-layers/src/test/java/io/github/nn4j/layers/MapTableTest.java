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

class MapTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new MapTable(new Linear(4, 3));
    }

    // one entry: with clones, parameters() lists the shared tensors once per clone, which the
    // gradient checker (it pre-fills each listed gradient) cannot tell apart; the clones are
    // checked against one Linear below
    @Override
    protected Data sampleInput() {
        return Table.of(uniform(4));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 4));
    }

    @Override
    protected String expectedToString() {
        return "nn.MapTable {\n  nn.Linear(4 -> 3)\n}";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(5));
    }

    @Test
    void clonesShareTheParametersAndTheirGradients() {
        Linear l = new Linear(4, 3);
        MapTable m = new MapTable(l);
        Table x = Table.of(uniform(2, 4), uniform(2, 4), uniform(2, 4));
        Table y = m.forward(x);
        assertEquals(3, m.size());
        for (int i = 1; i < 3; i++) {
            Linear c = (Linear) m.get(i);
            assertTrue(c.weight().sharesStorageWith(l.weight()) && c.bias().sharesStorageWith(l.bias()));
            assertSame(c.output(), y.get(i));
        }
        assertEquals(6, m.parameters().size());
        m.zeroGradParameters();
        Table g = Table.of(uniform(2, 3), uniform(2, 3), uniform(2, 3));
        m.backward(x, g);
        // the shared gradient is the sum over the entries, as one Linear on the three batches
        Linear ref = new Linear(4, 3);
        ref.weight().copy(l.weight());
        ref.bias().copy(l.bias());
        for (int i = 0; i < 3; i++) {
            ref.forward(x.tensor(i));
            ref.backward(x.tensor(i), g.tensor(i));
        }
        assertTrue(ref.parameters().get(0).grad().maxAbsDiff(l.parameters().get(0).grad()) < 1e-14);
        // updateParameters steps the shared weight once
        Tensor before = l.weight().clone();
        m.updateParameters(0.1);
        assertTrue(l.weight().maxAbsDiff(before.add(-0.1, l.parameters().get(0).grad())) < 1e-15);
        m.clearState();
        assertEquals(1, m.size());
        assertEquals("nn.MapTable {\n  nn.Sequential {\n          [input -> (1) -> output]\n"
                + "          (1): nn.Tanh\n        }\n}", new MapTable(new Sequential<>().add(new Tanh())).toString());
        assertThrows(IllegalStateException.class, () -> m.add(new Tanh()));
    }
}
