package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class PowerTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Power(3);
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Power";
    }

    @Override
    protected Data wrongInput() {
        return null; // element-wise: every shape is accepted
    }

    @Test
    void matchesPyTorchReferencePower3() {
        ReferenceCases.assertMatches("power_3", "new Power(3)", () -> new Power(3));
    }

    @Test
    void matchesPyTorchReferencePower25() {
        ReferenceCases.assertMatches("power_2_5", "new Power(2.5)", () -> new Power(2.5));
    }

    @Test
    void matchesPyTorchReferencePowerMinus1() {
        ReferenceCases.assertMatches("power_minus_1", "new Power(-1)", () -> new Power(-1));
    }

    @Test
    void matchesPyTorchReferencePower05() {
        ReferenceCases.assertMatches("power_0_5", "new Power(0.5)", () -> new Power(0.5));
    }

    @Test
    void gradOutputOfAnotherElementCountIsRejected() {
        Module<Tensor, Tensor> m = new Power(3);
        Tensor x = Tensor.uniform(0.5, 2, 3, 4);
        m.forward(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.backward(x, Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("nn.Power") && e.getMessage().contains("[3, 5]")
                && e.getMessage().contains("[3, 4]"), e.getMessage());
    }

    @Test
    void nonIntegerPowersPassTheGradientCheckOnPositiveInputs() {
        io.github.nn4j.check.GradientChecker.check(new Power(2.5), Tensor.uniform(0.5, 2, 3, 4)).assertPassed(1e-6);
        io.github.nn4j.check.GradientChecker.check(new Power(-1), Tensor.uniform(0.5, 2, 3, 4)).assertPassed(1e-6);
    }

    @Test
    void keepsThePower() {
        assertEquals(-1.5, new Power(-1.5).power());
    }
}
