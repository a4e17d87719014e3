package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;

/** The contract in evaluation mode (deterministic); the random slopes of training on their own. */
class RReLUTest extends ElementWiseContractTest {

    @Override
    protected Module<?, ?> createModule() {
        return new RReLU().evaluate();
    }

    @Override
    protected Module<Tensor, Tensor> createInPlaceModule() {
        return new RReLU(1.0 / 8, 1.0 / 3, true).evaluate();
    }

    @Override
    protected double[] kinks() {
        return new double[] {0};
    }

    @Override
    protected String expectedToString() {
        return "nn.RReLU (l:0.125000, u:0.333333)";
    }

    /** Reseeds the global generator before every forward, so the slopes stay the same. */
    private static final class FrozenSlopes extends Module<Tensor, Tensor> {
        private final RReLU rrelu;
        private final long seed;

        FrozenSlopes(RReLU rrelu, long seed) {
            super(Tensor.empty(), Tensor.empty());
            this.rrelu = rrelu;
            this.seed = seed;
        }

        @Override
        public Tensor updateOutput(Tensor input) {
            TorchRandom.manualSeed(seed);
            output = rrelu.updateOutput(input);
            return output;
        }

        @Override
        public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
            gradInput = rrelu.updateGradInput(input, gradOutput);
            return gradInput;
        }
    }

    @Test
    void newLayerTrainsAndEvaluationUsesTheMeanSlope() {
        RReLU m = new RReLU(0.1, 0.3);
        assertTrue(m.isTraining());
        m.evaluate();
        Tensor x = Tensor.of(-2, 0, 3);
        assertArrayEquals(new double[] {-0.4, 0, 3}, m.forward(x).toArray(), 1e-16);
        assertArrayEquals(new double[] {0.2, 0.2, 1}, m.backward(x, Tensor.filled(1.0, 3)).toArray(), 1e-16);
    }

    @Test
    void trainingDrawsOneSlopePerNonPositiveElementInOrder() {
        Tensor x = awayFromKinks(Tensor.uniform(-2, 2, 6, 7), 0);
        x.data()[3] = 0.0;
        RReLU m = new RReLU(0.1, 0.3);
        TorchRandom.manualSeed(77);
        Tensor y = m.forward(x).clone();
        TorchRandom fresh = new TorchRandom(77);
        for (int i = 0; i < x.numel(); i++) {
            double xi = x.data()[i];
            double slope = xi <= 0 ? fresh.uniform(0.1, 0.3) : 1.0;
            assertEquals(slope, m.noise().data()[i], 0.0, "slope " + i);
            assertEquals(xi <= 0 ? xi * slope : xi, y.data()[i], 0.0, "output " + i);
        }
        assertEquals(fresh.random(), TorchRandom.global().random(), "positive elements draw nothing");
        Tensor g = Tensor.uniform(-1, 1, 6, 7);
        Tensor gi = m.backward(x, g);
        for (int i = 0; i < x.numel(); i++) {
            assertEquals(g.data()[i] * m.noise().data()[i], gi.data()[i], 0.0);
        }
        TorchRandom.manualSeed(77);
        assertEquals(0.0, m.forward(x).maxAbsDiff(y), "the same seed gives the same slopes");
        assertNotEquals(0.0, m.forward(x).maxAbsDiff(y), "the next forward draws new slopes");
    }

    @Test
    void trainingSlopesAreUniformOnTheInterval() {
        TorchRandom.manualSeed(2024);
        RReLU m = new RReLU(0.1, 0.3);
        m.forward(Tensor.filled(-1.0, 100_000));
        double[] r = m.noise().data();
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < 100_000; i++) {
            assertTrue(r[i] >= 0.1 && r[i] < 0.3, "slope " + r[i]);
            sum += r[i];
            sq += r[i] * r[i];
        }
        double mean = sum / 1e5;
        double var = sq / 1e5 - mean * mean;
        // U(0.1, 0.3): mean 0.2 (standard error 1.8e-4), variance 0.04/12 = 3.33e-3
        assertEquals(0.2, mean, 1e-3);
        assertEquals(0.04 / 12, var, 1e-4);
    }

    @Test
    void inPlaceTrainingOverwritesAndMatches() {
        Tensor x = awayFromKinks(Tensor.uniform(-2, 2, 4, 5), 0);
        Tensor g = Tensor.uniform(-1, 1, 4, 5);
        TorchRandom.manualSeed(3);
        RReLU plain = new RReLU();
        Tensor y = plain.forward(x).clone();
        Tensor gi = plain.backward(x, g).clone();
        RReLU inplace = new RReLU(1.0 / 8, 1.0 / 3, true);
        Tensor xi = x.clone();
        Tensor gg = g.clone();
        TorchRandom.manualSeed(3);
        Tensor out = inplace.forward(xi);
        assertTrue(out.sharesStorageWith(xi));
        assertEquals(0.0, xi.maxAbsDiff(y));
        Tensor back = inplace.backward(xi, gg);
        assertTrue(back.sharesStorageWith(gg));
        assertEquals(0.0, gg.maxAbsDiff(gi));
    }

    @Test
    void gradientCheckWithFrozenSlopes() {
        GradientChecker.check(new FrozenSlopes(new RReLU(0.1, 0.3), 11),
                awayFromKinks(Tensor.uniform(-2, 2, 3, 5), 0)).assertPassed(1e-6);
    }

    @Test
    void aNarrowIntervalBacksOffToTheMeanSlopeAsThnn() {
        RReLU m = new RReLU(0.2, 0.2 + 1e-7);
        Tensor x = Tensor.of(-1.0, 2.0);
        m.forward(x);
        double mean = (0.2 + 0.2 + 1e-7) / 2;
        assertArrayEquals(new double[] {mean, 1}, m.backward(x, Tensor.filled(1.0, 2)).toArray(), 0.0);
    }

    @Test
    void boundsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RReLU(0.3, 0.1));
        assertEquals("nn.RReLU: needs 0 <= lower <= upper, got lower 0.3, upper 0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RReLU(-0.1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new RReLU(Double.NaN, 0.1));
    }
}
