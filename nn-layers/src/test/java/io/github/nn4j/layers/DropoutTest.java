package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;
import io.github.nn4j.testing.TorchGolden2;

/** The contract in evaluation mode (deterministic), and the training mask on its own. */
class DropoutTest extends ModuleContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new Dropout(0.3).evaluate();
    }

    @Override
    protected Data sampleInput() {
        return uniform(5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 5);
    }

    @Override
    protected String expectedToString() {
        return "nn.Dropout(0.300000)";
    }

    @Override
    protected Data wrongInput() {
        return null;
    }

    /** v1 in evaluation mode scales by 1 − p. */
    @Nested
    class V1Evaluation extends ModuleContractTest {

        @Override
        protected Module<?, ?> createModule() {
            return new Dropout(0.25, true, false, false).evaluate();
        }

        @Override
        protected Data sampleInput() {
            return uniform(5);
        }

        @Override
        protected Data batchInput(int batchSize) {
            return uniform(batchSize, 5);
        }

        @Override
        protected String expectedToString() {
            return "nn.Dropout(0.250000)";
        }

        @Override
        protected Data wrongInput() {
            return null;
        }
    }

    /** Reseeds the global generator before every forward, so the mask stays the same. */
    private static final class FrozenMask extends Module<Tensor, Tensor> {
        private final Dropout dropout;
        private final long seed;

        FrozenMask(Dropout dropout, long seed) {
            super(Tensor.empty(), Tensor.empty());
            this.dropout = dropout;
            this.seed = seed;
        }

        @Override
        public Tensor updateOutput(Tensor input) {
            TorchRandom.manualSeed(seed);
            output = dropout.updateOutput(input);
            return output;
        }

        @Override
        public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
            gradInput = dropout.updateGradInput(input, gradOutput);
            return gradInput;
        }
    }

    @Test
    void newLayerTrainsAndPrintsLikeTorch() {
        Dropout d = new Dropout();
        assertTrue(d.isTraining());
        assertEquals("nn.Dropout(0.500000)", d.toString());
        assertEquals("nn.Dropout(0.100000)", d.setp(0.1).toString());
    }

    @Test
    void evaluationIsTheIdentityInV2AndScalesInV1() {
        Tensor x = Tensor.uniform(-1, 1, 3, 4);
        Tensor g = Tensor.uniform(-1, 1, 3, 4);
        Dropout v2 = new Dropout(0.4);
        v2.evaluate();
        assertEquals(0.0, v2.forward(x).maxAbsDiff(x));
        assertEquals(0.0, v2.backward(x, g).maxAbsDiff(g));
        Dropout v1 = new Dropout(0.4, true, false, false);
        v1.evaluate();
        assertEquals(0.0, v1.forward(x).maxAbsDiff(x.clone().mul(0.6)));
        assertEquals(0.0, v1.backward(x, g).maxAbsDiff(g.clone().mul(0.6)));
    }

    @Test
    void maskIsTorchsBernoulliDrawsUnderASeed() {
        TorchRandom.manualSeed(42);
        Dropout d = new Dropout(0.3);
        Tensor x = Tensor.uniform(-1, 1, 20, 30);
        TorchRandom.manualSeed(9);
        Tensor y = d.forward(x).clone();
        Tensor mask = d.noise().clone();
        TorchRandom fresh = new TorchRandom(9);
        for (int i = 0; i < x.numel(); i++) {
            double expected = fresh.bernoulli(0.7) / 0.7;
            assertEquals(expected, mask.data()[i], 0.0, "mask element " + i);
            assertEquals(x.data()[i] * expected, y.data()[i], 0.0, "output element " + i);
        }
        TorchRandom.manualSeed(9);
        assertEquals(0.0, d.forward(x).maxAbsDiff(y), "the same seed gives the same mask");
        assertNotEquals(0.0, d.forward(x).maxAbsDiff(y), "the next forward draws a new mask");
    }

    @Test
    void maskStatisticsMatchP() {
        TorchRandom.manualSeed(123);
        Dropout d = new Dropout(0.3);
        Tensor ones = Tensor.filled(1.0, 200, 500);
        Tensor y = d.forward(ones);
        int zeros = 0;
        double sum = 0;
        for (int i = 0; i < y.numel(); i++) {
            double v = y.data()[i];
            if (v == 0.0) {
                zeros++;
            } else {
                assertEquals(1.0 / 0.7, v, 1e-15, "kept elements are scaled by 1/(1-p)");
            }
            sum += v;
        }
        // 100000 Bernoulli draws: the standard deviation of the zero fraction is 0.00145
        assertEquals(0.3, zeros / 1e5, 0.01);
        assertEquals(1.0, sum / 1e5, 0.02, "inverted dropout keeps the mean");
    }

    @Test
    void backwardMasksTheGradientWithTheForwardMask() {
        Dropout d = new Dropout(0.5);
        Tensor x = Tensor.uniform(-1, 1, 4, 6);
        Tensor g = Tensor.uniform(-1, 1, 4, 6);
        d.forward(x);
        Tensor mask = d.noise().clone();
        Tensor gi = d.backward(x, g);
        for (int i = 0; i < g.numel(); i++) {
            assertEquals(g.data()[i] * mask.data()[i], gi.data()[i], 0.0);
        }
    }

    @Test
    void gradientCheckWithAFrozenMask() {
        GradientChecker.check(new FrozenMask(new Dropout(0.4), 17), Tensor.uniform(-2, 2, 3, 5)).assertPassed(1e-6);
        GradientChecker.check(new FrozenMask(new Dropout(0.4, true, false, false), 17), Tensor.uniform(-2, 2, 7))
                .assertPassed(1e-6);
    }

    @Test
    void v1TrainingMaskIsNotRescaled() {
        Dropout d = new Dropout(0.5, true);
        Tensor y = d.forward(Tensor.filled(2.0, 50));
        for (int i = 0; i < 50; i++) {
            assertTrue(y.data()[i] == 0.0 || y.data()[i] == 2.0);
        }
    }

    @Test
    void inPlaceOverwritesTheInput() {
        Tensor x = Tensor.uniform(-1, 1, 3, 4);
        Tensor g = Tensor.uniform(-1, 1, 3, 4);
        Dropout d = new Dropout(0.5, false, true);
        Tensor y = d.forward(x);
        assertTrue(y.sharesStorageWith(x));
        Tensor gi = d.backward(x, g);
        assertTrue(gi.sharesStorageWith(g));
    }

    @Test
    void stochasticInferenceKeepsSamplingInEvaluation() {
        Dropout d = new Dropout(0.5, false, false, true);
        d.evaluate();
        Tensor y = d.forward(Tensor.filled(1.0, 100));
        int zeros = 0;
        for (int i = 0; i < 100; i++) {
            zeros += y.data()[i] == 0.0 ? 1 : 0;
        }
        assertTrue(zeros > 0 && zeros < 100, "a mask was drawn: " + zeros + " zeros");
    }

    @Test
    void illegalProbabilitiesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0.5).setp(Double.NaN));
    }

    @Test
    void goldenEvaluationIsTheIdentity() throws IOException {
        // torch-golden-2 dropout_eval_4d: nn.Dropout(0.3); m:evaluate() on a 2x3x6x5 input
        Dropout d = new Dropout(0.3);
        d.evaluate();
        TransferFunctionsGolden2Test.run("dropout_eval_4d", d);
        assertTrue(d.noise().numel() == 0, "no mask is drawn in evaluation");
    }

    @Test
    void v1TrainingMaskIsTorchsBernoulliDrawsUnscaled() {
        Dropout d = new Dropout(0.4, true);
        Tensor x = Tensor.uniform(-1, 1, 10, 12);
        Tensor g = Tensor.uniform(-1, 1, 10, 12);
        TorchRandom.manualSeed(31);
        Tensor y = d.forward(x).clone();
        Tensor gi = d.backward(x, g).clone();
        TorchRandom fresh = new TorchRandom(31);
        for (int i = 0; i < x.numel(); i++) {
            double keep = fresh.bernoulli(0.6);
            assertEquals(keep, d.noise().data()[i], 0.0, "mask element " + i);
            assertEquals(x.data()[i] * keep, y.data()[i], 0.0, "output element " + i);
            assertEquals(g.data()[i] * keep, gi.data()[i], 0.0, "gradInput element " + i);
        }
    }

    @Test
    void v2TrainingBackwardScalesByTheInverseKeepProbability() {
        Dropout d = new Dropout(0.25);
        Tensor x = Tensor.filled(1.0, 40);
        Tensor g = Tensor.filled(3.0, 40);
        d.forward(x);
        Tensor gi = d.backward(x, g);
        for (int i = 0; i < 40; i++) {
            double v = gi.data()[i];
            assertTrue(v == 0.0 || v == 3.0 / 0.75, "gradInput " + v);
        }
    }
}
