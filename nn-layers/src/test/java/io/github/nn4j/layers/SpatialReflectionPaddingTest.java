package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class SpatialReflectionPaddingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialReflectionPadding(2, 1, 1, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 4, 3);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 4, 3);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialReflectionPadding(l=2,r=1,t=1,b=2)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 2, 3);
    }

    @Test
    void mirrorsWithoutRepeatingTheBorder() {
        Tensor x = Tensor.fromArray(new double[] {1, 2, 3, 4}, 1, 1, 4);
        Tensor y = new SpatialReflectionPadding(2, 1, 0, 0).forward(x);
        assertEquals("[3.0, 2.0, 1.0, 2.0, 3.0, 4.0, 3.0]", java.util.Arrays.toString(y.toArray()));
    }
}
