package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.ModuleContractTest;

class MulTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Mul();
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 5);
    }

    @Override
    protected String expectedToString() {
        return "nn.Mul";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    @Test
    void weightGradientIsTheDotProduct() {
        Mul m = new Mul();
        Tensor x = Tensor.of(1, 2, 3);
        Tensor g = Tensor.of(0.5, -1, 2);
        m.zeroGradParameters();
        m.forward(x);
        m.backward(x, g, 2.0);
        assertEquals(2.0 * (0.5 - 2 + 6), m.parameters().get(0).grad().get(0), 0.0);
    }

    @Test
    void initialisationDrawsOneUniformInMinusOneOne() {
        TorchRandom.manualSeed(11);
        Mul m = new Mul();
        assertEquals(new TorchRandom(11).uniform(-1, 1), m.weight().get(0), 0.0);
    }
}
