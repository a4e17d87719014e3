package io.github.nn4j.layers;

import static io.github.nn4j.layers.SpatialSubtractiveNormalizationTest.kernel3x3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;

class SpatialContrastiveNormalizationTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialContrastiveNormalization(3, kernel3x3());
    }

    @Override
    protected Data sampleInput() {
        return uniform(3, 5, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 3, 5, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialContrastiveNormalization";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4, 5, 4);
    }

    @Nested
    class OneDimensionalKernel extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialContrastiveNormalization(2, Tensor.of(1, 2, 1), 1e-3);
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 4, 3);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 4, 3);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialContrastiveNormalization";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 4);
        }
    }

    @Test
    void isSubtractiveThenDivisive() {
        Tensor k = kernel3x3();
        SpatialContrastiveNormalization m = new SpatialContrastiveNormalization(2, k, 0.05, 0.1);
        SpatialSubtractiveNormalization sub = new SpatialSubtractiveNormalization(2, k);
        SpatialDivisiveNormalization div = new SpatialDivisiveNormalization(2, sub.kernel(), 0.05, 0.1);
        Tensor x = Tensor.uniform(-2, 2, 3, 2, 5, 6);
        Tensor g = Tensor.uniform(-1, 1, 3, 2, 5, 6);
        Tensor want = div.forward(sub.forward(x)).clone();
        Tensor wantGrad = sub.backward(x, div.backward(sub.output(), g)).clone();
        assertEquals(0.0, m.forward(x).maxAbsDiff(want));
        assertEquals(0.0, m.backward(x, g).maxAbsDiff(wantGrad));
        assertEquals(0.0, m.kernel().maxAbsDiff(div.kernel()));
        assertEquals(0.1, m.thresval());
    }

    @Test
    void badArgumentsAreRefused() {
        assertEquals("nn.SpatialContrastiveNormalization: averaging kernel must have ODD dimensions, got size [4]",
                assertThrows(IllegalArgumentException.class,
                        () -> new SpatialContrastiveNormalization(1, Tensor.of(1, 1, 1, 1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpatialContrastiveNormalization(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialContrastiveNormalization(3).forward(Tensor.zeros(2, 9)));
        assertEquals("nn.SpatialContrastiveNormalization: expected input of size [3, H, W] or [N, 3, H, W],"
                + " got [2, 9]", e.getMessage());
    }

    @Test
    void savesBothStagesSharingOneKernel() throws Exception {
        SpatialContrastiveNormalization m = new SpatialContrastiveNormalization(2, kernel3x3(), 0.01);
        T7Object o = (T7Object) T7Bridge.toT7(m);
        T7Table stages = o.getObject("normalizer").getTable("modules");
        T7Object sub = (T7Object) stages.getAt(0);
        T7Object div = (T7Object) stages.getAt(1);
        assertEquals("nn.SpatialSubtractiveNormalization", sub.className());
        assertEquals("nn.SpatialDivisiveNormalization", div.className());
        assertEquals(o.get("kernel"), sub.get("kernel"));
        assertEquals(o.get("kernel"), div.get("kernel"));
        assertEquals(0.01, div.getNumber("thresval"));
        SpatialContrastiveNormalization back = (SpatialContrastiveNormalization) T7Bridge.toJava(o);
        Tensor x = Tensor.uniform(-1, 1, 2, 4, 4);
        // the subtractive stage's own kernel comes back from its convolution weight: the same bits
        assertEquals(0.0, m.forward(x).clone().maxAbsDiff(back.forward(x)));
        // without the sub-module tree, the shared kernel serves both stages: equal up to rounding
        o.fields().remove("normalizer");
        SpatialContrastiveNormalization plain = (SpatialContrastiveNormalization) T7Bridge.toJava(o);
        assertEquals(0.0, m.forward(x).clone().maxAbsDiff(plain.forward(x)), 1e-14);
    }
}
