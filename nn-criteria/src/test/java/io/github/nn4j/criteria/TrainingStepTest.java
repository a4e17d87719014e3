package io.github.nn4j.criteria;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sequential;

/**
 * The acceptance check of the classification criteria: plain SGD on
 * {@code Sequential(Linear(2, 16), ReLU, Linear(16, 3))} with each of them lowers the loss on a
 * fixed small problem (three Gaussian blobs of 10 points each), after one step and clearly after
 * 100.
 */
class TrainingStepTest {

    static Stream<Criterion<Tensor, Tensor>> criteria() {
        return Stream.of(new MultiMarginCriterion(), new CrossEntropyCriterion());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("criteria")
    void sgdStepsLowerTheLoss(Criterion<Tensor, Tensor> criterion) {
        TorchRandom.manualSeed(123);
        TorchRandom rng = new TorchRandom(7);
        int n = 30;
        double[][] centres = {{2, 0}, {-1, 1.7}, {-1, -1.7}};
        Tensor x = Tensor.zeros(n, 2);
        Tensor y = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            x.put(centres[c][0] + rng.normal(0, 0.5), i, 0);
            x.put(centres[c][1] + rng.normal(0, 0.5), i, 1);
            y.put(c, i);
        }
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>()
                .add(new Linear(2, 16)).add(new ReLU()).add(new Linear(16, 3));
        double lr = 0.1;
        double first = step(net, criterion, x, y, lr);
        double second = step(net, criterion, x, y, lr);
        assertTrue(second < first, criterion + ": one SGD step should lower the loss: " + first + " -> " + second);
        double last = second;
        for (int i = 0; i < 100; i++) {
            last = step(net, criterion, x, y, lr);
        }
        assertTrue(last < 0.25 * first, criterion + ": 100 steps should lower the loss a lot: " + first + " -> " + last);
    }

    /** One SGD step; returns the loss before the update. */
    private static double step(Sequential<Tensor, Tensor> net, Criterion<Tensor, Tensor> criterion, Tensor x,
                               Tensor y, double lr) {
        net.zeroGradParameters();
        Tensor out = net.forward(x);
        double loss = criterion.forward(out, y);
        net.backward(x, criterion.backward(out, y));
        net.updateParameters(lr);
        return loss;
    }
}
