package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class SquareTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Square();
    }

    @Override
    protected String expectedToString() {
        return "nn.Square";
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
    void squaresAndDoublesTheGradient() {
        Square m = new Square();
        assertEquals(9.0, m.forward(Tensor.of(-3.0)).get(0));
        assertEquals(-12.0, m.backward(Tensor.of(-3.0), Tensor.of(2.0)).get(0)); // 2 * x * g
    }
}
