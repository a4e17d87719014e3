package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class CSubTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new CSubTable();
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(4), uniform(4));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 4), uniform(batchSize, 4));
    }

    @Override
    protected String expectedToString() {
        return "nn.CSubTable";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3, 4), uniform(4, 3));
    }

    @Test
    void differenceAndOppositeGradients() {
        CSubTable m = new CSubTable();
        Table x = Table.of(Tensor.of(5, 1), Tensor.of(2, 3));
        assertArrayEquals(new double[] {3, -2}, m.forward(x).toArray());
        Table gi = m.backward(x, Tensor.of(0.5, -1));
        assertArrayEquals(new double[] {0.5, -1}, gi.tensor(0).toArray());
        assertArrayEquals(new double[] {-0.5, 1}, gi.tensor(1).toArray());
    }

    @Test
    void exactlyTwoInputs() {
        assertThrows(IllegalArgumentException.class, () -> new CSubTable().forward(Table.of(uniform(2))));
        assertThrows(IllegalArgumentException.class,
                () -> new CSubTable().forward(Table.of(uniform(2), uniform(2), uniform(2))));
    }
}
