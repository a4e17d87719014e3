package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.criteria.CrossEntropyCriterion;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sequential;

/** The README's ten-line example, verbatim between the markers, so the README stays true. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRunsAndLearns() {
        // README example begin
        TorchRandom.manualSeed(1);                                   // same seed, same weights as Lua Torch
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>()
                .add(new Linear(4, 16)).add(new ReLU()).add(new Linear(16, 3));
        CrossEntropyCriterion loss = new CrossEntropyCriterion();    // softmax + NLL, labels 0..C-1
        Tensor x = Tensor.uniform(-1, 1, 8, 4);                       // a batch of 8 samples
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
        double before = loss.forward(net.forward(x), y);              // forward
        net.zeroGradParameters();
        net.backward(x, loss.backward(net.output(), y));              // backward: chain rule
        net.updateParameters(0.1);                                    // one SGD step
        GradientChecker.check(net, x).assertPassed(1e-6);             // analytic vs numerical
        // README example end
        double after = loss.forward(net.forward(x), y);
        assertTrue(after < before, before + " -> " + after);
        assertEquals("nn.Sequential {\n  [input -> (1) -> (2) -> (3) -> output]\n  (1): nn.Linear(4 -> 16)\n"
                + "  (2): nn.ReLU\n  (3): nn.Linear(16 -> 3)\n}", net.toString());
    }
}
