package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.ModuleContractTest;

class DotProductTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new DotProduct();
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(5), uniform(5));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 5), uniform(batchSize, 5));
    }

    @Override
    protected String expectedToString() {
        return "nn.DotProduct";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(2, 5), uniform(2, 4));
    }

    @Test
    void rowByRowDotProducts() {
        DotProduct m = new DotProduct();
        Table x = Table.of(Tensor.of(new double[][] {{1, 2}, {3, 4}}), Tensor.of(new double[][] {{5, 6}, {7, 8}}));
        assertArrayEquals(new double[] {17, 53}, m.forward(x).toArray());
        Table gi = m.backward(x, Tensor.of(1, 2));
        assertArrayEquals(new double[] {5, 6, 14, 16}, gi.tensor(0).toArray());
        assertArrayEquals(new double[] {1, 2, 6, 8}, gi.tensor(1).toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.backward(x, Tensor.of(1)));
        assertTrue(e.getMessage().startsWith("nn.DotProduct: gradOutput of size [1]"), e.getMessage());
    }
}
