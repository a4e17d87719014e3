package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.ModuleContractTest;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;

class SpatialSubtractiveNormalizationTest extends ModuleContractTest {

    static Tensor kernel3x3() {
        return Tensor.of(new double[][] {{0.25, 0.5, 0.25}, {0.5, 1, 0.5}, {0.25, 0.5, 0.25}});
    }

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialSubtractiveNormalization(3, kernel3x3());
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
        return "nn.SpatialSubtractiveNormalization";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 5, 4);
    }

    /** A 1-D (separable) kernel larger than the image. */
    @Nested
    class OneDimensionalKernel extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialSubtractiveNormalization(2, Tensor.of(1, 2, 3, 2, 1));
        }

        @Override
        protected Data sampleInput() {
            return uniform(2, 3, 2);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 2, 3, 2);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialSubtractiveNormalization";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 3);
        }
    }

    // ------------------------------------------------------------------ an independent reference

    /** The effective 2-D kernel of a normalised 1-D or 2-D kernel. */
    static double[][] kernel2d(Tensor k) {
        if (k.dim() == 2) {
            double[][] out = new double[k.size(0)][k.size(1)];
            for (int a = 0; a < k.size(0); a++) {
                for (int b = 0; b < k.size(1); b++) {
                    out[a][b] = k.get(a, b);
                }
            }
            return out;
        }
        int n = k.size(0);
        double[][] out = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                out[a][b] = k.get(a) * k.get(b);
            }
        }
        return out;
    }

    /**
     * Torch's meanestimator on one sample {@code [C, H, W]}, by the definition: every plane
     * zero-padded and correlated with the kernel, then summed over the planes.
     */
    static double[][] estimate(double[][][] x, double[][] k) {
        int c = x.length;
        int h = x[0].length;
        int w = x[0][0].length;
        int ph = k.length / 2;
        int pw = k[0].length / 2;
        double[][] out = new double[h][w];
        for (int i = 0; i < c; i++) {
            for (int r = 0; r < h; r++) {
                for (int s = 0; s < w; s++) {
                    double v = 0;
                    for (int a = 0; a < k.length; a++) {
                        for (int b = 0; b < k[0].length; b++) {
                            int y = r + a - ph;
                            int z = s + b - pw;
                            if (y >= 0 && y < h && z >= 0 && z < w) {
                                v += k[a][b] * x[i][y][z];
                            }
                        }
                    }
                    out[r][s] += v;
                }
            }
        }
        return out;
    }

    static double[][][] sample(Tensor x, int b) {
        int c = x.size(1);
        int h = x.size(2);
        int w = x.size(3);
        double[][][] out = new double[c][h][w];
        for (int i = 0; i < c; i++) {
            for (int r = 0; r < h; r++) {
                for (int s = 0; s < w; s++) {
                    out[i][r][s] = x.get(b, i, r, s);
                }
            }
        }
        return out;
    }

    static double[][][] ones(int c, int h, int w) {
        double[][][] out = new double[c][h][w];
        for (double[][] p : out) {
            for (double[] row : p) {
                java.util.Arrays.fill(row, 1.0);
            }
        }
        return out;
    }

    @Test
    void forwardIsTheBorderCorrectedLocalMean() {
        for (Tensor kernel : new Tensor[] {kernel3x3(), Tensor.of(1, 3, 1), Tensor.filled(1, 5, 3)}) {
            SpatialSubtractiveNormalization m = new SpatialSubtractiveNormalization(2, kernel);
            Tensor x = Tensor.uniform(-2, 2, 2, 2, 4, 6);
            Tensor y = m.forward(x);
            double[][] k = kernel2d(m.kernel());
            double[][] coef = estimate(ones(2, 4, 6), k);
            for (int b = 0; b < 2; b++) {
                double[][] mean = estimate(sample(x, b), k);
                for (int i = 0; i < 2; i++) {
                    for (int r = 0; r < 4; r++) {
                        for (int s = 0; s < 6; s++) {
                            assertEquals(x.get(b, i, r, s) - mean[r][s] / coef[r][s], y.get(b, i, r, s), 1e-13,
                                    kernel.shapeString());
                        }
                    }
                }
            }
        }
    }

    @Test
    void theKernelIsNormalisedAsTorchDoesAndTheCallersIsKept() {
        Tensor k = kernel3x3();
        SpatialSubtractiveNormalization m = new SpatialSubtractiveNormalization(3, k);
        assertEquals(0.25 / 12, m.kernel().get(0, 0), 0.0);
        assertEquals(0.25, k.get(0, 0), 0.0, "the caller's kernel is not modified");
        assertEquals(Tensor.filled(1, 9, 9).numel(), new SpatialSubtractiveNormalization(1).kernel().numel());
        assertEquals(1.0 / 81, new SpatialSubtractiveNormalization().kernel().get(4, 4), 1e-18);
    }

    @Test
    void theImageSizeMayChange() {
        SpatialSubtractiveNormalization m = new SpatialSubtractiveNormalization(2, Tensor.of(1, 1, 1));
        Tensor small = Tensor.uniform(-1, 1, 2, 2, 3);
        Tensor expected = new SpatialSubtractiveNormalization(2, Tensor.of(1, 1, 1)).forward(small).clone();
        m.forward(Tensor.uniform(-1, 1, 3, 2, 5, 7));
        assertEquals(0.0, m.forward(small).maxAbsDiff(expected));
    }

    @Test
    void theConstructorDrawsAsManyNumbersAsTorchsConvolutions() {
        TorchRandom.manualSeed(11);
        new SpatialSubtractiveNormalization(3, kernel3x3());
        TorchRandom fresh = new TorchRandom(11);
        for (int i = 0; i < 3 * 9 + 1; i++) {
            fresh.uniform(0, 1);
        }
        assertEquals(fresh.uniform(0, 1), TorchRandom.global().uniform(0, 1), 0.0);
        // a 1-D kernel: SpatialConvolutionMap (n·k + n) then SpatialConvolution (n·k + 1)
        TorchRandom.manualSeed(11);
        new SpatialSubtractiveNormalization(2, Tensor.of(1, 2, 1));
        fresh = new TorchRandom(11);
        for (int i = 0; i < (6 + 2) + (6 + 1); i++) {
            fresh.uniform(0, 1);
        }
        assertEquals(fresh.uniform(0, 1), TorchRandom.global().uniform(0, 1), 0.0);
    }

    @Test
    void badArgumentsAreRefused() {
        assertEquals("nn.SpatialSubtractiveNormalization: averaging kernel must have ODD dimensions, got size [2, 3]",
                assertThrows(IllegalArgumentException.class,
                        () -> new SpatialSubtractiveNormalization(1, Tensor.zeros(2, 3))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SpatialSubtractiveNormalization(1, Tensor.zeros(3, 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> new SpatialSubtractiveNormalization(1, Tensor.of(1, -2, 1)));
        assertThrows(IllegalArgumentException.class, () -> new SpatialSubtractiveNormalization(0, kernel3x3()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialSubtractiveNormalization(3, kernel3x3()).forward(Tensor.zeros(2, 4, 5, 5)));
        assertEquals("nn.SpatialSubtractiveNormalization: expected input of size [3, H, W] or [N, 3, H, W],"
                + " got [2, 4, 5, 5]", e.getMessage());
    }

    @Test
    void savesTheParametersAndTorchsModuleTree() throws Exception {
        SpatialSubtractiveNormalization m = new SpatialSubtractiveNormalization(2, Tensor.of(1, 2, 1));
        T7Object o = (T7Object) T7Bridge.toT7(m);
        assertEquals(2.0, o.getNumber("nInputPlane"));
        assertEquals(0.0, o.getTensor("kernel").toTensor().maxAbsDiff(m.kernel()));
        T7Table mods = o.getObject("meanestimator").getTable("modules");
        String[] classes = {"nn.SpatialZeroPadding", "nn.SpatialConvolutionMap", "nn.SpatialConvolution",
            "nn.Replicate"};
        assertEquals(classes.length, mods.arrayLength());
        for (int i = 0; i < classes.length; i++) {
            assertEquals(classes[i], ((T7Object) mods.getAt(i)).className());
        }
        T7Object conv = (T7Object) mods.getAt(2);
        assertTrue(conv.getTensor("weight").toTensor().hasSize(1, 2, 3, 1));
        assertEquals("nn.CSubTable", o.getObject("subtractor").className());
        assertEquals("nn.CDivTable", o.getObject("divider").className());
        // read back from the parameters alone, without normalising the kernel again
        SpatialSubtractiveNormalization back = (SpatialSubtractiveNormalization) T7Bridge.toJava(o);
        assertEquals(0.0, back.kernel().maxAbsDiff(m.kernel()));
        Tensor x = Tensor.uniform(-1, 1, 2, 3, 4);
        assertEquals(0.0, back.forward(x).maxAbsDiff(m.forward(x)));
    }
}
