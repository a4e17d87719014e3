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

class CosineDistanceTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new CosineDistance();
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
        return "nn.CosineDistance";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(5), uniform(4));
    }

    @Test
    void parallelVectorsGiveOneAndASampleGivesOneElement() {
        CosineDistance m = new CosineDistance();
        Tensor y = m.forward(Table.of(Tensor.of(1, 2, 2), Tensor.of(2, 4, 4)));
        assertArrayEquals(new int[] {1}, y.sizes());
        assertEquals(1.0, y.get(0), 1e-12);
        assertEquals(-1.0, m.forward(Table.of(Tensor.of(3, 0), Tensor.of(-1, 0))).get(0), 1e-12);
    }
}
