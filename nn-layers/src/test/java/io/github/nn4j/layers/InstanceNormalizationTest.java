package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;

class InstanceNormalizationTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new InstanceNormalization(2);
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 3, 4);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 3, 4);
    }

    @Override
    protected String expectedToString() {
        return "nn.InstanceNormalization";
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 3, 3, 4);
    }

    /**
     * The Lua classes' own construction, with nn4j's SpatialBatchNormalization (Torch-exact against
     * torch-golden-2's sbn_train): a training-mode SBN of N·C planes with the weight and bias repeated
     * N times, on the input viewed as [1, N·C, H, W]; gradWeight/gradBias are its gradients summed
     * over the batch.
     */
    @Test
    void isTheLuaSpatialBatchNormalizationOfAllPlanes() {
        int n = 3;
        int c = 2;
        InstanceNormalization m = new InstanceNormalization(c, 1e-3);
        m.parameters().get(1).value().copy(Tensor.of(0.3, -0.7));
        Tensor x = Tensor.uniform(-2, 2, n, c, 4, 5);
        Tensor g = Tensor.uniform(-1, 1, n, c, 4, 5);
        SpatialBatchNormalization bn = new SpatialBatchNormalization(n * c, 1e-3);
        for (int k = 0; k < n; k++) {
            for (int p = 0; p < c; p++) {
                bn.parameters().get(0).value().put(m.parameters().get(0).value().get(p), k * c + p);
                bn.parameters().get(1).value().put(m.parameters().get(1).value().get(p), k * c + p);
            }
        }
        Tensor expected = bn.forward(x.view(1, n * c, 4, 5)).clone();
        m.zeroGradParameters();
        bn.zeroGradParameters();
        Tensor expectedGrad = bn.backward(x.view(1, n * c, 4, 5), g.view(1, n * c, 4, 5)).clone();
        Tensor y = m.forward(x).clone();
        Tensor gi = m.backward(x, g);
        assertTrue(y.view(1, n * c, 4, 5).maxAbsDiff(expected) < 1e-13, "output");
        assertTrue(gi.view(1, n * c, 4, 5).maxAbsDiff(expectedGrad) < 1e-13, "gradInput");
        for (int q = 0; q < 2; q++) {
            Tensor summed = Tensor.zeros(c);
            for (int k = 0; k < n; k++) {
                for (int p = 0; p < c; p++) {
                    summed.put(summed.get(p) + bn.parameters().get(q).grad().get(k * c + p), p);
                }
            }
            assertTrue(m.parameters().get(q).grad().maxAbsDiff(summed) < 1e-12, "parameter gradient " + q);
        }
    }

    @Test
    void evaluationModeChangesNothingAndASampleIsABatchOfOne() {
        InstanceNormalization m = new InstanceNormalization(3);
        Tensor x = Tensor.uniform(-2, 2, 2, 3, 4, 4);
        Tensor train = m.forward(x).clone();
        m.evaluate();
        assertEquals(0.0, m.forward(x).maxAbsDiff(train));
        Tensor one = Tensor.uniform(-2, 2, 3, 4, 4);
        Tensor y = m.forward(one).clone();
        assertEquals(0.0, y.view(1, 3, 4, 4).maxAbsDiff(m.forward(one.view(1, 3, 4, 4))));
    }

    /** fast-neural-style's fields (no affine, momentum, running statistics; prev_N) and a used file's bn. */
    @Test
    void readsFastNeuralStylesFieldsAndWritesBothClasses() throws Exception {
        T7Table f = new T7Table();
        f.put("nOutput", 2.0);
        f.put("eps", 1e-3);
        f.put("prev_N", 3.0);
        f.put("weight", T7Tensor.fromTensor(Tensor.of(0.5, 2)));
        f.put("bias", T7Tensor.fromTensor(Tensor.of(0.1, -0.1)));
        f.put("gradWeight", T7Tensor.fromTensor(Tensor.zeros(2)));
        f.put("gradBias", T7Tensor.fromTensor(Tensor.zeros(2)));
        f.put("bn", T7Bridge.toT7(new SpatialBatchNormalization(6, 1e-3)));
        InstanceNormalization m = assertInstanceOf(InstanceNormalization.class,
                T7Bridge.toJava(new T7Object("nn.InstanceNormalization", 1, f)));
        assertTrue(m.isAffine());
        assertEquals(1e-3, m.eps());
        assertEquals(0.0, m.parameters().get(0).value().maxAbsDiff(Tensor.of(0.5, 2)));
        T7Object saved = (T7Object) T7Bridge.toT7(m);
        assertTrue(saved.fields().stringKeys().containsAll(Set.of("nOutput", "eps", "prev_N", "prev_batch_size",
                "momentum", "affine", "running_mean", "running_var", "weight", "bias", "gradWeight", "gradBias")));
        assertEquals(-1.0, saved.getNumber("prev_N"));
        assertFalse(saved.fields().has("bn"));
    }

    /** CycleGAN's affine = false: no weight or bias at all. */
    @Test
    void readsCycleGansNonAffineFields() throws Exception {
        T7Table f = new T7Table();
        f.put("nOutput", 3.0);
        f.put("eps", 1e-5);
        f.put("momentum", 0.0);
        f.put("affine", false);
        f.put("prev_batch_size", -1.0);
        f.put("running_mean", T7Tensor.fromTensor(Tensor.of(0.1, 0.2, 0.3)));
        f.put("running_var", T7Tensor.fromTensor(Tensor.of(1, 2, 3)));
        InstanceNormalization m = assertInstanceOf(InstanceNormalization.class,
                T7Bridge.toJava(new T7Object("nn.InstanceNormalization", 1, f)));
        assertFalse(m.isAffine());
        assertTrue(m.parameters().isEmpty());
        T7Object saved = (T7Object) T7Bridge.toT7(m);
        assertFalse(saved.fields().has("weight"));
        assertEquals(false, saved.fields().get("affine"));
        assertEquals(0.0, ((T7Tensor) saved.fields().get("running_var")).toTensor().maxAbsDiff(Tensor.of(1, 2, 3)));
        // each plane of each sample has mean 0 and biased variance 1 / (1 + eps / var)
        Tensor y = m.forward(Tensor.uniform(-2, 2, 2, 3, 4, 5));
        for (int p = 0; p < 6; p++) {
            double s = 0;
            double q = 0;
            for (int i = 0; i < 20; i++) {
                s += y.data()[p * 20 + i];
                q += y.data()[p * 20 + i] * y.data()[p * 20 + i];
            }
            assertEquals(0.0, s / 20, 1e-12);
            assertEquals(1.0, q / 20, 1e-4);
        }
    }
}
