package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

/**
 * What {@link CMinTableTest} and {@link CMaxTableTest} share: the contract inputs (tables of
 * three same-size tensors), NaN handling (a NaN never replaces a value, so the earliest input
 * keeps those elements and their gradient) and the trimming of the gradInput table.
 */
abstract class WinnerTableContract extends ModuleContractTest {

    /** A fresh module under test. */
    abstract Module<Table, Tensor> newModule();

    @Override
    protected Module<?, ?> createModule() {
        return newModule();
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
    protected Data wrongInput() {
        return Table.of(uniform(3, 4), uniform(3));
    }

    @Test
    void aLaterNaNNeverWinsAnEarlierNaNStays() {
        Module<Table, Tensor> m = newModule();
        Table x = Table.of(Tensor.of(1, Double.NaN), Tensor.of(Double.NaN, 2));
        Tensor y = m.forward(x);
        assertEquals(1.0, y.get(0));
        assertTrue(Double.isNaN(y.get(1)));
        Table gi = m.backward(x, Tensor.of(7, 8));
        assertArrayEquals(new double[] {7, 8}, gi.tensor(0).toArray());
    }

    @Test
    void gradInputIsTrimmedWhenFewerInputsArrive() {
        Module<Table, Tensor> m = newModule();
        Table three = Table.of(uniform(2), uniform(2), uniform(2));
        m.forward(three);
        assertEquals(3, m.backward(three, uniform(2)).size());
        Table one = Table.of(uniform(2));
        m.forward(one);
        Table gi = m.backward(one, Tensor.of(1, 2));
        assertEquals(1, gi.size());
        assertArrayEquals(new double[] {1, 2}, gi.tensor(0).toArray());
    }
}
