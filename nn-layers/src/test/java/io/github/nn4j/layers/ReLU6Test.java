package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/** Inputs in [−8, 8], so that both bounds are crossed. */
class ReLU6Test extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new ReLU6();
    }

    @Override
    protected Module<Tensor, Tensor> createInPlaceModule() {
        return new ReLU6(true);
    }

    @Override
    protected Data sampleInput() {
        return awayFromKinks(uniform(5).mul(4), kinks());
    }

    @Override
    protected Data batchInput(int batchSize) {
        return awayFromKinks(uniform(batchSize, 4).mul(4), kinks());
    }

    @Override
    protected double[] kinks() {
        return new double[] {0, 6};
    }

    @Override
    protected String expectedToString() {
        return "nn.ReLU6";
    }

    @Test
    void clipsToZeroAndSix() {
        ReLU6 m = new ReLU6();
        Tensor x = Tensor.of(-1, 0, 3, 6, 9);
        assertArrayEquals(new double[] {0, 0, 3, 6, 6}, m.forward(x).toArray(), 0.0);
        assertArrayEquals(new double[] {0, 1, 1, 1, 0}, m.backward(x, Tensor.filled(1.0, 5)).toArray(), 0.0);
        assertTrue(m.findModules(HardTanh.class).isEmpty());
    }
}
