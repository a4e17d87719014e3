package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;

/**
 * The backward is by design not the derivative of the forward, except for {@code λ = −1}: the
 * contract runs there (the identity, so the gradient check applies); the tests below check
 * {@code −λ·gradOutput} for other values.
 */
class GradientReversalTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new GradientReversal(-1);
    }

    @Override
    protected String expectedToString() {
        return "nn.GradientReversal";
    }

    @Test
    void forwardIsAViewAndBackwardReversesAndScales() {
        GradientReversal m = new GradientReversal(0.7);
        Tensor x = Tensor.uniform(-1, 1, 3, 4);
        Tensor g = Tensor.uniform(-1, 1, 3, 4);
        Tensor y = m.forward(x);
        assertTrue(y.sharesStorageWith(x));
        assertEquals(0.0, y.maxAbsDiff(x));
        assertEquals(0.0, m.backward(x, g).maxAbsDiff(g.clone().mul(-0.7)));
        assertSame(m, m.setLambda(2));
        assertEquals(2.0, m.lambda());
        assertEquals(0.0, m.backward(x, g).maxAbsDiff(g.clone().mul(-2)));
        assertEquals(1.0, new GradientReversal().lambda());
    }

    @Test
    void nanLambdaIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GradientReversal(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new GradientReversal().setLambda(Double.NaN));
    }

    @Test
    void savesAsVersionTwoAndReadsVersionOneAsTorch() throws Exception {
        T7Object saved = (T7Object) T7Bridge.toT7(new GradientReversal(0.7));
        assertEquals(2, saved.version());
        assertEquals(0.7, saved.getNumber("lambda"));
        assertEquals(0.7, assertInstanceOf(GradientReversal.class, T7Bridge.toJava(saved)).lambda());
        // GradientReversal:read resets lambda to 1 for files older than version 2
        T7Object old = new T7Object("nn.GradientReversal", 1, saved.fields());
        assertEquals(1.0, assertInstanceOf(GradientReversal.class, T7Bridge.toJava(old)).lambda());
    }
}
