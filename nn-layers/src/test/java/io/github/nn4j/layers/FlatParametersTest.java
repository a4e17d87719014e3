package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.FlatParameters;
import io.github.nn4j.ParameterVector;
import io.github.nn4j.Summary;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.NumericalGradient;

/** Issue #15 item 9: {@code getParameters()} as Torch's, over the modules' own tensors. */
class FlatParametersTest {

    private static Sequential<Tensor, Tensor> net() {
        TorchRandom.manualSeed(3);
        return new Sequential<Tensor, Tensor>().add(new Linear(3, 2)).add(new Tanh()).add(new Linear(2, 1));
    }

    @Test
    void theLayoutIsTorchsDepthFirstWeightBeforeBias() {
        FlatParameters flat = net().getParameters();
        assertEquals(3 * 2 + 2 + 2 * 1 + 1, flat.params().numel());
        assertArrayEquals(new int[] {0, 6, 8, 10}, flat.params().offsets());
        assertArrayEquals(flat.params().offsets(), flat.gradParams().offsets());
    }

    @Test
    void writingTheFlatVectorChangesTheForward() {
        Sequential<Tensor, Tensor> net = net();
        Tensor v = Tensor.uniform(-1, 1, 11);
        Tensor x = Tensor.uniform(-1, 1, 4, 3);
        net.getParameters().params().copyFrom(v);
        Tensor y = net.forward(x);

        double[] p = v.data();
        for (int n = 0; n < 4; n++) {
            // y = W2 · tanh(W1 x + b1) + b2, W1 = p[0..6) as 2x3 rows, b1 = p[6..8), W2 = p[8..10), b2 = p[10]
            double out = p[10];
            for (int j = 0; j < 2; j++) {
                double h = p[6 + j];
                for (int i = 0; i < 3; i++) {
                    h += p[3 * j + i] * x.get(n, i);
                }
                out += p[8 + j] * Math.tanh(h);
            }
            assertEquals(out, y.get(n, 0), 1e-14);
        }
        Linear first = net.get(0);
        net.getParameters().params().put(5.0, 7);
        assertEquals(5.0, first.bias().get(1));
    }

    @Test
    void backwardAccumulatesIntoTheFlatGradient() {
        Sequential<Tensor, Tensor> net = net();
        FlatParameters flat = net.getParameters();
        Tensor x = Tensor.uniform(-1, 1, 4, 3);
        Tensor g = Tensor.uniform(-1, 1, 4, 1);
        net.zeroGradParameters();
        net.forward(x);
        net.backward(x, g);
        Tensor analytic = flat.gradParams().toTensor();

        // d/dv of sum(g ⊙ net(x; v)), by central differences over the flat vector
        Tensor v0 = flat.params().toTensor();
        Tensor numeric = NumericalGradient.of(v -> {
            flat.params().copyFrom(v);
            return net.forward(x).dot(g);
        }, v0, 1e-6);
        flat.params().copyFrom(v0);
        assertTrue(analytic.maxAbsDiff(numeric) < 1e-8, analytic + " vs " + numeric);

        net.forward(x);
        net.backward(x, g);
        Tensor twice = flat.gradParams().toTensor();
        assertTrue(twice.maxAbsDiff(analytic.clone().mul(2)) < 1e-15, "backward accumulates");
    }

    @Test
    void aStepOnTheFlatVectorsIsNetworkSgd() {
        Sequential<Tensor, Tensor> a = net();
        Sequential<Tensor, Tensor> b = net();
        Tensor x = Tensor.uniform(-1, 1, 4, 3);
        Tensor g = Tensor.uniform(-1, 1, 4, 1);
        for (Sequential<Tensor, Tensor> n : java.util.List.of(a, b)) {
            n.zeroGradParameters();
            n.forward(x);
            n.backward(x, g);
        }
        FlatParameters flat = a.getParameters();
        flat.params().add(-0.1, flat.gradParams());
        b.updateParameters(0.1);
        assertArrayEquals(b.getParameters().params().toTensor().data(), flat.params().toTensor().data(), 0.0);
    }

    @Test
    void callingTwiceIsStable() {
        Sequential<Tensor, Tensor> net = net();
        ParameterVector first = net.getParameters().params();
        ParameterVector second = net.getParameters().params();
        assertArrayEquals(first.offsets(), second.offsets());
        second.put(0.25, 3);
        assertEquals(0.25, first.get(3));
        assertEquals(first.toTensor().dot(first.toTensor()), first.dot(second), 0.0);
    }

    @Test
    void aSharedTensorAppearsOnce() {
        Linear a = new Linear(3, 2);
        Linear b = new Linear(3, 2);
        b.share(a, "weight", "bias", "gradWeight", "gradBias");
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(a).add(new Tanh()).add(new Linear(2, 3)).add(b);
        assertEquals(8 + 9, net.getParameters().params().numel());

        Linear c = new Linear(3, 2);
        Linear d = new Linear(3, 2);
        d.share(c, "weight");
        Sequential<Tensor, Tensor> half = new Sequential<Tensor, Tensor>().add(c).add(d);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, half::getParameters);
        assertTrue(e.getMessage().contains("shares its value") && e.getMessage().contains("weight"), e.getMessage());
    }

    @Test
    void aResizedParameterIsReported() {
        Linear l = new Linear(3, 2);
        ParameterVector v = l.getParameters().params();
        l.weight().resize(4, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.fill(0));
        assertTrue(e.getMessage().contains("call it again"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> new Linear(3, 2).getParameters().params().get(3 * 2 + 2));
    }

    @Test
    void theReadmeBlock() {
        Tensor x = Tensor.uniform(-1, 1, 64, 784);
        Tensor gradOutput = Tensor.uniform(-1, 1, 64, 10);
        // README: flat parameters (copied into README.md)
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>()
                .add(new Linear(784, 256)).add(new ReLU()).add(new Linear(256, 10));
        FlatParameters flat = net.getParameters();     // Torch's params, gradParams = net:getParameters()
        ParameterVector params = flat.params();        // 203,530 numbers: the layers' own tensors, no copy
        ParameterVector grads = flat.gradParams();     // the same layout
        net.zeroGradParameters();
        net.forward(x);
        net.backward(x, gradOutput);                   // accumulates into grads
        params.add(-0.1, grads);                       // one SGD step on the whole network
        String table = Summary.of(net, 64, 784).toString(); // output shape and parameters per module
        // README: end

        Linear fc1 = net.get(0);
        assertEquals(params.get(0), fc1.weight().get(0, 0));
        assertEquals(203_530, params.numel());
        assertTrue(table.endsWith("total: 203,530 parameters"), table);
        java.nio.file.Path readme = java.nio.file.Path.of("..", "README.md");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(readme), "README.md beside the module");
        String text;
        try {
            text = java.nio.file.Files.readString(readme);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String shown = text.split("`table` is \\(the test compares it with this block\\):\n\n```\n", 2)[1].split("\n```", 2)[0];
        assertEquals(shown, table);
    }
}
