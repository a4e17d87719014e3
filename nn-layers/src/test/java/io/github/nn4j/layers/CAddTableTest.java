package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class CAddTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new CAddTable();
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(4), uniform(4), uniform(4));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 4), uniform(batchSize, 4), uniform(batchSize, 4));
    }

    @Override
    protected String expectedToString() {
        return "nn.CAddTable";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3, 4), uniform(3, 5));
    }

    @Test
    void sumsAndDistributesTheGradient() {
        Tensor a = uniform(2, 3);
        Tensor b = uniform(2, 3);
        CAddTable m = new CAddTable();
        Tensor y = m.forward(Table.of(a, b));
        double[] expected = a.toArray();
        for (int i = 0; i < expected.length; i++) {
            expected[i] += b.data()[i];
        }
        assertArrayEquals(expected, y.toArray());
        Tensor g = uniform(2, 3);
        Table gi = m.backward(Table.of(a, b), g);
        assertEquals(2, gi.size());
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(g.toArray(), gi.tensor(k).toArray());
            assertTrue(!gi.tensor(k).sharesStorageWith(g), "own buffers when not in place");
        }
    }

    @Test
    void gradInputIsTrimmedWhenFewerInputsArrive() {
        CAddTable m = new CAddTable();
        Table three = Table.of(uniform(4), uniform(4), uniform(4));
        m.forward(three);
        Table gi = m.backward(three, uniform(4));
        Tensor first = gi.tensor(0);
        assertEquals(3, gi.size());
        Table two = Table.of(uniform(4), uniform(4));
        m.forward(two);
        Table gi2 = m.backward(two, uniform(4));
        assertSame(gi, gi2, "the same table");
        assertEquals(2, gi2.size());
        assertSame(first, gi2.tensor(0), "the tensors are reused");
    }

    @Test
    void inPlaceOverwritesTheFirstInputAndSharesGradOutput() {
        Tensor a = uniform(3);
        Tensor b = uniform(3);
        double[] sum = a.toArray();
        for (int i = 0; i < 3; i++) {
            sum[i] += b.data()[i];
        }
        CAddTable m = new CAddTable(true);
        Tensor y = m.forward(Table.of(a, b));
        assertTrue(y.sharesStorageWith(a));
        assertArrayEquals(sum, a.toArray(), "x0 holds the sum");
        Tensor g = uniform(3);
        Table gi = m.backward(Table.of(a, b), g);
        assertTrue(gi.tensor(0).sharesStorageWith(g) && gi.tensor(1).sharesStorageWith(g));
    }
}
