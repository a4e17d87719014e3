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

class MixtureTableTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new MixtureTable();
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(3), Table.of(uniform(4), uniform(4), uniform(4)));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 3), Table.of(uniform(batchSize, 4), uniform(batchSize, 4), uniform(batchSize, 4)));
    }

    @Override
    protected String expectedToString() {
        return "nn.MixtureTable";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(2, 3), Table.of(uniform(2, 4), uniform(2, 4)));
    }

    /** The experts as one tensor, along the default dimension. */
    @Nested
    class TensorOfExperts extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new MixtureTable();
        }

        @Override
        protected Data sampleInput() {
            return Table.of(uniform(3), uniform(3, 4));
        }

        @Override
        protected Data batchInput(int batchSize) {
            return Table.of(uniform(batchSize, 3), uniform(batchSize, 3, 2, 2));
        }

        @Override
        protected String expectedToString() {
            return "nn.MixtureTable";
        }

        @Override
        protected Data wrongInput() {
            return Table.of(uniform(2, 3), uniform(2, 4, 5));
        }
    }

    /** The experts along an explicit dimension. */
    @Nested
    class ExplicitDimension extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new MixtureTable(2);
        }

        @Override
        protected Data sampleInput() {
            return null;
        }

        @Override
        protected Data batchInput(int batchSize) {
            return Table.of(uniform(batchSize, 3), uniform(batchSize, 2, 3));
        }

        @Override
        protected String expectedToString() {
            return "nn.MixtureTable";
        }

        @Override
        protected Data wrongInput() {
            return Table.of(uniform(2, 3), uniform(2, 3, 2));
        }
    }

    @Test
    void outputIsTheGatedSumOfTheExperts() {
        Tensor g = Tensor.of(new double[][] {{0.5, 2}});
        Tensor e0 = Tensor.of(new double[][] {{1, 2}});
        Tensor e1 = Tensor.of(new double[][] {{10, 20}});
        MixtureTable m = new MixtureTable();
        assertArrayEquals(new double[] {20.5, 41}, m.forward(Table.of(g, Table.of(e0, e1))).toArray());
        Tensor both = Tensor.fromArray(new double[] {1, 2, 10, 20}, 1, 2, 2);
        assertArrayEquals(new double[] {20.5, 41}, m.forward(Table.of(g, both)).toArray());
        Table gi = m.backward(Table.of(g, both), Tensor.of(new double[][] {{1, 3}}));
        assertArrayEquals(new double[] {7, 70}, gi.tensor(0).toArray());
        assertArrayEquals(new double[] {0.5, 1.5, 2, 6}, gi.tensor(1).toArray());
        assertThrows(IllegalArgumentException.class, () -> new MixtureTable(-1));
    }
}
