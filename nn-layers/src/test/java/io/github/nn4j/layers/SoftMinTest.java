package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class SoftMinTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SoftMin();
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.SoftMin";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 2, 2, 2, 2);
    }

    @Test
    void isTheSoftMaxOfTheNegatedInput() {
        Tensor x = Tensor.uniform(-2, 2, 3, 5);
        Tensor g = Tensor.uniform(-1, 1, 3, 5);
        SoftMin m = new SoftMin();
        Tensor y = m.forward(x);
        SoftMax s = new SoftMax();
        Tensor negated = x.clone().mul(-1);
        assertEquals(0.0, y.maxAbsDiff(s.forward(negated)));
        assertEquals(0.0, m.backward(x, g).maxAbsDiff(s.backward(negated, g).clone().mul(-1)));
        for (int r = 0; r < 3; r++) {
            double sum = 0;
            for (int c = 0; c < 5; c++) {
                sum += y.get(r, c);
            }
            assertEquals(1.0, sum, 1e-15);
        }
    }
}
