package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;

class VolumetricConvolutionTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new VolumetricConvolution(2, 3, 2, 3, 2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 3, 3, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 3, 3, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.VolumetricConvolution(2 -> 3, 2x3x2)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 3, 3, 4);
    }

    /** Strides and padding on every axis. */
    @Nested
    class StridedAndPadded extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new VolumetricConvolution(2, 3, 3, 2, 3, 2, 1, 2, 1, 1, 0);
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 3, 4, 5);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 3, 4, 5);
        }

        @Override
        protected String expectedToString() {
            return "nn.VolumetricConvolution(2 -> 3, 3x2x3, 2,1,2, 1,1,0)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 3, 2, 5);
        }
    }

    /** Without bias. */
    @Nested
    class WithoutBias extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new VolumetricConvolution(1, 2, 2, 2, 2, 1, 1, 1, 1).noBias();
        }

        @Override
        protected Data sampleInput() {
            return uniform(1, 2, 3, 2);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 1, 2, 3, 2);
        }

        @Override
        protected String expectedToString() {
            return "nn.VolumetricConvolution(1 -> 2, 2x2x2, 1,1,1, 1,1,1)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(1, 2, 3);
        }
    }

    @Test
    void outputIsTheDirectSumOfTheFormula() {
        VolumetricConvolution m = new VolumetricConvolution(2, 3, 2, 2, 3, 1, 2, 1, 1, 0, 1);
        Tensor x = Tensor.uniform(-1, 1, 2, 2, 3, 4, 5);
        Tensor y = m.forward(x);
        Tensor w = m.weight();
        int oT = y.size(2);
        int oH = y.size(3);
        int oW = y.size(4);
        assertEquals(4, oT);
        assertEquals(4, oH);
        assertEquals(2, oW);
        for (int b = 0; b < 2; b++) {
            for (int o = 0; o < 3; o++) {
                for (int t = 0; t < oT; t++) {
                    for (int i = 0; i < oH; i++) {
                        for (int j = 0; j < oW; j++) {
                            double s = m.bias().get(o);
                            for (int c = 0; c < 2; c++) {
                                for (int kt = 0; kt < 2; kt++) {
                                    for (int kh = 0; kh < 3; kh++) {
                                        for (int kw = 0; kw < 2; kw++) {
                                            int it = t - 1 + kt;
                                            int ih = i - 1 + kh;
                                            int iw = j * 2 + kw;
                                            if (it >= 0 && it < 3 && ih >= 0 && ih < 4 && iw < 5) {
                                                s += w.get(o, c, kt, kh, kw) * x.get(b, c, it, ih, iw);
                                            }
                                        }
                                    }
                                }
                            }
                            assertEquals(s, y.get(b, o, t, i, j), 1e-13);
                        }
                    }
                }
            }
        }
    }

    @Test
    void luaPaddingDefaultsFollowPadT() {
        assertEquals("nn.VolumetricConvolution(1 -> 1, 3x3x3, 1,1,1, 1,1,1)",
                new VolumetricConvolution(1, 1, 3, 3, 3, 1, 1, 1, 1).toString());
        assertEquals("nn.VolumetricConvolution(1 -> 1, 1x1x1, 2,1,1)",
                new VolumetricConvolution(1, 1, 1, 1, 1, 2, 1, 1).toString());
        assertNull(new VolumetricConvolution(1, 1, 1, 1, 1).noBias().bias());
    }

    @Test
    void wrongInputsAndArgumentsAreRefused() {
        VolumetricConvolution m = new VolumetricConvolution(3, 5, 2, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.forward(Tensor.zeros(3, 1, 4, 6)));
        assertEquals("nn.VolumetricConvolution(3 -> 5, 2x3x2): expected input of size [3, T, H, W] or"
                + " [B, 3, T, H, W] with T + 2*padT >= 2, H + 2*padH >= 2, W + 2*padW >= 3, got [3, 1, 4, 6]",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 4, 3, 4, 6)));
        assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(3, 4, 6)));
        m.forward(Tensor.zeros(3, 3, 4, 6));
        assertThrows(IllegalArgumentException.class, () -> m.backward(Tensor.zeros(3, 3, 4, 6), Tensor.zeros(5, 2, 3, 3)));
        e = assertThrows(IllegalArgumentException.class, () -> new VolumetricConvolution(3, 5, 0, 3, 2));
        assertEquals("nn.VolumetricConvolution(3 -> 5, 0x3x2): plane counts and kernel sizes kT, kW, kH must be positive",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new VolumetricConvolution(3, 5, 1, 1, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new VolumetricConvolution(3, 5, 1, 1, 1, 1, 1, 1, -1));
    }
}
