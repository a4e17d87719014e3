package io.github.nn4j.layers;

import static io.github.nn4j.layers.SpatialSubtractiveNormalizationTest.estimate;
import static io.github.nn4j.layers.SpatialSubtractiveNormalizationTest.kernel2d;
import static io.github.nn4j.layers.SpatialSubtractiveNormalizationTest.kernel3x3;
import static io.github.nn4j.layers.SpatialSubtractiveNormalizationTest.ones;
import static io.github.nn4j.layers.SpatialSubtractiveNormalizationTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

class SpatialDivisiveNormalizationTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialDivisiveNormalization(3, kernel3x3());
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
        return "nn.SpatialDivisiveNormalization";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 5);
    }

    /** A 1-D kernel (normalised by Σ·√nInputPlane) larger than the image. */
    @Nested
    class OneDimensionalKernel extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialDivisiveNormalization(2, Tensor.of(1, 2, 3, 2, 1), 1e-3, 0.5);
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
            return "nn.SpatialDivisiveNormalization";
        }

        @Override
        protected Data wrongInput() {
            return uniform(1, 3, 3, 2);
        }
    }

    @Test
    void forwardDividesByTheThresholdedLocalStd() {
        for (Tensor kernel : new Tensor[] {kernel3x3(), Tensor.of(1, 3, 1)}) {
            SpatialDivisiveNormalization m = new SpatialDivisiveNormalization(2, kernel, 0.3, 0.7);
            Tensor x = Tensor.uniform(-1, 1, 2, 2, 4, 6);
            // the first sample small, so that its local std falls below the threshold
            for (int i = 0; i < 48; i++) {
                x.data()[i] *= 0.1;
            }
            Tensor y = m.forward(x);
            double[][] k = kernel2d(m.kernel());
            double[][] coef = estimate(ones(2, 4, 6), k);
            int below = 0;
            for (int b = 0; b < 2; b++) {
                double[][][] xs = sample(x, b);
                for (double[][] p : xs) {
                    for (double[] row : p) {
                        for (int s = 0; s < row.length; s++) {
                            row[s] *= row[s];
                        }
                    }
                }
                double[][] var = estimate(xs, k);
                for (int i = 0; i < 2; i++) {
                    for (int r = 0; r < 4; r++) {
                        for (int s = 0; s < 6; s++) {
                            double sd = Math.sqrt(var[r][s]) / coef[r][s];
                            double t = sd > 0.3 ? sd : 0.7;
                            below += sd > 0.3 ? 0 : 1;
                            assertEquals(x.get(b, i, r, s) / t, y.get(b, i, r, s), 1e-13);
                        }
                    }
                }
            }
            assertEquals(true, below > 0 && below < 96, "both sides of the threshold are tested: " + below);
        }
    }

    @Test
    void thresvalDefaultsToTheThreshold() {
        SpatialDivisiveNormalization m = new SpatialDivisiveNormalization(1, kernel3x3(), 0.25);
        assertEquals(0.25, m.thresval());
        SpatialDivisiveNormalization d = new SpatialDivisiveNormalization(2);
        assertEquals(1e-4, d.threshold());
        assertEquals(1e-4, d.thresval());
        assertEquals(1.0 / (81 * 2), d.kernel().get(0, 0), 1e-18);
        assertEquals(1.0 / (3 * Math.sqrt(2)), new SpatialDivisiveNormalization(2, Tensor.of(1, 1, 1)).kernel().get(1),
                1e-16);
    }

    @Test
    void theConstructorDrawsForBothEstimators() {
        TorchRandom.manualSeed(3);
        new SpatialDivisiveNormalization(2, kernel3x3());
        TorchRandom fresh = new TorchRandom(3);
        for (int i = 0; i < 2 * (2 * 9 + 1); i++) {
            fresh.uniform(0, 1);
        }
        assertEquals(fresh.uniform(0, 1), TorchRandom.global().uniform(0, 1), 0.0);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SpatialDivisiveNormalization(2, Tensor.zeros(4)));
        assertThrows(IllegalArgumentException.class,
                () -> new SpatialDivisiveNormalization(2, kernel3x3(), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new SpatialDivisiveNormalization(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpatialDivisiveNormalization(2).forward(Tensor.zeros(3, 5, 5)));
        assertEquals("nn.SpatialDivisiveNormalization: expected input of size [2, H, W] or [N, 2, H, W],"
                + " got [3, 5, 5]", e.getMessage());
    }

    @Test
    void savesTheParametersAndTorchsModuleTree() throws Exception {
        SpatialDivisiveNormalization m = new SpatialDivisiveNormalization(2, kernel3x3(), 0.2, 0.4);
        T7Object o = (T7Object) T7Bridge.toT7(m);
        assertEquals(0.2, o.getNumber("threshold"));
        assertEquals(0.4, o.getNumber("thresval"));
        T7Table std = o.getObject("stdestimator").getTable("modules");
        String[] classes = {"nn.Square", "nn.SpatialZeroPadding", "nn.SpatialConvolution", "nn.Replicate",
            "nn.Sqrt"};
        assertEquals(classes.length, std.arrayLength());
        for (int i = 0; i < classes.length; i++) {
            assertEquals(classes[i], ((T7Object) std.getAt(i)).className());
        }
        assertEquals(0.4, o.getObject("thresholder").getNumber("val"));
        SpatialDivisiveNormalization back = (SpatialDivisiveNormalization) T7Bridge.toJava(o);
        Tensor x = Tensor.uniform(-1, 1, 2, 2, 3, 4);
        assertEquals(0.0, back.forward(x).maxAbsDiff(m.forward(x)));
        assertEquals(0.4, back.thresval());
    }
}
