package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.nn4j.FlatParameters;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.optim.Sgd;

/**
 * {@code Module.getParameters()} against Torch's semantics (TORCH_NN.md §1.1 and Torch's
 * {@code Module_getParameters} tests): layout, sizes, sharing, and the module's tensors following
 * the flat vectors.
 */
class GetParametersTest {

    @BeforeEach
    void seed() {
        TorchRandom.manualSeed(3);
    }

    private static Sequential<Tensor, Tensor> twoLinears() {
        return new Sequential<Tensor, Tensor>().add(new Linear(2, 1)).add(new Linear(1, 1));
    }

    @Test
    void layoutIsTorchsDepthFirstWeightBeforeBias() {
        // Torch run (TORCH_NN.md): offsets w1=1, b1=3, w2=4, b2=5 (1-based) for Linear(2,1), Linear(1,1)
        Sequential<Tensor, Tensor> net = twoLinears();
        FlatParameters p = net.getParameters();
        assertEquals(5, p.size());
        assertEquals(5, p.params().numel());
        assertEquals(5, p.grads().numel());
        assertEquals(List.of(0, 2, 3, 4), List.of(p.offset(0), p.offset(1), p.offset(2), p.offset(3)));
        Linear l1 = net.get(0);
        Linear l2 = net.get(1);
        double[] expected = {l1.weight().get(0, 0), l1.weight().get(0, 1), l1.bias().get(0), l2.weight().get(0, 0),
            l2.bias().get(0)};
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], p.params().get(i), 0.0);
        }
        // Torch's Module_getParameters_1: Linear(10, 10) is weights 1..100 then bias 101..110
        Linear big = new Linear(10, 10);
        FlatParameters q = big.getParameters();
        assertEquals(110, q.size());
        assertEquals(100, q.offset(1));
        assertEquals(big.weight().get(3, 7), q.params().get(37), 0.0);
        assertEquals(big.bias().get(9), q.params().get(109), 0.0);
    }

    @Test
    void changingTheFlatVectorChangesTheForward() {
        Sequential<Tensor, Tensor> net = twoLinears();
        FlatParameters p = net.getParameters();
        // w1 = [1, 2], b1 = 3, w2 = 4, b2 = 5: y = 4 * (x0 + 2 x1 + 3) + 5
        for (int i = 0; i < 5; i++) {
            p.params().put(i + 1, i);
        }
        Tensor y = net.forward(Tensor.of(new double[][] {{1, 1}, {-2, 0.5}}));
        assertEquals(4 * (1 + 2 + 3) + 5, y.get(0, 0), 0.0);
        assertEquals(4 * (-2 + 1 + 3) + 5, y.get(1, 0), 0.0);
        Linear l1 = net.get(0);
        assertEquals(2.0, l1.weight().get(0, 1), 0.0);
        // and the other way: a module's own tensor written, the flat vector sees it at the next sync
        l1.bias().put(-3, 0);
        net.forward(Tensor.of(new double[][] {{1, 1}}));
        assertEquals(-3.0, p.params().get(2), 0.0);
        assertEquals(4 * (1 + 2 - 3) + 5, net.output().get(0, 0), 0.0);
    }

    @Test
    void backwardAccumulatesIntoTheFlatGradientAndZeroGradParametersZeroesIt() {
        Sequential<Tensor, Tensor> net = twoLinears();
        FlatParameters p = net.getParameters();
        for (int i = 0; i < 5; i++) {
            p.params().put(i + 1, i);
        }
        Tensor x = Tensor.of(new double[][] {{1, -1}, {2, 0.5}});
        Tensor g = Tensor.of(new double[][] {{1}, {-2}});
        net.zeroGradParameters();
        net.forward(x);
        net.backward(x, g);
        // h = w1.x + b1; y = w2 h + b2. dL/dw2 = sum g h, dL/db2 = sum g, dL/dh = g w2,
        // dL/dw1 = sum (g w2) x, dL/db1 = sum g w2.
        double h0 = 1 * 1 + 2 * -1 + 3;
        double h1 = 1 * 2 + 2 * 0.5 + 3;
        double[] expected = {4 * (1 * 1 + -2 * 2), 4 * (1 * -1 + -2 * 0.5), 4 * (1 - 2), 1 * h0 - 2 * h1, 1 - 2};
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], p.grads().get(i), 1e-12, "element " + i);
        }
        net.forward(x);
        net.backward(x, g);
        for (int i = 0; i < 5; i++) {
            assertEquals(2 * expected[i], p.grads().get(i), 1e-12, "accumulated element " + i);
        }
        net.zeroGradParameters();
        for (int i = 0; i < 5; i++) {
            assertEquals(0.0, p.grads().get(i), 0.0);
        }
        Linear l2 = net.get(1);
        assertEquals(0.0, l2.parameters().get(0).grad().get(0, 0), 0.0);
        // Torch's dx:zero() idiom: zeroing the flat gradient is what the next backward starts from
        net.forward(x);
        net.backward(x, g);
        p.grads().zero();
        net.forward(x);
        net.backward(x, g);
        for (int i = 0; i < 5; i++) {
            assertEquals(expected[i], p.grads().get(i), 1e-12, "after grads().zero(), element " + i);
        }
    }

    @Test
    void callingTwiceGivesTheSameTensorsAndAChangedNetworkIsFlattenedAgain() {
        Sequential<Tensor, Tensor> net = twoLinears();
        FlatParameters p = net.getParameters();
        assertSame(p, net.getParameters());
        assertSame(p.params(), net.getParameters().params());
        assertSame(p.grads(), net.getParameters().grads());
        p.params().put(7, 4);
        net.add(new Linear(1, 3));
        FlatParameters q = net.getParameters();
        assertNotSame(p, q);
        assertEquals(5 + 3 + 3, q.size());
        assertEquals(7.0, q.params().get(4), 0.0);
    }

    @Test
    void sharedParametersAreCountedOnce() {
        Linear a = new Linear(2, 2);
        Linear b = new Linear(2, 2);
        b.share(a, "weight", "bias", "gradWeight", "gradBias");
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(a).add(new Tanh()).add(b)
                .add(new Linear(2, 1));
        FlatParameters p = net.getParameters();
        assertEquals(4 + 2 + 2 + 1, p.size());
        assertEquals(4, p.members().size());
        p.params().put(9.5, 0);
        net.forward(Tensor.zeros(1, 2));
        assertEquals(9.5, b.weight().get(0, 0), 0.0);
    }

    @Test
    void aWeightSharedWithoutItsGradientIsRefusedAsTorchDoes() {
        Linear a = new Linear(3, 2);
        Linear b = new Linear(3, 2);
        b.share(a, "weight", "bias");
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(a).add(b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, net::getParameters);
        assertTrue(e.getMessage().contains("shares its value with weight [2, 3] but not its gradient"), e.getMessage());
    }

    @Test
    void anOptimizerOverTheFlatVectorTrainsTheNetwork() {
        Linear l = new Linear(1, 1);
        FlatParameters p = l.getParameters();
        Sgd sgd = Sgd.of(List.of(new Parameter("flat", p.params(), p.grads())), 0.1);
        Tensor x = Tensor.of(new double[][] {{1}, {2}, {3}});
        Tensor target = Tensor.of(new double[][] {{3}, {5}, {7}}); // y = 2x + 1
        for (int i = 0; i < 2000; i++) {
            l.zeroGradParameters();
            Tensor y = l.forward(x);
            Tensor g = y.clone().add(-1, target).mul(2.0 / 3); // d mean((y - t)^2) / dy
            l.backward(x, g);
            sgd.step();
        }
        l.forward(x);
        assertEquals(2.0, l.weight().get(0, 0), 1e-6);
        assertEquals(1.0, l.bias().get(0), 1e-6);
    }

    @Test
    void aCopyOfAFlattenedModuleIsIndependent() {
        Sequential<Tensor, Tensor> net = twoLinears();
        FlatParameters p = net.getParameters();
        Module<Tensor, Tensor> copy = net.copy();
        FlatParameters q = copy.getParameters();
        assertNotSame(p, q);
        q.params().fill(0);
        copy.forward(Tensor.filled(1, 1, 2));
        assertEquals(0.0, copy.output().get(0, 0), 0.0);
        p.params().put(1, 0);
        assertEquals(0.0, copy.parameters().get(0).value().get(0, 0), 0.0);
    }
}
