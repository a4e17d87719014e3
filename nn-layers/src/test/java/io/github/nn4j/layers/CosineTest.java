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

class CosineTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Cosine(4, 3);
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
        return "nn.Cosine";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 3);
    }

    @Test
    void outputIsTheCosineToEachRowAndResetDividesByTheTemplateCount() {
        TorchRandom.manualSeed(9);
        Cosine m = new Cosine(4, 3);
        TorchRandom fresh = new TorchRandom(9);
        double bound = 1 / Math.sqrt(3);
        for (int i = 0; i < 12; i++) {
            assertEquals(fresh.uniform(-bound, bound), m.weight().data()[i], 0.0);
        }
        Tensor x = uniform(2, 4);
        Tensor y = m.forward(x);
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 3; j++) {
                double dot = 0;
                double nw = 0;
                double nx = 0;
                for (int i = 0; i < 4; i++) {
                    dot += m.weight().get(j, i) * x.get(b, i);
                    nw += m.weight().get(j, i) * m.weight().get(j, i);
                    nx += x.get(b, i) * x.get(b, i);
                }
                // Torch's +1e-12 guards on the norms make a relative difference of about 1e-12
                assertEquals(dot / Math.sqrt(nw) / Math.sqrt(nx), y.get(b, j), 1e-10);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new Cosine(-4, 3));
    }
}
