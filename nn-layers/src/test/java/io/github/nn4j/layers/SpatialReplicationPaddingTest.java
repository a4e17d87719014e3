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

class SpatialReplicationPaddingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialReplicationPadding(0, 2, 3, 1);
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
        return "nn.SpatialReplicationPadding(l=0, r=2, t=3, b=1)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4, 3);
    }

    @Test
    void repeatsTheBorder() {
        Tensor x = Tensor.fromArray(new double[] {1, 2, 3}, 1, 1, 3);
        Tensor y = new SpatialReplicationPadding(2, 1, 0, 0).forward(x);
        assertEquals("[1.0, 1.0, 1.0, 2.0, 3.0, 3.0]", java.util.Arrays.toString(y.toArray()));
        Tensor g = new SpatialReplicationPadding(2, 1, 0, 0).backward(x, Tensor.filled(1.0, 1, 1, 6));
        assertEquals("[3.0, 1.0, 2.0]", java.util.Arrays.toString(g.toArray()));
    }
}
