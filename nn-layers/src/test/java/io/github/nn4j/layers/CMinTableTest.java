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

class CMinTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new CMinTable();
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
        return "nn.CMinTable";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3, 4), uniform(3));
    }

    @Test
    void tiesGoToTheEarliestInputWhichAloneGetsTheGradient() {
        Table x = Table.of(Tensor.of(1, 5, 2, 0), Tensor.of(3, 5, 2, -4), Tensor.of(1, 1, 9, -4));
        CMinTable m = new CMinTable();
        assertArrayEquals(new double[] {1, 1, 2, -4}, m.forward(x).toArray());
        Table gi = m.backward(x, Tensor.of(10, 20, 30, 40));
        assertArrayEquals(new double[] {10, 0, 30, 0}, gi.tensor(0).toArray());
        assertArrayEquals(new double[] {0, 0, 0, 40}, gi.tensor(1).toArray());
        assertArrayEquals(new double[] {0, 20, 0, 0}, gi.tensor(2).toArray());
    }

    @Test
    void aLaterNaNNeverWinsAnEarlierNaNStays() {
        CMinTable m = new CMinTable();
        Table x = Table.of(Tensor.of(1, Double.NaN), Tensor.of(Double.NaN, 2));
        Tensor y = m.forward(x);
        assertEquals(1.0, y.get(0));
        assertTrue(Double.isNaN(y.get(1)));
    }

    @Test
    void gradInputIsTrimmedWhenFewerInputsArrive() {
        CMinTable m = new CMinTable();
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
