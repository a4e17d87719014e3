package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

/**
 * The contract set-up and the per-position check shared by {@link SpatialSoftMaxTest} and
 * {@link SpatialLogSoftMaxTest}: the same inputs, and the output compared with the softmax
 * (or its logarithm) computed directly over the planes at every position.
 */
abstract class SpatialSoftMaxContract extends ModuleContractTest {

    /** A fresh module under test. */
    abstract Module<Tensor, Tensor> newModule();

    /** Whether the module outputs the logarithm of the softmax. */
    abstract boolean log();

    @Override
    protected Module<?, ?> createModule() {
        return newModule();
    }

    @Override
    protected Data sampleInput() {
        return uniform(3, 4, 2);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 3, 4, 2);
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 2, 2, 2, 2);
    }

    @Test
    void normalisesOverThePlanesAtEveryPosition() {
        Tensor x = Tensor.uniform(-2, 2, 2, 3, 4, 5);
        Tensor y = newModule().forward(x);
        for (int b = 0; b < 2; b++) {
            for (int h = 0; h < 4; h++) {
                for (int w = 0; w < 5; w++) {
                    double z = 0;
                    for (int c = 0; c < 3; c++) {
                        z += Math.exp(x.get(b, c, h, w));
                    }
                    for (int c = 0; c < 3; c++) {
                        double p = Math.exp(x.get(b, c, h, w)) / z;
                        double want = log() ? Math.log(p) : p;
                        assertEquals(want, y.get(b, c, h, w), 1e-14);
                    }
                }
            }
        }
    }
}
