package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

/**
 * The contract of an element-wise module: inputs of any shape (so there is no wrong input), a
 * 1-D sample of 5 and batches of 4 features drawn from {@code U(-1, 1)} (override for modules
 * defined on positive inputs only), and a gradOutput of another element count rejected with a
 * message naming the module and both sizes.
 */
abstract class ElementWiseContractTest extends ModuleContractTest {

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected Data wrongInput() {
        return null; // element-wise: every shape is accepted
    }

    @Test
    @SuppressWarnings("unchecked")
    void gradOutputOfAnotherElementCountIsRejected() {
        Module<Tensor, Tensor> m = (Module<Tensor, Tensor>) createModule();
        Tensor x = Tensor.uniform(0.5, 2, 3, 4);
        m.forward(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.backward(x, Tensor.zeros(3, 5)));
        assertTrue(e.getMessage().contains(expectedToString()) && e.getMessage().contains("[3, 5]")
                && e.getMessage().contains("[3, 4]"), e.getMessage());
    }
}
