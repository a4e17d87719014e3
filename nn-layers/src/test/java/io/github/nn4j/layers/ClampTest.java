package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class ClampTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Clamp(-0.3, 0.7);
    }

    @Override
    protected double[] kinks() {
        return new double[] {-0.3, 0.7};
    }

    @Override
    protected String expectedToString() {
        return "nn.Clamp";
    }

    @Test
    void isAHardTanhWithTheGivenBounds() {
        Clamp c = new Clamp(-0.3, 0.7);
        assertEquals(-0.3, c.minVal());
        assertEquals(0.7, c.maxVal());
        assertFalse(c.isInplace());
        Tensor x = Tensor.uniform(-2, 2, 4, 5);
        assertEquals(0.0, c.forward(x).maxAbsDiff(new HardTanh(-0.3, 0.7).forward(x)));
        assertTrue(c.findModules(HardTanh.class).isEmpty(), "findModules matches the exact class, as Torch");
        assertEquals(1, c.findModules("nn.Clamp").size());
    }

    @Test
    void boundsMustBeOrdered() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Clamp(0.7, -0.3));
        assertEquals("nn.Clamp: max_value (-0.3) must be larger than min_value (0.7)", e.getMessage());
    }
}
