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
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;

/** Training mode (the default), with evaluation and no-affine variants nested. */
class SpatialBatchNormalizationTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new SpatialBatchNormalization(3);
    }

    @Override
    protected Data sampleInput() {
        return null;
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 3, 2, 3);
    }

    @Override
    protected String expectedToString() {
        return "nn.SpatialBatchNormalization (4D) (3)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 4, 2, 3);
    }

    @Nested
    class Evaluate extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            SpatialBatchNormalization m = new SpatialBatchNormalization(3, 1e-4, 0.5);
            BatchNormalizationTest.randomStatistics(m);
            return m.evaluate();
        }

        @Override
        protected Data sampleInput() {
            return uniform(3, 2, 3);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 3, 2, 3);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialBatchNormalization (4D) (3)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(3, 2);
        }
    }

    @Nested
    class NoAffine extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new SpatialBatchNormalization(3, 1e-3, 0.3, false);
        }

        @Override
        protected Data sampleInput() {
            return null;
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 3, 2, 2);
        }

        @Override
        protected String expectedToString() {
            return "nn.SpatialBatchNormalization (4D) (3)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 3, 4);
        }
    }

    @Test
    void statisticsRunOverTheBatchAndEveryPosition() {
        SpatialBatchNormalization m = new SpatialBatchNormalization(2, 1e-5, 0.1);
        Tensor x = Tensor.uniform(-2, 2, 3, 2, 4, 5);
        Tensor y = m.forward(x);
        for (int f = 0; f < 2; f++) {
            double mean = 0;
            int n = 3 * 20;
            for (int b = 0; b < 3; b++) {
                for (int i = 0; i < 20; i++) {
                    mean += x.get(b, f, i / 5, i % 5);
                }
            }
            mean /= n;
            double ss = 0;
            for (int b = 0; b < 3; b++) {
                for (int i = 0; i < 20; i++) {
                    double d = x.get(b, f, i / 5, i % 5) - mean;
                    ss += d * d;
                }
            }
            double invstd = 1 / Math.sqrt(ss / n + 1e-5);
            assertEquals((x.get(2, f, 3, 1) - mean) * invstd * m.weight().get(f), y.get(2, f, 3, 1), 1e-13);
            assertEquals(0.1 * mean, m.runningMean().get(f), 1e-15);
            assertEquals(0.1 * ss / (n - 1) + 0.9, m.runningVar().get(f), 1e-14);
        }
    }

    /**
     * fbcunn's running statistics, from its kernel's formulas written out here: a training
     * forward moves running_std towards 1/√(biased var + eps); evaluation is
     * {@code w·(x − running_mean)·running_std + b}, without eps.
     */
    @Test
    void fbnnRunningStdAveragesTheInverseStandardDeviation() {
        double eps = 1e-3;
        double mom = 0.3;
        SpatialBatchNormalization m = new SpatialBatchNormalization(2, eps, mom);
        m.useFbnnRunningStd();
        assertTrue(m.usesFbnnRunningStd());
        double[] rs0 = m.runningStd().data().clone();
        Tensor x = Tensor.uniform(-2, 2, 3, 2, 4, 5);
        m.forward(x);
        double[] rs = m.runningStd().data();
        for (int f = 0; f < 2; f++) {
            double sum = 0;
            double sq = 0;
            for (int n = 0; n < 3; n++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 5; j++) {
                        sum += x.get(n, f, i, j);
                    }
                }
            }
            double mean = sum / 60;
            for (int n = 0; n < 3; n++) {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 5; j++) {
                        sq += (x.get(n, f, i, j) - mean) * (x.get(n, f, i, j) - mean);
                    }
                }
            }
            assertEquals((1 - mom) * rs0[f] + mom / Math.sqrt(sq / 60 + eps), rs[f], 1e-13, "running_std " + f);
        }
        m.evaluate();
        Tensor y = m.forward(x);
        for (int f = 0; f < 2; f++) {
            double v = m.weight().get(f) * (x.get(1, f, 2, 3) - m.runningMean().get(f)) * rs[f] + m.bias().get(f);
            assertEquals(v, y.get(1, f, 2, 3), 1e-13, "evaluation of plane " + f);
        }
    }

    @Test
    void oneSampleInEvaluationEqualsItsBatchOfOne() {
        SpatialBatchNormalization m = new SpatialBatchNormalization(2);
        BatchNormalizationTest.randomStatistics(m);
        m.evaluate();
        Tensor x = Tensor.uniform(-2, 2, 2, 3, 3);
        Tensor one = m.forward(x).clone();
        assertTrue(one.hasSize(2, 3, 3));
        Tensor batch = m.forward(x.view(1, 2, 3, 3));
        assertEquals(0.0, batch.view(2, 3, 3).maxAbsDiff(one));
        m.training();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(x));
        assertEquals("nn.SpatialBatchNormalization (4D) (2): expected input of size [N, 2, H, W] (training mode:"
                + " mini-batches only), got [2, 3, 3]", e.getMessage());
    }

    @Test
    void savesAsItsOwnTorchClass() throws Exception {
        SpatialBatchNormalization m = new SpatialBatchNormalization(2, 1e-5, 0.1, false);
        T7Object o = (T7Object) T7Bridge.toT7(m);
        assertEquals("nn.SpatialBatchNormalization", o.className());
        Object back = T7Bridge.toJava(o);
        assertEquals(SpatialBatchNormalization.class, back.getClass());
        assertEquals(m.toString(), back.toString());
    }
}
