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

class CDivTableTest extends ModuleContractTest {

    private static Tensor divisor(int... size) {
        Tensor t = Tensor.uniform(0.5, 2, size);
        double[] a = t.data();
        for (int i = 0; i < t.numel(); i += 2) {
            a[i] = -a[i];
        }
        return t;
    }

    @Override
    protected Module<?, ?> createModule() {
        return new CDivTable();
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(4), divisor(4));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 4), divisor(batchSize, 4));
    }

    @Override
    protected String expectedToString() {
        return "nn.CDivTable";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3, 4), uniform(3));
    }

    @Test
    void quotientAndItsGradients() {
        CDivTable m = new CDivTable();
        Table x = Table.of(Tensor.of(6, 1), Tensor.of(2, -4));
        assertArrayEquals(new double[] {3, -0.25}, m.forward(x).toArray());
        Table gi = m.backward(x, Tensor.of(1, 2));
        assertArrayEquals(new double[] {0.5, -0.5}, gi.tensor(0).toArray());
        assertArrayEquals(new double[] {-1.5, -0.125}, gi.tensor(1).toArray());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Table.of(Tensor.of(1), Tensor.of(1), Tensor.of(1))));
    }
}
