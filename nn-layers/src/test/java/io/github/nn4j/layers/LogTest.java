package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;

class LogTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Log();
    }

    @Override
    protected Data sampleInput() {
        return Tensor.uniform(0.5, 2, 5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return Tensor.uniform(0.5, 2, batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Log";
    }

    @Test
    void matchesPyTorchReferenceLogBatch() {
        ReferenceCases.assertMatches("log_batch", "new Log()", () -> new Log());
    }

    @Test
    void logOfZeroIsMinusInfinityAsInTorch() {
        Log m = new Log();
        Tensor x = Tensor.of(0.0, 1.0);
        assertEquals(Double.NEGATIVE_INFINITY, m.forward(x).get(0));
        assertEquals(0.0, m.output().get(1));
        assertEquals(Double.POSITIVE_INFINITY, m.backward(x, Tensor.of(1.0, 1.0)).get(0));
        assertEquals(1.0, m.gradInput().get(1));
    }
}
