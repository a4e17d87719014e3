package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class PowerTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Power(3);
    }

    @Override
    protected String expectedToString() {
        return "nn.Power";
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
    void nonIntegerPowersPassTheGradientCheckOnPositiveInputs() {
        io.github.nn4j.check.GradientChecker.check(new Power(2.5), Tensor.uniform(0.5, 2, 3, 4)).assertPassed(1e-6);
        io.github.nn4j.check.GradientChecker.check(new Power(-1), Tensor.uniform(0.5, 2, 3, 4)).assertPassed(1e-6);
    }

    @Test
    void keepsThePower() {
        assertEquals(-1.5, new Power(-1.5).power());
    }
}
