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

class EuclideanTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Euclidean(4, 3);
    }

    @Override
    protected Data sampleInput() {
        return uniform(4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Euclidean";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 5);
    }

    @Test
    void outputIsTheDistanceToEachColumnAndResetDrawsAsTorch() {
        TorchRandom.manualSeed(5);
        Euclidean m = new Euclidean(4, 3);
        TorchRandom fresh = new TorchRandom(5);
        double bound = 1 / Math.sqrt(4);
        for (int i = 0; i < 12; i++) {
            assertEquals(fresh.uniform(-bound, bound), m.weight().data()[i], 0.0);
        }
        Tensor x = uniform(4);
        Tensor y = m.forward(x);
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int i = 0; i < 4; i++) {
                s += Math.pow(x.get(i) - m.weight().get(i, j), 2);
            }
            assertEquals(Math.sqrt(s), y.get(j), 1e-15);
        }
        assertThrows(IllegalArgumentException.class, () -> new Euclidean(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new Euclidean(3, -1));
    }
}
