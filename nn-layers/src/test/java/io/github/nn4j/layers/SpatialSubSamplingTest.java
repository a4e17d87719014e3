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

class SpatialSubSamplingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialSubSampling(2, 2, 3, 2, 1);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 5, 5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 5, 5);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialSubSampling";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 3, 2, 2);
    }

    @Test
    void isAScaledWindowSumPerPlane() {
        SpatialSubSampling m = new SpatialSubSampling(2, 2, 2, 2, 2);
        Tensor x = Tensor.uniform(-1, 1, 2, 4, 5);
        Tensor y = m.forward(x);
        assertTrue(y.hasSize(2, 2, 2));
        for (int c = 0; c < 2; c++) {
            for (int oy = 0; oy < 2; oy++) {
                for (int ox = 0; ox < 2; ox++) {
                    double s = x.get(c, 2 * oy, 2 * ox) + x.get(c, 2 * oy, 2 * ox + 1) + x.get(c, 2 * oy + 1, 2 * ox)
                            + x.get(c, 2 * oy + 1, 2 * ox + 1);
                    assertEquals(m.bias().get(c) + m.weight().get(c) * s, y.get(c, oy, ox), 1e-14);
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new SpatialSubSampling(2, 0, 2));
        String msg = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 1, 5)))
                .getMessage();
        assertTrue(msg.startsWith("nn.SpatialSubSampling: expected input of size") && msg.endsWith("got [2, 1, 5]"),
                msg);
    }

}
