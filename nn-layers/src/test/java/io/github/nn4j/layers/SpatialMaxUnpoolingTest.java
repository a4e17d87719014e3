package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

/**
 * The unpooling needs its pooling module's forward first, so the contract runs on the pair as
 * Torch uses it, {@code Sequential(pool, unpool)}.
 */
class SpatialMaxUnpoolingTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        SpatialMaxPooling p = new SpatialMaxPooling(2, 2);
        return new Sequential<Tensor, Tensor>().add(p).add(new SpatialMaxUnpooling(p));
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 4, 6);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 4, 6);
    }

    @Override
    protected String expectedToString() {
        return "nn.Sequential {\n  [input -> (1) -> (2) -> output]\n  (1): nn.SpatialMaxPooling(2x2, 2,2)\n"
                + "  (2): nn.SpatialMaxUnpooling associated to nn.SpatialMaxPooling(2x2, 2,2)\n}";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4, 6);
    }

    @Test
    void putsEachMaximumBackWhereItWas() {
        SpatialMaxPooling p = new SpatialMaxPooling(2, 2);
        SpatialMaxUnpooling u = new SpatialMaxUnpooling(p);
        assertSame(p, u.pooling());
        Tensor x = Tensor.fromArray(new double[] {1, 5, 2, 0, 3, 4, 7, 6}, 1, 2, 4);
        Tensor y = u.forward(p.forward(x));
        assertEquals("[0.0, 5.0, 0.0, 0.0, 0.0, 0.0, 7.0, 0.0]", java.util.Arrays.toString(y.toArray()));
        Tensor g = u.backward(p.output(), Tensor.fromArray(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 1, 2, 4));
        assertEquals("[2.0, 7.0]", java.util.Arrays.toString(g.toArray()));
    }

    @Test
    void refusesOverlappingPoolingAndInputsItDidNotPool() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialMaxUnpooling(new SpatialMaxPooling(3, 3, 2, 2)));
        assertTrue(e.getMessage().contains("kernel must equal its stride"), e.getMessage());
        SpatialMaxPooling p = new SpatialMaxPooling(2, 2);
        SpatialMaxUnpooling u = new SpatialMaxUnpooling(p);
        e = assertThrows(IllegalArgumentException.class, () -> u.forward(Tensor.zeros(1, 2, 2)));
        assertTrue(e.getMessage().startsWith("nn.SpatialMaxUnpooling associated to nn.SpatialMaxPooling(2x2, 2,2)"),
                e.getMessage());
        p.forward(Tensor.zeros(1, 4, 4));
        e = assertThrows(IllegalArgumentException.class, () -> u.forward(Tensor.zeros(1, 3, 2)));
        assertTrue(e.getMessage().contains("1 planes of 2x2") && e.getMessage().contains("[1, 3, 2]"), e.getMessage());
    }

    @Test
    void aCopyOfThePairKeepsThemTogether() {
        @SuppressWarnings("unchecked")
        Sequential<Tensor, Tensor> s = (Sequential<Tensor, Tensor>) createModule();
        Sequential<Tensor, Tensor> c = (Sequential<Tensor, Tensor>) s.copy();
        assertSame(c.get(0), ((SpatialMaxUnpooling) c.get(1)).pooling());
    }
}
