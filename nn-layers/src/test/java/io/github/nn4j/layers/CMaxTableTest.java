package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

class CMaxTableTest extends WinnerTableContract {

    @Override
    Module<Table, Tensor> newModule() {
        return new CMaxTable();
    }

    @Override
    protected String expectedToString() {
        return "nn.CMaxTable";
    }

    @Test
    void tiesGoToTheEarliestInputWhichAloneGetsTheGradient() {
        Table x = Table.of(Tensor.of(1, 5, 2, 0), Tensor.of(3, 5, 2, 4), Tensor.of(3, 1, 9, 4));
        CMaxTable m = new CMaxTable();
        assertArrayEquals(new double[] {3, 5, 9, 4}, m.forward(x).toArray());
        Table gi = m.backward(x, Tensor.of(10, 20, 30, 40));
        assertArrayEquals(new double[] {0, 20, 0, 0}, gi.tensor(0).toArray());
        assertArrayEquals(new double[] {10, 0, 0, 40}, gi.tensor(1).toArray());
        assertArrayEquals(new double[] {0, 0, 30, 0}, gi.tensor(2).toArray());
    }
}
