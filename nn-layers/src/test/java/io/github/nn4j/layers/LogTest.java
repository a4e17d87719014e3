package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class LogTest extends ModuleContractTest {

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

    @Override
    protected Data wrongInput() {
        return null; // element-wise: every shape is accepted
    }

    @Test
    void matchesPyTorchReferenceLogBatch() {
        ReferenceCases.assertMatches("log_batch", "new Log()", () -> new Log());
    }

    @Test
    void gradOutputOfAnotherElementCountIsRejected() {
        Module<Tensor, Tensor> m = new Log();
        Tensor x = Tensor.uniform(0.5, 2, 3, 4);
        m.forward(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.backward(x, Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains("nn.Log") && e.getMessage().contains("[3, 5]")
                && e.getMessage().contains("[3, 4]"), e.getMessage());
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
