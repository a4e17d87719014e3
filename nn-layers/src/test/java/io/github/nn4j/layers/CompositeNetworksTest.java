package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;

/**
 * Whole networks built from the containers, gates and layers, checked end to end by the gradient
 * checker (gradInput and every parameter gradient, with accumulation), in batch and single-sample
 * form.
 */
class CompositeNetworksTest {

    @BeforeEach
    void seed() {
        TorchRandom.manualSeed(7);
    }

    static Sequential<Tensor, Tensor> mlp() {
        return new Sequential<Tensor, Tensor>().add(new Linear(4, 3)).add(new ReLU()).add(new Linear(3, 2));
    }

    static Sequential<Tensor, Tensor> residual() {
        return new Sequential<Tensor, Tensor>()
                .add(new ConcatTable<Tensor>().add(new Identity()).add(new Linear(4, 4)))
                .add(new CAddTable());
    }

    static ConcatTable<Tensor> tableOutput() {
        return new ConcatTable<Tensor>()
                .add(new Sequential<Tensor, Tensor>().add(new Linear(4, 3)).add(new Tanh()))
                .add(new Identity())
                .add(new Sequential<Tensor, Table>().add(new ConcatTable<Tensor>().add(new Linear(4, 2)).add(new Sigmoid())));
    }

    @Test
    void mlpPassesTheGradientCheck() {
        GradientChecker.check(mlp(), Tensor.uniform(-2, 2, 5, 4)).assertPassed(1e-6);
        GradientChecker.check(mlp(), Tensor.uniform(-2, 2, 4)).assertPassed(1e-6);
        Sequential<Tensor, Tensor> net = mlp();
        Tensor y = net.forward(Tensor.uniform(-1, 1, 5, 4));
        assertEquals("[5, 2]", y.shapeString());
        assertEquals(4, net.parameters().size());
        assertEquals("nn.Sequential {\n"
                + "  [input -> (1) -> (2) -> (3) -> output]\n"
                + "  (1): nn.Linear(4 -> 3)\n"
                + "  (2): nn.ReLU\n"
                + "  (3): nn.Linear(3 -> 2)\n"
                + "}", net.toString());
    }

    @Test
    void residualBlockPassesTheGradientCheck() {
        GradientChecker.check(residual(), Tensor.uniform(-2, 2, 3, 4)).assertPassed(1e-6);
        Sequential<Tensor, Tensor> r = residual();
        Tensor x = Tensor.uniform(-1, 1, 3, 4);
        Tensor y = r.forward(x);
        Linear l = (Linear) ((ConcatTable<?>) r.get(0)).get(1);
        Tensor expected = x.clone().add(l.forward(x));
        assertTrue(y.maxAbsDiff(expected) < 1e-15, "x + Linear(x)");
        assertEquals("nn.Sequential {\n"
                + "  [input -> (1) -> (2) -> output]\n"
                + "  (1): nn.ConcatTable {\n"
                + "    input\n"
                + "      |`-> (1): nn.Identity\n"
                + "       `-> (2): nn.Linear(4 -> 4)\n"
                + "       ... -> output\n"
                + "  }\n"
                + "  (2): nn.CAddTable\n"
                + "}", r.toString());
    }

    @Test
    void concatTableWithANestedTableOutputPassesTheGradientCheck() {
        ConcatTable<Tensor> c = tableOutput();
        Tensor x = Tensor.uniform(-2, 2, 3, 4);
        Table y = c.forward(x);
        assertEquals("{[3, 3], [3, 4], {[3, 2], [3, 4]}}", y.shapeString());
        assertSame(x, y.get(1), "Identity passes the input object through");
        GradientChecker.check(tableOutput(), x).assertPassed(1e-6);
        GradientChecker.check(tableOutput(), Tensor.uniform(-2, 2, 4)).assertPassed(1e-6);
    }
}
