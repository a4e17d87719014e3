package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

/**
 * The contract of an element-wise module: inputs of any shape (so there is no wrong input), a
 * 1-D sample of 5 and batches of 4 features drawn from {@code U(-2, 2)} (override for modules
 * defined on positive inputs only), kept 1e-3 away from the module's {@link #kinks()}, and a
 * gradOutput of another element count rejected with a message naming the module and both sizes.
 *
 * <p>A module with an in-place mode returns it from {@link #createInPlaceModule()}: the in-place
 * twin must compute what {@link #createModule()} computes, overwrite the input with the output
 * and the gradOutput with the gradInput, and return views of them (as Threshold does).
 */
abstract class ElementWiseContractTest extends ModuleContractTest {

    @Override
    protected Data sampleInput() {
        return awayFromKinks(uniform(5), kinks());
    }

    @Override
    protected Data batchInput(int batchSize) {
        return awayFromKinks(uniform(batchSize, 4), kinks());
    }

    @Override
    protected Data wrongInput() {
        return null; // element-wise: every shape is accepted
    }

    /**
     * The inputs where the module's derivative jumps (none unless overridden).
     *
     * @return the kinks
     */
    protected double[] kinks() {
        return new double[0];
    }

    /**
     * The in-place twin of {@link #createModule()}, or {@code null} when the module has none.
     *
     * @return a fresh in-place module
     */
    protected Module<Tensor, Tensor> createInPlaceModule() {
        return null;
    }

    /**
     * Moves every element closer than 1e-3 to a kink 0.25 above it.
     *
     * @param t the tensor, modified
     * @param kinks the kinks
     * @return {@code t}
     */
    static Tensor awayFromKinks(Tensor t, double... kinks) {
        double[] d = t.data();
        for (int i = 0; i < t.numel(); i++) {
            for (double k : kinks) {
                if (Math.abs(d[i] - k) < 1e-3) {
                    d[i] = k + 0.25;
                }
            }
        }
        return t;
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

    @Test
    @SuppressWarnings("unchecked")
    void inPlaceOverwritesInputAndGradOutputAndMatches() {
        Module<Tensor, Tensor> inplace = createInPlaceModule();
        assumeTrue(inplace != null, "no in-place mode");
        Module<Tensor, Tensor> plain = (Module<Tensor, Tensor>) createModule();
        Tensor x = (Tensor) batchInput(6);
        Tensor g = Tensor.uniform(-1, 1, x.sizes());
        Tensor y = plain.forward(x).clone();
        Tensor gi = plain.backward(x, g).clone();

        Tensor xi = x.clone();
        Tensor gg = g.clone();
        Tensor out = inplace.forward(xi);
        assertSame(out, inplace.output());
        assertTrue(out.sharesStorageWith(xi), "the output is a view of the input");
        assertEquals(0.0, xi.maxAbsDiff(y), "the input was overwritten with the output");
        Tensor back = inplace.backward(xi, gg);
        assertTrue(back.sharesStorageWith(gg), "the gradInput is a view of the gradOutput");
        assertEquals(0.0, gg.maxAbsDiff(gi), "the gradOutput was overwritten with the gradInput");
        assertEquals(0.0, back.maxAbsDiff(gi));
    }
}
