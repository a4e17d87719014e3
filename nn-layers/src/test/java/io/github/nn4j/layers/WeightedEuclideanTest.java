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

class WeightedEuclideanTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        WeightedEuclidean m = new WeightedEuclidean(4, 3);
        m.diagCov().copy(Tensor.uniform(0.5, 1.5, 4, 3));
        return m;
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
        return "nn.WeightedEuclidean";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4, 3);
    }

    @Test
    void outputScalesTheDifferencesAndResetSetsOnes() {
        WeightedEuclidean m = (WeightedEuclidean) createModule();
        Tensor x = uniform(4);
        Tensor y = m.forward(x);
        for (int j = 0; j < 3; j++) {
            double s = 0;
            for (int i = 0; i < 4; i++) {
                s += Math.pow((x.get(i) - m.weight().get(i, j)) * m.diagCov().get(i, j), 2);
            }
            assertEquals(Math.sqrt(s), y.get(j), 1e-15);
        }
        m.reset();
        assertEquals(0.0, m.diagCov().maxAbsDiff(Tensor.filled(1, 4, 3)));
        assertEquals(2, m.parameters().size());
        assertEquals("diagCov", m.parameters().get(1).name());
        assertThrows(IllegalArgumentException.class, () -> new WeightedEuclidean(4, 0));
    }
}
