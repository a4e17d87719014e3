package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class SquareTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Square();
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
        return "nn.Square";
    }

    @Override
    protected Data wrongInput() {
        return null; // element-wise: every shape is accepted
    }

    @Test
    void matchesPyTorchReferenceSquare1d() {
        ReferenceCases.assertMatches("square_1d", "new Square()", () -> new Square());
    }

    @Test
    void matchesPyTorchReferenceSquareBatch() {
        ReferenceCases.assertMatches("square_batch", "new Square()", () -> new Square());
    }

    @Test
    void gradOutputOfAnotherElementCountIsRejected() {
        Module<Tensor, Tensor> m = new Square();
        Tensor x = Tensor.uniform(0.5, 2, 3, 4);
        m.forward(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.backward(x, Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("nn.Square") && e.getMessage().contains("[3, 5]")
                && e.getMessage().contains("[3, 4]"), e.getMessage());
    }

    @Test
    void squaresAndDoublesTheGradient() {
        Square m = new Square();
        assertEquals(9.0, m.forward(Tensor.of(-3.0)).get(0));
        assertEquals(-12.0, m.backward(Tensor.of(-3.0), Tensor.of(2.0)).get(0)); // 2 * x * g
    }
}
