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

class JoinTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new JoinTable(0, 1);
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(2), uniform(3));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 2), uniform(batchSize, 3));
    }

    @Override
    protected String expectedToString() {
        return "nn.JoinTable";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3, 2), uniform(4, 3));
    }

    @Test
    void joinsTheMiddleDimensionLikeABruteForceCopy() {
        Tensor a = uniform(2, 1, 3);
        Tensor b = uniform(2, 2, 3);
        for (JoinTable m : new JoinTable[] {new JoinTable(1), new JoinTable(-2), new JoinTable(0, 2)}) {
            Tensor y = m.forward(Table.of(a, b));
            assertArrayEquals(new int[] {2, 3, 3}, y.sizes());
            for (int i = 0; i < 2; i++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(a.get(i, 0, k), y.get(i, 0, k));
                    assertEquals(b.get(i, 0, k), y.get(i, 1, k));
                    assertEquals(b.get(i, 1, k), y.get(i, 2, k));
                }
            }
        }
        GradientChecker.check(new JoinTable(1), Table.of(a, b)).assertPassed(1e-6);
        GradientChecker.check(new JoinTable(-1), Table.of(uniform(2, 3, 1), uniform(2, 3, 2))).assertPassed(1e-6);
    }

    @Test
    void gradInputIsTrimmedWhenFewerInputsArrive() {
        JoinTable m = new JoinTable(0);
        Table three = Table.of(uniform(1), uniform(2), uniform(3));
        m.forward(three);
        assertEquals(3, m.backward(three, uniform(6)).size());
        Table two = Table.of(uniform(1), uniform(2));
        m.forward(two);
        Table gi = m.backward(two, Tensor.of(1, 2, 3));
        assertEquals(2, gi.size());
        assertArrayEquals(new double[] {1}, gi.tensor(0).toArray());
        assertArrayEquals(new double[] {2, 3}, gi.tensor(1).toArray());
    }
}
