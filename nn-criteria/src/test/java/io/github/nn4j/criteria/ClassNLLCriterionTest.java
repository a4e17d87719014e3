package io.github.nn4j.criteria;

import static io.github.nn4j.criteria.CriterionChecks.assertGradient;
import static io.github.nn4j.criteria.CriterionChecks.assertRejected;
import static io.github.nn4j.criteria.CriterionChecks.assertTensor;
import static io.github.nn4j.criteria.CriterionChecks.ints;
import static io.github.nn4j.criteria.CriterionChecks.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

class ClassNLLCriterionTest {

    private static final Tensor X = Tensor.of(new double[][] {{-1, -2, -3}, {-4, -5, -6}});
    /** Lua targets {1, 3}. */
    private static final int[] Y = {0, 2};

    /** TORCH_NN.md [run]: mean loss 3.5, gradient −0.5 at the two targets. */
    @Test
    void torchRunExampleMean() {
        ClassNLLCriterion c = new ClassNLLCriterion();
        assertEquals(3.5, c.forward(X, Y), 1e-15);
        assertEquals(2, c.totalWeight(), 0);
        assertTensor(Tensor.of(new double[][] {{-0.5, 0, 0}, {0, 0, -0.5}}), c.backward(X, Y), 1e-15);
    }

    /** TORCH_NN.md [run]: w = {1, 1, 3} gives 19/4 and gradients −1/4, −3/4. */
    @Test
    void torchRunExampleWeighted() {
        ClassNLLCriterion c = new ClassNLLCriterion(Tensor.of(1, 1, 3));
        assertEquals(4.75, c.forward(X, Y), 1e-15);
        assertEquals(4, c.totalWeight(), 0);
        assertTensor(Tensor.of(new double[][] {{-0.25, 0, 0}, {0, 0, -0.75}}), c.backward(X, Y), 1e-15);
    }

    /** TORCH_NN.md [run]: weighted and sizeAverage = false gives 19 and gradients −1, −3. */
    @Test
    void torchRunExampleWeightedSum() {
        ClassNLLCriterion c = new ClassNLLCriterion(Tensor.of(1, 1, 3), false);
        assertEquals(19, c.forward(X, Y), 1e-15);
        assertTensor(Tensor.of(new double[][] {{-1, 0, 0}, {0, 0, -3}}), c.backward(X, Y), 1e-15);
    }

    @Test
    void oneSampleAveragedGradientIsMinusOneWhateverTheWeight() {
        Tensor x = Tensor.of(-0.5, -1.5, -2.5);
        ClassNLLCriterion c = new ClassNLLCriterion(Tensor.of(2, 3, 4));
        assertEquals(1.5, c.forward(x, 1), 1e-15);
        assertTensor(Tensor.of(0, -1, 0), c.backward(x, 1), 0);
        c.setSizeAverage(false);
        assertEquals(4.5, c.forward(x, 1), 1e-15);
        assertTensor(Tensor.of(0, -3, 0), c.backward(x, 1), 0);
    }

    @Test
    void ignoreIndexSkipsSamplesBeforeTheRangeCheck() {
        Tensor x = Tensor.of(new double[][] {{-1, -2, -3}, {-4, -5, -6}, {-7, -8, -9}});
        // in range: class 1 is ignored
        ClassNLLCriterion c = new ClassNLLCriterion(null, true, 1);
        assertEquals((1 + 9) / 2.0, c.forward(x, new int[] {0, 1, 2}), 1e-15);
        assertEquals(2, c.totalWeight(), 0);
        assertTensor(Tensor.of(new double[][] {{-0.5, 0, 0}, {0, 0, 0}, {0, 0, -0.5}}),
                c.backward(x, new int[] {0, 1, 2}), 0);
        // a sentinel outside [0, C) is let through
        ClassNLLCriterion s = new ClassNLLCriterion(null, true, -1);
        assertEquals(5, s.forward(x, new int[] {-1, 1, -1}), 1e-15);
        assertTensor(Tensor.of(new double[][] {{0, 0, 0}, {0, -1, 0}, {0, 0, 0}}),
                s.backward(x, new int[] {-1, 1, -1}), 0);
        // Torch's default −100 is a sentinel too, not shifted
        ClassNLLCriterion d = new ClassNLLCriterion();
        assertEquals(ClassNLLCriterion.DEFAULT_IGNORE_INDEX, d.ignoreIndex());
        assertEquals(-100, d.ignoreIndex());
        assertEquals(9, d.forward(x, new int[] {-100, -100, 2}), 1e-15);
        assertRejected(() -> d.forward(x, new int[] {-1, 0, 0}), "position 0", "is -1");
    }

    @Test
    void zeroTotalWeightGivesZeroLossAndZeroGradient() {
        Tensor x = Tensor.of(new double[][] {{-1, -2, -3}, {-4, -5, -6}});
        ClassNLLCriterion all = new ClassNLLCriterion(null, true, 2);
        assertEquals(0, all.forward(x, new int[] {2, 2}), 0);
        assertEquals(0, all.totalWeight(), 0);
        assertTensor(Tensor.zeros(2, 3), all.backward(x, new int[] {2, 2}), 0);
        ClassNLLCriterion zeroW = new ClassNLLCriterion(Tensor.of(0, 1, 0));
        assertEquals(0, zeroW.forward(x, Y), 0);
        assertTensor(Tensor.zeros(2, 3), zeroW.backward(x, Y), 0);
        zeroW.setSizeAverage(false);
        assertTensor(Tensor.zeros(2, 3), zeroW.backward(x, Y), 0);
    }

    @ParameterizedTest(name = "weights={0} sizeAverage={1} batch={2} ignore={3}")
    @CsvSource({
        "false, true, false, false", "false, false, false, false", "true, true, false, false",
        "true, false, false, false", "false, true, true, false", "false, false, true, false",
        "true, true, true, false", "true, false, true, false", "true, true, true, true", "false, false, true, true"})
    void gradientCheck(boolean weighted, boolean sizeAverage, boolean batch, boolean ignore) {
        TorchRandom rng = new TorchRandom(21);
        int c = 5;
        int n = batch ? 6 : 1;
        Tensor x = batch ? Tensor.zeros(n, c).uniform(rng, -3, 0) : Tensor.zeros(c).uniform(rng, -3, 0);
        Tensor y = labels(rng, n, c);
        if (ignore) {
            y.put(-7, 2);
        }
        Tensor w = weighted ? Tensor.zeros(c).uniform(rng, 0.2, 2) : null;
        assertGradient(new ClassNLLCriterion(w, sizeAverage, -7), x, y);
    }

    @Test
    void intOverloadsMatchTensorTargetsAndReuseBuffers() {
        TorchRandom rng = new TorchRandom(4);
        Tensor x = Tensor.zeros(5, 4).uniform(rng, -3, 0);
        Tensor y = labels(rng, 5, 4);
        ClassNLLCriterion a = new ClassNLLCriterion(Tensor.of(1, 2, 3, 4));
        ClassNLLCriterion b = new ClassNLLCriterion(Tensor.of(1, 2, 3, 4));
        assertEquals(a.forward(x, y), b.forward(x, ints(y)), 0);
        Tensor g = b.backward(x, ints(y));
        assertTensor(a.backward(x, y), g, 0);
        double[] storage = g.data();
        assertSame(g, b.backward(x, ints(y)));
        assertSame(storage, g.data());
    }

    @Test
    void labelErrorsNamePositionValueAndC() {
        ClassNLLCriterion c = new ClassNLLCriterion();
        assertRejected(() -> c.forward(X, new int[] {0, 3}), "nn.ClassNLLCriterion", "position 1", "is 3",
                "[0, 3)", "C = 3", "0-based");
        assertRejected(() -> c.backward(X, Tensor.of(0.5, 1)), "position 0", "0.5", "not an integer");
        assertRejected(() -> c.forward(Tensor.of(-1, -2), 2), "position 0", "is 2", "C = 2");
    }

    @Test
    void shapeErrorsNameTheCriterionAndBothShapes() {
        ClassNLLCriterion c = new ClassNLLCriterion();
        assertRejected(() -> c.forward(Tensor.zeros(2, 2, 2), Tensor.of(0, 1)), "nn.ClassNLLCriterion",
                "[C] or [B, C]", "[2, 2, 2]");
        assertRejected(() -> c.forward(X, Tensor.zeros(2, 1)), "[2]", "[2, 3]", "got [2, 1]");
        assertRejected(() -> c.forward(Tensor.of(-1, -2, -3), new int[] {0, 1}), "[3]", "got [2]");
        assertRejected(() -> new ClassNLLCriterion(Tensor.of(1, 2)).forward(X, Y), "2 class weights", "[2, 3]",
                "C = 3");
        assertRejected(() -> new ClassNLLCriterion(Tensor.zeros(3, 1)), "1-D", "[3, 1]");
    }

    @Test
    void defaultsAsTorch() {
        ClassNLLCriterion c = new ClassNLLCriterion();
        assertTrue(c.sizeAverage());
        assertEquals(null, c.weights());
        assertEquals("nn.ClassNLLCriterion", c.toString());
    }
}
