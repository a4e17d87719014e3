package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.github.nn4j.torch7.T7Tensor;

/** Training mode (the default; batch statistics), with the variants in nested classes. */
class BatchNormalizationTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new BatchNormalization(4);
    }

    /** Training mode has no one-sample form (Torch: "only mini-batch supported"). */
    @Override
    protected Data sampleInput() {
        return null;
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.BatchNormalization (2D) (4)";
    }

    @Override
    protected Data wrongInput() {
        return uniform(3, 5);
    }

    /**
     * Running statistics (and bias) drawn from a generator of their own, so that evaluation mode
     * is not the identity and two modules built alike are alike.
     */
    static void randomStatistics(BatchNormalization m) {
        TorchRandom rng = new TorchRandom(7);
        m.runningMean().uniform(rng, -1, 1);
        m.runningVar().uniform(rng, 0.5, 2);
        if (m.isAffine()) {
            m.bias().uniform(rng, -1, 1);
        }
    }

    @Nested
    class Evaluate extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            BatchNormalization m = new BatchNormalization(4, 1e-3, 0.2);
            randomStatistics(m);
            return m.evaluate();
        }

        @Override
        protected Data sampleInput() {
            return uniform(4);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 4);
        }

        @Override
        protected String expectedToString() {
            return "nn.BatchNormalization (2D) (4)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(5);
        }
    }

    @Nested
    class NoAffine extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            return new BatchNormalization(4, 1e-5, 0.1, false);
        }

        @Override
        protected Data sampleInput() {
            return null;
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 4);
        }

        @Override
        protected String expectedToString() {
            return "nn.BatchNormalization (2D) (4)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(3, 4, 1);
        }
    }

    @Nested
    class NoAffineEvaluate extends ModuleContractTest {
        @Override
        protected Module<?, ?> createModule() {
            BatchNormalization m = new BatchNormalization(4, 1e-5, 0.1, false);
            randomStatistics(m);
            return m.evaluate();
        }

        @Override
        protected Data sampleInput() {
            return uniform(4);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 4);
        }

        @Override
        protected String expectedToString() {
            return "nn.BatchNormalization (2D) (4)";
        }

        @Override
        protected Data wrongInput() {
            return uniform(2, 3);
        }
    }

    // ------------------------------------------------------------------ the formulas

    @Test
    void trainingNormalisesWithBatchStatisticsAndMovesTheRunningOnes() {
        BatchNormalization m = new BatchNormalization(3, 1e-5, 0.3);
        m.bias().copy(Tensor.of(0.1, -0.2, 0.3));
        Tensor rm = Tensor.of(0.5, -0.5, 1.0);
        Tensor rv = Tensor.of(2.0, 0.5, 1.5);
        m.runningMean().copy(rm);
        m.runningVar().copy(rv);
        Tensor x = Tensor.uniform(-2, 2, 5, 3);
        Tensor y = m.forward(x);
        for (int f = 0; f < 3; f++) {
            double mean = 0;
            for (int b = 0; b < 5; b++) {
                mean += x.get(b, f);
            }
            mean /= 5;
            double ss = 0;
            for (int b = 0; b < 5; b++) {
                ss += (x.get(b, f) - mean) * (x.get(b, f) - mean);
            }
            double invstd = 1 / Math.sqrt(ss / 5 + 1e-5);
            for (int b = 0; b < 5; b++) {
                double want = (x.get(b, f) - mean) * invstd * m.weight().get(f) + m.bias().get(f);
                assertEquals(want, y.get(b, f), 1e-13);
            }
            assertEquals(mean, m.saveMean().get(f), 1e-15);
            assertEquals(invstd, m.saveStd().get(f), 1e-13);
            assertEquals(0.3 * mean + 0.7 * rm.get(f), m.runningMean().get(f), 1e-15);
            assertEquals(0.3 * ss / 4 + 0.7 * rv.get(f), m.runningVar().get(f), 1e-14, "unbiased variance");
        }
    }

    @Test
    void evaluationUsesTheRunningStatisticsAndUpdatesNothing() {
        BatchNormalization m = new BatchNormalization(3);
        randomStatistics(m);
        m.evaluate();
        Tensor rm = m.runningMean().clone();
        Tensor rv = m.runningVar().clone();
        Tensor x = Tensor.uniform(-2, 2, 4, 3);
        Tensor y = m.forward(x).clone();
        for (int b = 0; b < 4; b++) {
            for (int f = 0; f < 3; f++) {
                double want = (x.get(b, f) - rm.get(f)) / Math.sqrt(rv.get(f) + 1e-5) * m.weight().get(f)
                        + m.bias().get(f);
                assertEquals(want, y.get(b, f), 1e-13);
            }
        }
        assertEquals(0.0, m.runningMean().maxAbsDiff(rm));
        assertEquals(0.0, m.runningVar().maxAbsDiff(rv));
        // one sample is the batch of one row, shaped like the input
        Tensor row = Tensor.fromArray(java.util.Arrays.copyOfRange(x.data(), 3, 6), 3);
        Tensor one = m.forward(row);
        assertTrue(one.hasSize(3));
        for (int f = 0; f < 3; f++) {
            assertEquals(y.get(1, f), one.get(f), 0.0);
        }
    }

    @Test
    void resetDrawsTheWeightFromU01AndResetsTheStatistics() {
        TorchRandom.manualSeed(5);
        BatchNormalization m = new BatchNormalization(6);
        TorchRandom fresh = new TorchRandom(5);
        for (int f = 0; f < 6; f++) {
            assertEquals(fresh.uniform(0, 1), m.weight().get(f), 0.0, "weight " + f);
            assertEquals(0.0, m.bias().get(f));
        }
        m.forward(Tensor.uniform(-1, 1, 3, 6));
        m.reset();
        assertEquals(0.0, m.runningMean().maxAbsDiff(Tensor.zeros(6)));
        assertEquals(0.0, m.runningVar().maxAbsDiff(Tensor.filled(1, 6)));
        // without affine the constructor draws nothing
        TorchRandom.manualSeed(5);
        assertTrue(new BatchNormalization(6, 1e-5, 0.1, false).parameters().isEmpty());
        assertEquals(new TorchRandom(5).uniform(0, 1), TorchRandom.global().uniform(0, 1), 0.0);
    }

    @Test
    void noAffineHasNoWeightNoBias() {
        BatchNormalization m = new BatchNormalization(3, 1e-5, 0.1, false);
        assertFalse(m.isAffine());
        assertNull(m.weight());
        assertNull(m.bias());
        Tensor y = m.forward(Tensor.uniform(-1, 1, 4, 3));
        double s = 0;
        for (int b = 0; b < 4; b++) {
            s += y.get(b, 1);
        }
        assertEquals(0.0, s, 1e-13, "each feature has zero mean");
    }

    // ------------------------------------------------------------------ errors

    @Test
    void wrongShapesNameTheModuleAndBothShapes() {
        BatchNormalization m = new BatchNormalization(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(4)));
        assertEquals("nn.BatchNormalization (2D) (4): expected input of size [N, 4] (training mode: mini-batches"
                + " only), got [4]", e.getMessage());
        m.evaluate();
        e = assertThrows(IllegalArgumentException.class, () -> m.forward(Tensor.zeros(2, 5)));
        assertEquals("nn.BatchNormalization (2D) (4): expected input of size [N, 4] or [4], got [2, 5]",
                e.getMessage());
        m.training();
        Tensor x = Tensor.uniform(-1, 1, 3, 4);
        m.forward(x);
        e = assertThrows(IllegalArgumentException.class, () -> m.backward(x, Tensor.zeros(3, 2)));
        assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[3, 4]"), e.getMessage());
    }

    @Test
    void backwardInTrainingNeedsAForward() {
        BatchNormalization m = new BatchNormalization(2);
        Tensor x = Tensor.uniform(-1, 1, 3, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.backward(x, x));
        assertTrue(e.getMessage().startsWith("nn.BatchNormalization (2D) (2)"), e.getMessage());
    }

    @Test
    void badConstructorArgumentsAreRefused() {
        assertEquals("nn.BatchNormalization: nOutput must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(0)).getMessage());
        assertEquals("nn.BatchNormalization(3): eps must be finite and >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(3, Double.NaN))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(3, -1e-5));
        assertEquals("nn.BatchNormalization(3): momentum must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(3, 1e-5, 1.5))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNormalization(3, 1e-5, Double.NaN));
        assertEquals("nn.SpatialBatchNormalization: nOutput must be positive, got -2",
                assertThrows(IllegalArgumentException.class, () -> new SpatialBatchNormalization(-2)).getMessage());
    }

    // ------------------------------------------------------------------ .t7

    @Test
    void savesTorchsFieldNames() throws Exception {
        BatchNormalization m = new BatchNormalization(3, 1e-3, 0.2);
        m.forward(Tensor.uniform(-1, 1, 4, 3));
        T7Object o = (T7Object) T7Bridge.toT7(m);
        assertEquals("nn.BatchNormalization", o.className());
        for (String f : new String[] {"running_mean", "running_var", "weight", "bias", "gradWeight", "gradBias",
            "save_mean", "save_std"}) {
            assertTrue(o.get(f) instanceof T7Tensor, f);
        }
        assertEquals(1e-3, o.getNumber("eps"));
        assertEquals(0.2, o.getNumber("momentum"));
        assertEquals(true, o.get("affine"));
        assertEquals(0.0, o.getTensor("running_var").toTensor().maxAbsDiff(m.runningVar()));
        T7Object plain = (T7Object) T7Bridge.toT7(new BatchNormalization(3, 1e-5, 0.1, false));
        assertEquals(false, plain.get("affine"));
        assertFalse(plain.has("weight") || plain.has("bias") || plain.has("save_mean"));
        BatchNormalization back = (BatchNormalization) T7Bridge.toJava(o);
        assertEquals(0.0, back.runningMean().maxAbsDiff(m.runningMean()));
        assertEquals(0.0, back.weight().maxAbsDiff(m.weight()));
        assertEquals(0.0, back.saveStd().maxAbsDiff(m.saveStd()));
        assertEquals(0.2, back.momentum());
    }

    @Test
    void aVersion1FileWithRunningStdIsConvertedAsTorchDoes() throws Exception {
        T7Table f = new T7Table();
        f.put("running_mean", T7Tensor.fromTensor(Tensor.of(0.5, -1)));
        f.put("running_std", T7Tensor.fromTensor(Tensor.of(2, 0.25)));
        f.put("eps", 1e-3);
        f.put("momentum", 0.1);
        f.put("weight", T7Tensor.fromTensor(Tensor.of(1.5, 2)));
        f.put("bias", T7Tensor.fromTensor(Tensor.of(0.1, 0.2)));
        f.put("train", false);
        BatchNormalization m = (BatchNormalization) T7Bridge.toJava(
                new T7Object("nn.BatchNormalization", 1, f));
        assertEquals(Math.pow(2, -2) - 1e-3, m.runningVar().get(0), 0.0);
        assertEquals(Math.pow(0.25, -2) - 1e-3, m.runningVar().get(1), 0.0);
        assertEquals(-1, m.runningMean().get(1), 0.0);
        assertFalse(m.isTraining());
        // the same fields in a version-2 file: running_var is read as it is, running_std ignored
        f.put("running_var", T7Tensor.fromTensor(Tensor.of(3, 4)));
        BatchNormalization v2 = (BatchNormalization) T7Bridge.toJava(new T7Object("nn.BatchNormalization", 2, f));
        assertEquals(0.0, v2.runningVar().maxAbsDiff(Tensor.of(3, 4)));
    }
}
