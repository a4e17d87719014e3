package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class SpatialConvolutionTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialConvolution(2, 3, 3, 2, 2, 1, 1, 1);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 5, 6);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 5, 6);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialConvolution(2 -> 3, 3x2, 2,1, 1,1)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 3, 5, 6);
    }

    /** Stride 1, no padding: neither is printed. */
    @Nested
    class Plain extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialConvolution(2, 3, 3, 3);
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 4, 5);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 4, 5);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialConvolution(2 -> 3, 3x3)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 2, 2);
        }
    }

    /** Without bias. */
    @Nested
    class WithoutBias extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialConvolution(2, 3, 3, 3, 1, 1, 1, 1).noBias();
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 4, 5);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 4, 5);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialConvolution(2 -> 3, 3x3, 1,1, 1,1) without bias";
        }

        @Override
        protected Data wrongInput() {
            return uniform(4, 5);
        }
    }

    /** Groups (cudnn.torch's): weight [out, in/G, kH, kW]. */
    @Nested
    class Grouped extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialConvolution(4, 6, 3, 2, 1, 2, 1, 0, 2);
        }

        @Override
        protected Data sampleInput() {
            return uniform(4, 5, 6);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 4, 5, 6);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialConvolution(4 -> 6, 3x2, 1,2, 1,0)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 2, 5, 6);
        }
    }

    /**
     * A grouped convolution equals, group by group, an ordinary convolution of that group's
     * input planes with that group's rows of the weight: output, gradInput and the parameter
     * gradients (accumulated with a scale).
     */
    @Test
    void groupsAreIndependentConvolutionsOfTheirPlanes() {
        int groups = 3;
        SpatialConvolution m = new SpatialConvolution(6, 9, 3, 3, 2, 1, 1, 1, groups);
        assertEquals(3, m.groups());
        assertTrue(m.weight().hasSize(9, 2, 3, 3));
        Tensor x = Tensor.uniform(-1, 1, 2, 6, 5, 7);
        Tensor y = m.forward(x).deepCopy();
        Tensor g = Tensor.uniform(-1, 1, y.sizes());
        m.zeroGradParameters();
        Tensor gi = m.backward(x, g, 0.5).deepCopy();
        for (int k = 0; k < groups; k++) {
            SpatialConvolution part = new SpatialConvolution(2, 3, 3, 3, 2, 1, 1, 1);
            part.weight().copy(rows(m.weight(), 3 * k, 3));
            part.bias().copy(rows(m.bias(), 3 * k, 3));
            Tensor xk = planes(x, 2 * k, 2);
            Tensor gk = planes(g, 3 * k, 3);
            assertEquals(0, maxDiff(part.forward(xk), planes(y, 3 * k, 3)), 1e-14, "output of group " + k);
            part.zeroGradParameters();
            assertEquals(0, maxDiff(part.backward(xk, gk, 0.5), planes(gi, 2 * k, 2)), 1e-14, "gradInput of group " + k);
            assertEquals(0, maxDiff(part.parameters().get(0).grad(), rows(m.parameters().get(0).grad(), 3 * k, 3)),
                    1e-14, "gradWeight of group " + k);
            assertEquals(0, maxDiff(part.parameters().get(1).grad(), rows(m.parameters().get(1).grad(), 3 * k, 3)),
                    1e-14, "gradBias of group " + k);
        }
        String msg = assertThrows(IllegalArgumentException.class, () -> new SpatialConvolution(6, 8, 3, 3, 1, 1, 0, 0, 4))
                .getMessage();
        assertTrue(msg.startsWith("nn.SpatialConvolution(6 -> 8, 3x3)") && msg.contains("groups"), msg);
    }

    /** Planes {@code from … from+count-1} (dimension 1) of an {@code [N, C, H, W]} tensor, copied. */
    private static Tensor planes(Tensor t, int from, int count) {
        int n = t.size(0);
        int c = t.size(1);
        int area = t.size(2) * t.size(3);
        Tensor out = Tensor.zeros(n, count, t.size(2), t.size(3));
        for (int i = 0; i < n; i++) {
            System.arraycopy(t.data(), (i * c + from) * area, out.data(), i * count * area, count * area);
        }
        return out;
    }

    /** Rows {@code from … from+count-1} (dimension 0) of a tensor, copied. */
    private static Tensor rows(Tensor t, int from, int count) {
        int[] shape = t.sizes().clone();
        int per = t.numel() / shape[0];
        shape[0] = count;
        Tensor out = Tensor.zeros(shape);
        System.arraycopy(t.data(), from * per, out.data(), 0, count * per);
        return out;
    }

    @Test
    void matchesTheDirectFormula() {
        SpatialConvolution m = new SpatialConvolution(2, 3, 3, 2, 2, 1, 1, 1);
        Tensor x = Tensor.uniform(-1, 1, 2, 2, 5, 6);
        Tensor y = m.forward(x);
        assertTrue(y.hasSize(2, 3, 6, 3));
        double[] w = m.weight().data();
        for (int n = 0; n < 2; n++) {
            for (int o = 0; o < 3; o++) {
                for (int oy = 0; oy < 6; oy++) {
                    for (int ox = 0; ox < 3; ox++) {
                        double s = m.bias().get(o);
                        for (int c = 0; c < 2; c++) {
                            for (int kh = 0; kh < 2; kh++) {
                                for (int kw = 0; kw < 3; kw++) {
                                    int iy = oy - 1 + kh;
                                    int ix = ox * 2 - 1 + kw;
                                    if (iy >= 0 && iy < 5 && ix >= 0 && ix < 6) {
                                        s += w[((o * 2 + c) * 2 + kh) * 3 + kw] * x.get(n, c, iy, ix);
                                    }
                                }
                            }
                        }
                        assertEquals(s, y.get(n, o, oy, ox), 1e-13);
                    }
                }
            }
        }
    }

    @Test
    void wrongInputsNameTheModuleAndBothShapes() {
        SpatialConvolution m = new SpatialConvolution(3, 16, 5, 5, 1, 1, 2, 2);
        assertEquals("nn.SpatialConvolution(3 -> 16, 5x5, 1,1, 2,2)", m.toString());
        assertEquals("nn.SpatialConvolution(3 -> 16, 5x5, 1,1, 2,2): expected input of size [N, 3, H, W] or [3, H, W],"
                + " got [2, 4, 8, 8]", assertThrows(IllegalArgumentException.class,
                        () -> m.forward(Tensor.zeros(2, 4, 8, 8))).getMessage());
        assertEquals("nn.SpatialConvolution(3 -> 16, 5x5, 1,1, 2,2): expected input of size [N, 3, H, W] or [3, H, W],"
                + " got [3, 8]", assertThrows(IllegalArgumentException.class,
                        () -> m.forward(Tensor.zeros(3, 8))).getMessage());
        String small = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(3, 8, 0)))
                .getMessage();
        assertTrue(small.contains("smaller than the kernel") && small.contains("[3, 8, 0]"), small);
        SpatialConvolution noPad = new SpatialConvolution(1, 1, 3, 3);
        String tooSmall = assertThrows(IllegalArgumentException.class, () -> noPad.forward(Tensor.zeros(1, 2, 5)))
                .getMessage();
        assertTrue(tooSmall.startsWith("nn.SpatialConvolution(1 -> 1, 3x3): expected input of size")
                && tooSmall.contains("smaller than the kernel") && tooSmall.endsWith("got [1, 2, 5]"), tooSmall);
        noPad.forward(Tensor.zeros(1, 3, 3));
        String grad = assertThrows(IllegalArgumentException.class,
                () -> noPad.backward(Tensor.zeros(1, 3, 3), Tensor.zeros(1, 2, 1))).getMessage();
        assertEquals("nn.SpatialConvolution(1 -> 1, 3x3): gradOutput of size [1, 2, 1] does not match the output size"
                + " for input [1, 3, 3]", grad);
    }

    @Test
    void badConstructorArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SpatialConvolution(0, 3, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> new SpatialConvolution(2, 3, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> new SpatialConvolution(2, 3, 3, 3, 0, 1));
        String msg = assertThrows(IllegalArgumentException.class, () -> new SpatialConvolution(2, 3, 3, 3, 1, 1, -1, 0))
                .getMessage();
        assertTrue(msg.startsWith("nn.SpatialConvolution(2 -> 3, 3x3)") && msg.contains("padding -1,0"), msg);
    }

}
