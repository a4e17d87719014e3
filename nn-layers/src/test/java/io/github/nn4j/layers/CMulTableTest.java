package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

class CMulTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new CMulTable();
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
        return "nn.CMulTable";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3, 4), uniform(4, 3));
    }

    @Test
    void zerosAreSafeBecauseNothingIsDivided() {
        Table x = Table.of(Tensor.of(0, 2), Tensor.of(3, 0), Tensor.of(5, 7));
        CMulTable m = new CMulTable();
        assertArrayEquals(new double[] {0, 0}, m.forward(x).toArray());
        Table gi = m.backward(x, Tensor.of(1, 1));
        assertArrayEquals(new double[] {15, 0}, gi.tensor(0).toArray());
        assertArrayEquals(new double[] {0, 14}, gi.tensor(1).toArray());
        assertArrayEquals(new double[] {0, 0}, gi.tensor(2).toArray());
        GradientChecker.check(new CMulTable(), x).assertPassed(1e-6);
    }

    @Test
    void gradInputIsTrimmedWhenFewerInputsArrive() {
        CMulTable m = new CMulTable();
        Table three = Table.of(uniform(4), uniform(4), uniform(4));
        m.forward(three);
        assertEquals(3, m.backward(three, uniform(4)).size());
        Table two = Table.of(uniform(4), uniform(4));
        m.forward(two);
        Table gi = m.backward(two, Tensor.filled(1, 4));
        assertEquals(2, gi.size());
        assertArrayEquals(two.tensor(1).toArray(), gi.tensor(0).toArray());
    }
}
