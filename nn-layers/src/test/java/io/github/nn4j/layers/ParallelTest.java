package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class ParallelTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Parallel(0, 1).add(new Linear(4, 3)).add(new Tanh());
    }

    @Override
    protected Data sampleInput() {
        return null;
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(2, batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.Parallel {\n"
                + "  input\n"
                + "    |`-> (1): nn.Linear(4 -> 3)\n"
                + "    |`-> (2): nn.Tanh\n"
                + "     ... -> output\n"
                + "}";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 2, 4);
    }

    /** One sample: slices of a 2-D input, 1-D outputs joined along 0. */
    @Nested
    class OneSample extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Parallel(1, 0).add(new Linear(3, 2)).add(new Tanh()).add(new Linear(3, 1));
        }

        @Override
        protected Data sampleInput() {
            return uniform(3, 3);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return null;
        }

        @Override
        protected String expectedToString() {
            return "nn.Parallel {\n"
                    + "  input\n"
                    + "    |`-> (1): nn.Linear(3 -> 2)\n"
                    + "    |`-> (2): nn.Tanh\n"
                    + "    |`-> (3): nn.Linear(3 -> 1)\n"
                    + "     ... -> output\n"
                    + "}";
        }

        @Override
        protected Data wrongInput() {
            return uniform(3, 4);
        }
    }

    @Test
    void sliceIGoesToChildIAndOutputsAreJoined() {
        Linear l = new Linear(2, 1);
        Parallel p = new Parallel(1, 0).add(l).add(new Identity());
        Tensor x = Tensor.fromArray(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor y = p.forward(x);
        double first = l.weight().get(0, 0) * 1 + l.weight().get(0, 1) * 3 + l.bias().get(0);
        assertArrayEquals(new double[] {first, 2, 4}, y.toArray(), 1e-15);
        Tensor gi = p.backward(x, Tensor.of(1, 10, 20));
        assertArrayEquals(new double[] {l.weight().get(0, 0), 10, l.weight().get(0, 1), 20}, gi.toArray(), 1e-15);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Parallel(-1, 0));
        assertTrue(e.getMessage().startsWith("nn.Parallel(-1, 0)"), e.getMessage());
    }
}
