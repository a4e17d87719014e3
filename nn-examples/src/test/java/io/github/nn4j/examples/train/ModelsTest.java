package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.examples.data.IrisData;
import io.github.nn4j.layers.Add;
import io.github.nn4j.layers.CMul;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.MulConstant;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.optim.Dataset;

class ModelsTest {

    /** A data set whose features are 0, 1, ..., 11 in 4 rows of 3. */
    private static Dataset counting() {
        double[] x = new double[12];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Dataset(Tensor.fromArray(x, 4, 3), new int[] {0, 1, 0, 1}, 2);
    }

    @Test
    void globalNormalisationIsTheFirstTwoModulesAndStandardisesTheTrainingSet() {
        Dataset d = counting();
        Models.Built b = Models.build(Models.Architecture.mlp, new int[] {5}, d, Models.Normalisation.GLOBAL);
        Sequential<Tensor, Tensor> m = b.model();
        assertEquals(5, m.size());
        Add shift = assertInstanceOf(Add.class, m.get(0));
        assertTrue(shift.isScalar());
        assertInstanceOf(MulConstant.class, m.get(1));
        assertInstanceOf(Linear.class, m.get(2));
        assertInstanceOf(ReLU.class, m.get(3));
        Linear last = assertInstanceOf(Linear.class, m.get(4));
        assertEquals(3, ((Linear) m.get(2)).inputSize());
        assertEquals(2, last.outputSize());
        // mean of 0..11 is 5.5, population variance (12^2 - 1) / 12
        assertEquals(-5.5, shift.bias().data()[0], 1e-12);
        double std = Math.sqrt((144.0 - 1) / 12);
        assertEquals(1 / std, ((MulConstant) m.get(1)).constant(), 1e-12);
        Tensor normalised = ((MulConstant) m.get(1)).forward(shift.forward(d.features()));
        double[] z = normalised.data();
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < normalised.numel(); i++) {
            sum += z[i];
            sq += z[i] * z[i];
        }
        assertEquals(0, sum / 12, 1e-12);
        assertEquals(1, sq / 12, 1e-12);
    }

    @Test
    void normalisationIsNotTrainable() {
        Models.Built b = Models.build(Models.Architecture.mlp, new int[] {5, 4}, counting(),
                Models.Normalisation.PER_FEATURE);
        Map<Tensor, Boolean> trainable = new IdentityHashMap<>();
        for (Parameter p : b.trainable()) {
            trainable.put(p.value(), true);
        }
        // Linear 3-5, 5-4, 4-2: weight and bias each
        assertEquals(6, b.trainable().size());
        assertEquals(3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2, b.trainable().stream().mapToInt(p -> p.value().numel()).sum());
        Add shift = assertInstanceOf(Add.class, b.model().get(0));
        CMul scale = assertInstanceOf(CMul.class, b.model().get(1));
        assertTrue(!trainable.containsKey(shift.bias()) && !trainable.containsKey(scale.weight()));
    }

    @Test
    void backwardStopsAtTheFirstTrainedLayerWithTheSameTrainedGradients() {
        Dataset d = counting();
        Models.Built b = Models.build(Models.Architecture.mlp, new int[] {5}, d, Models.Normalisation.GLOBAL);
        Sequential<Tensor, Tensor> m = b.model();
        assertEquals(2, m.backwardStop(), "the first Linear, after Add and MulConstant");
        Tensor g = Tensor.uniform(-1, 1, 4, 2);
        m.zeroGradParameters();
        m.forward(d.features());
        m.backward(d.features(), g);
        Tensor[] stopped = b.trainable().stream().map(p -> p.grad().clone()).toArray(Tensor[]::new);
        m.backwardToInput();
        m.zeroGradParameters();
        m.forward(d.features());
        assertTrue(m.backward(d.features(), g) != null, "Torch's backward computes the input's gradient");
        for (int k = 0; k < stopped.length; k++) {
            assertEquals(0.0, stopped[k].maxAbsDiff(b.trainable().get(k).grad()), "trained parameter " + k);
        }
        Models.Built plain = Models.build(Models.Architecture.linear, null, d, Models.Normalisation.NONE);
        assertEquals(0, plain.model().backwardStop());
    }

    @Test
    void perFeatureNormalisationOfIris() {
        Dataset iris = IrisData.load();
        Models.Built b = Models.build(Models.Architecture.linear, null, iris, Models.Normalisation.PER_FEATURE);
        assertEquals(3, b.model().size());
        Tensor z = ((CMul) b.model().get(1)).forward(
                ((Add) b.model().get(0)).forward(iris.features()));
        double[] v = z.data();
        for (int j = 0; j < 4; j++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < iris.size(); i++) {
                sum += v[i * 4 + j];
                sq += v[i * 4 + j] * v[i * 4 + j];
            }
            assertEquals(0, sum / iris.size(), 1e-9, "feature " + j);
            assertEquals(1, sq / iris.size(), 1e-9, "feature " + j);
        }
        Linear linear = assertInstanceOf(Linear.class, b.model().get(2));
        assertEquals(4, linear.inputSize());
        assertEquals(3, linear.outputSize());
    }

    @Test
    void withoutNormalisationTheModelStartsWithTheClassifier() {
        Models.Built b = Models.build(Models.Architecture.linear, new int[] {100}, counting(),
                Models.Normalisation.NONE);
        assertEquals(1, b.model().size());
        assertEquals(b.model().parameters().size(), b.trainable().size());
    }

    @Test
    void dropoutFollowsEachHiddenReLU() {
        Models.Built b = Models.build(Models.Architecture.mlp, new int[] {5, 4}, 0.25, counting(),
                Models.Normalisation.NONE);
        Sequential<Tensor, Tensor> m = b.model();
        assertEquals(7, m.size());
        assertInstanceOf(Dropout.class, m.get(2));
        assertInstanceOf(Dropout.class, m.get(5));
        assertEquals(0.25, ((Dropout) m.get(2)).p());
        assertThrows(IllegalArgumentException.class, () -> Models.build(Models.Architecture.mlp, new int[] {5}, 1.0,
                counting(), Models.Normalisation.NONE));
    }

    @Test
    void anMlpNeedsPositiveHiddenSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.build(
                Models.Architecture.mlp, new int[] {3, -1}, counting(), Models.Normalisation.NONE));
        assertTrue(e.getMessage().contains("got -1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Models.build(Models.Architecture.mlp, new int[0],
                counting(), Models.Normalisation.NONE));
    }
}
