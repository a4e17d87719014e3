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

class BilinearTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Bilinear(4, 3, 2);
    }

    @Override
    protected Data sampleInput() {
        return null;
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Table.of(uniform(batchSize, 4), uniform(batchSize, 3));
    }

    @Override
    protected String expectedToString() {
        return "nn.Bilinear(4x3 -> 2) ";
    }

    @Override
    protected Data wrongInput() {
        return Table.of(uniform(2, 4), uniform(2, 4));
    }

    /** Without bias. */
    @Nested
    class WithoutBias extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Bilinear(2, 5, 3, false);
        }

        @Override
        protected Data sampleInput() {
            return null;
        }

        @Override
        protected Data batchInput(int batchSize) {
            return Table.of(uniform(batchSize, 2), uniform(batchSize, 5));
        }

        @Override
        protected String expectedToString() {
            return "nn.Bilinear(2x5 -> 3)  without bias";
        }

        @Override
        protected Data wrongInput() {
            return Table.of(uniform(2), uniform(5));
        }
    }

    @Test
    void outputIsTheBilinearForm() {
        Bilinear m = new Bilinear(3, 2, 4);
        Tensor x1 = Tensor.uniform(-1, 1, 5, 3);
        Tensor x2 = Tensor.uniform(-1, 1, 5, 2);
        Tensor y = m.forward(Table.of(x1, x2));
        for (int b = 0; b < 5; b++) {
            for (int k = 0; k < 4; k++) {
                double s = m.bias().get(k);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 2; j++) {
                        s += x1.get(b, i) * m.weight().get(k, i, j) * x2.get(b, j);
                    }
                }
                assertEquals(s, y.get(b, k), 1e-14);
            }
        }
    }

    @Test
    void wrongInputsAndArgumentsAreRefused() {
        Bilinear m = new Bilinear(6, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Table.of(Tensor.zeros(2, 6), Tensor.zeros(3, 2))));
        assertEquals("nn.Bilinear(6x2 -> 3) : expected input of size {[B, 6], [B, 2]}, got {[2, 6], [3, 2]}",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Table.of(Tensor.zeros(6), Tensor.zeros(2))));
        e = assertThrows(IllegalArgumentException.class, () -> new Bilinear(6, 0, 3));
        assertEquals("nn.Bilinear(6x0 -> 3): inputSize1 and inputSize2 and outputSize should be positive numbers",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.reset(0));
        Table in = Table.of(Tensor.zeros(2, 6), Tensor.zeros(2, 2));
        m.forward(in);
        assertThrows(IllegalArgumentException.class, () -> m.backward(in, Tensor.zeros(2, 2)));
    }
}
