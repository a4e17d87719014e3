package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class TemporalSubSamplingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new TemporalSubSampling(3, 2, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(7, 3);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 7, 3);
    }

    @Override
    protected String expectedToString() {
        return "nn.TemporalSubSampling";
    }

    @Override
    protected Data wrongInput() {
        return uniform(7, 2);
    }

    @Test
    void eachSequenceOfABatchIsComputedAsAlone() {
        TemporalSubSampling m = new TemporalSubSampling(3, 3, 1);
        Tensor batch = Tensor.uniform(-1, 1, 2, 5, 3);
        Tensor y = m.forward(batch).clone();
        for (int b = 0; b < 2; b++) {
            Tensor one = Tensor.fromArray(java.util.Arrays.copyOfRange(batch.data(), b * 15, b * 15 + 15), 5, 3);
            Tensor yb = m.forward(one);
            for (int i = 0; i < 9; i++) {
                assertEquals(yb.data()[i], y.data()[b * 9 + i], 0.0);
            }
            double expected = m.weight().get(1) * (one.get(0, 1) + one.get(1, 1) + one.get(2, 1)) + m.bias().get(1);
            assertEquals(expected, yb.get(0, 1), 1e-14);
        }
    }

    @Test
    void wrongInputsAndArgumentsAreRefused() {
        TemporalSubSampling m = new TemporalSubSampling(3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(6, 4)));
        assertEquals("nn.TemporalSubSampling: expected input of size [T, 3] or [B, T, 3] with T >= kW = 2, got [6, 4]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TemporalSubSampling(3, 0));
        assertEquals("nn.TemporalSubSampling(3, 0, 1): frame size, kernel width kW and stride dW must be positive",
                e.getMessage());
    }
}
