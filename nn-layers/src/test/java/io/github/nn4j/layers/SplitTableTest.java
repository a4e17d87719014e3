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

class SplitTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SplitTable(0, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(3, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 3, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.SplitTable";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4);
    }

    /** A negative dimension counts from the end. */
    @Nested
    class Negative extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new SplitTable(-1);
        }

        @Override
        protected Data sampleInput() {
            return uniform(3, 4);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 3, 4);
        }

        @Override
        protected String expectedToString() {
            return "nn.SplitTable";
        }

        @Override
        protected Data wrongInput() {
            return uniform(5);
        }
    }

    @Test
    void slicesAreTheRowsOfTheSplitDimension() {
        Tensor x = Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 3, 2);
        Table y = new SplitTable(1).forward(x);
        assertEquals(3, y.size());
        assertArrayEquals(new double[] {3, 4, 9, 10}, y.tensor(1).toArray());
        assertArrayEquals(new int[] {2, 2}, y.tensor(1).sizes());
        Table z = new SplitTable(-1).forward(x);
        assertEquals(2, z.size());
        assertArrayEquals(new double[] {2, 4, 6, 8, 10, 12}, z.tensor(1).toArray());
        SplitTable s = new SplitTable(1);
        s.forward(x);
        Tensor gi = s.backward(x, Table.of(Tensor.filled(1, 2, 2), Tensor.filled(2, 2, 2), Tensor.filled(3, 2, 2)));
        assertArrayEquals(new double[] {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}, gi.toArray());
    }

    @Test
    void errorsNameTheModuleAndTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SplitTable(3).forward(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().startsWith("nn.SplitTable: expected input of size") && e.getMessage().contains("[2, 3]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SplitTable(0, -1));
    }
}
