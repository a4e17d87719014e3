package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

/**
 * The backward adds the penalty's gradient and is by design not the derivative of the forward,
 * except for {@code l1weight = 0} (the identity): the contract runs there, the tests below check
 * the penalty.
 */
class L1PenaltyTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new L1Penalty(0);
    }

    @Override
    protected String expectedToString() {
        return "nn.L1Penalty";
    }

    @Test
    void recordsTheLossAndAddsItsGradient() {
        L1Penalty m = new L1Penalty(0.3);
        assertTrue(Double.isNaN(m.loss()));
        Tensor x = Tensor.of(-2, 0, 0.5, 1);
        Tensor g = Tensor.of(1, 2, 3, 4);
        Tensor y = m.forward(x);
        assertTrue(y.sharesStorageWith(x));
        assertEquals(0.3 * 3.5, m.loss(), 1e-15);
        assertArrayEquals(new double[] {1 - 0.3, 2, 3 + 0.3, 4 + 0.3}, m.backward(x, g).toArray(), 1e-15);
    }

    @Test
    void sizeAverageDividesTheWeightByTheElementCount() {
        L1Penalty m = new L1Penalty(0.4, true);
        Tensor x = Tensor.of(-2, 0, 0.5, 1);
        m.forward(x);
        assertEquals(0.1 * 3.5, m.loss(), 1e-15);
        assertArrayEquals(new double[] {-0.1, 0, 0.1, 0.1}, m.backward(x, Tensor.zeros(4)).toArray(), 1e-16);
    }

    @Test
    void withoutProvideOutputTheGradOutputIsIgnored() {
        L1Penalty m = new L1Penalty(0.3, false, false);
        Tensor x = Tensor.of(-2, 0, 1);
        m.forward(x);
        assertArrayEquals(new double[] {-0.3, 0, 0.3}, m.backward(x, Tensor.of(5, 5, 5)).toArray(), 0.0);
    }

    @Test
    void nanWeightIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new L1Penalty(Double.NaN));
        assertEquals("nn.L1Penalty: l1weight must be a number, got NaN", e.getMessage());
    }
}
