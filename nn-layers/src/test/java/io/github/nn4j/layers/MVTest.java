package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class MVTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new MV();
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(3, 4), uniform(4));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 3, 4), uniform(batchSize, 4));
    }

    @Override
    protected String expectedToString() {
        return "nn.MV";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(3, 4), uniform(3));
    }

    /** The matrix transposed. */
    @Nested
    class Transposed extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new MV(true);
        }

        @Override
        protected Data sampleInput() {
            return Table.of(uniform(3, 4), uniform(3));
        }

        @Override
        protected Data batchInput(int batchSize) {
            return Table.of(uniform(batchSize, 3, 4), uniform(batchSize, 3));
        }

        @Override
        protected String expectedToString() {
            return "nn.MV";
        }

        @Override
        protected Data wrongInput() {
            return Table.of(uniform(2, 3, 4), uniform(2, 4));
        }
    }

    @Test
    void eachSampleOfABatchIsItsOwnProduct() {
        MV m = new MV(true);
        Tensor a = Tensor.uniform(-1, 1, 3, 4, 2);
        Tensor v = Tensor.uniform(-1, 1, 3, 4);
        Tensor y = m.forward(Table.of(a, v));
        for (int n = 0; n < 3; n++) {
            for (int j = 0; j < 2; j++) {
                double s = 0;
                for (int i = 0; i < 4; i++) {
                    s += a.get(n, i, j) * v.get(n, i);
                }
                assertEquals(s, y.get(n, j), 1e-14);
            }
        }
    }

    @Test
    void wrongInputsAreRefusedNamingBothShapes() {
        MV m = new MV();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Table.of(Tensor.zeros(2, 3), Tensor.zeros(2))));
        assertEquals("nn.MV: expected input of size {[m, n], [n]} or {[N, m, n], [N, n]}, got {[2, 3], [2]}",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Table.of(Tensor.zeros(2, 2, 3), Tensor.zeros(3))));
        assertThrows(IllegalArgumentException.class, () -> m.forward(Table.of(Tensor.zeros(2, 2, 3), Tensor.zeros(3, 3))));
        Table in = Table.of(Tensor.zeros(2, 3), Tensor.zeros(3));
        m.forward(in);
        assertThrows(IllegalArgumentException.class, () -> m.backward(in, Tensor.zeros(3)));
    }
}
