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

class MMTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new MM();
    }

    @Override
    protected Data sampleInput() {
        return Table.of(uniform(2, 3), uniform(3, 4));
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 2, 3), uniform(batchSize, 3, 4));
    }

    @Override
    protected String expectedToString() {
        return "nn.MM";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(2, 3), uniform(4, 3));
    }

    /** Both transposed. */
    @Nested
    class TransAB extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new MM(true, true);
        }

        @Override
        protected Data sampleInput() {
            return Table.of(uniform(3, 2), uniform(4, 3));
        }

        @Override
        protected Data batchInput(int batchSize) {
            return Table.of(uniform(batchSize, 3, 2), uniform(batchSize, 4, 3));
        }

        @Override
        protected String expectedToString() {
            return "nn.MM";
        }

        @Override
        protected Data wrongInput() {
            return Table.of(uniform(2, 3, 2), uniform(3, 4, 3));
        }
    }

    /** Only A transposed. */
    @Nested
    class TransA extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new MM(true, false);
        }

        @Override
        protected Data sampleInput() {
            return Table.of(uniform(3, 2), uniform(3, 4));
        }

        @Override
        protected Data batchInput(int batchSize) {
            return Table.of(uniform(batchSize, 3, 2), uniform(batchSize, 3, 4));
        }

        @Override
        protected String expectedToString() {
            return "nn.MM";
        }

        @Override
        protected Data wrongInput() {
            return Table.of(uniform(2, 3), uniform(3, 4));
        }
    }

    /** Only B transposed. */
    @Nested
    class TransB extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new MM(false, true);
        }

        @Override
        protected Data sampleInput() {
            return Table.of(uniform(2, 3), uniform(4, 3));
        }

        @Override
        protected Data batchInput(int batchSize) {
            return Table.of(uniform(batchSize, 2, 3), uniform(batchSize, 4, 3));
        }

        @Override
        protected String expectedToString() {
            return "nn.MM";
        }

        @Override
        protected Data wrongInput() {
            return Table.of(uniform(2, 3), uniform(3, 4));
        }
    }

    @Test
    void eachSampleOfABatchIsItsOwnProduct() {
        MM m = new MM(false, true);
        Tensor a = Tensor.uniform(-1, 1, 3, 2, 4);
        Tensor b = Tensor.uniform(-1, 1, 3, 5, 4);
        Tensor c = m.forward(Table.of(a, b));
        for (int n = 0; n < 3; n++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 5; j++) {
                    double s = 0;
                    for (int k = 0; k < 4; k++) {
                        s += a.get(n, i, k) * b.get(n, j, k);
                    }
                    assertEquals(s, c.get(n, i, j), 1e-14);
                }
            }
        }
    }

    @Test
    void wrongInputsAreRefusedNamingBothShapes() {
        MM m = new MM();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Table.of(Tensor.zeros(2, 3), Tensor.zeros(4, 3))));
        assertEquals("nn.MM: expected input of size {[m, k], [k, n]} or {[N, m, k], [N, k, n]} (after the"
                + " transpositions A, B), got {[2, 3], [4, 3]}", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Table.of(Tensor.zeros(2, 2, 3), Tensor.zeros(3, 3, 3))));
        assertThrows(IllegalArgumentException.class, () -> m.forward(Table.of(Tensor.zeros(2, 3))));
        assertThrows(IllegalArgumentException.class, () -> m.forward(Table.of(Tensor.zeros(2, 2, 3), Tensor.zeros(3, 3))));
        Table in = Table.of(Tensor.zeros(2, 3), Tensor.zeros(3, 4));
        m.forward(in);
        assertThrows(IllegalArgumentException.class, () -> m.backward(in, Tensor.zeros(2, 3)));
    }
}
