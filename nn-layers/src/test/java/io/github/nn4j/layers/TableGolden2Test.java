package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Bridge;

/**
 * The torch-golden-2 cases of the table, container and distance modules through the module API:
 * each Java module is built with its Java constructor from the case's Lua expression, its weights
 * copied from Torch's {@code model.t7}, and run on {@code input.t7}/{@code gradOutput.t7}; and,
 * for modules with weights, {@code TorchRandom.manualSeed(case seed)} plus the constructor gives
 * exactly Torch's weights.
 */
class TableGolden2Test {

    @SuppressWarnings("unchecked")
    private static void check(String name, Module<?, ?> module) throws IOException {
        TorchGolden2.Case c = TorchGolden2.get(name);
        Module<?, ?> torch = T7Bridge.loadModule(c.file("model.t7"));
        List<Parameter> mine = module.parameters();
        List<Parameter> theirs = torch.parameters();
        assertEquals(theirs.size(), mine.size(), name + ": parameter count");
        for (int k = 0; k < mine.size(); k++) {
            mine.get(k).value().copy(theirs.get(k).value());
        }
        Module<Data, Data> m = (Module<Data, Data>) module;
        Map<Object, Object> expected = c.expected();
        Data input = (Data) c.load("input.t7");
        m.zeroGradParameters();
        Data y = TorchGolden2BridgeTest.copy(m.forward(input));
        Data gi = TorchGolden2BridgeTest.copy(m.backward(input, (Data) c.load("gradOutput.t7")));
        Table grads = new Table();
        for (Parameter p : m.parameters()) {
            grads.add(p.grad().deepCopy());
        }
        TorchGolden2.assertClose((Data) expected.get("output"), y, c.rel(), name + " output");
        TorchGolden2.assertClose((Data) expected.get("gradInput"), gi, c.rel(), name + " gradInput");
        TorchGolden2.assertClose(TorchGolden2.table(expected.get("gradParams")), grads, c.rel(), name + " gradParams");
    }

    /** The case's seed and the Java constructor give exactly the weights of its model.t7. */
    private static void sameSeedSameWeights(String name, java.util.function.Supplier<Module<?, ?>> make, int count)
            throws IOException {
        TorchGolden2.Case c = TorchGolden2.get(name);
        List<Parameter> saved = T7Bridge.loadModule(c.file("model.t7")).parameters();
        TorchRandom.manualSeed(c.seed());
        List<Parameter> made = make.get().parameters();
        for (int k = 0; k < count; k++) {
            assertTrue(made.get(k).value().sameSizeAs(saved.get(k).value()), name + ": size of parameter " + k);
            assertEquals(0.0, made.get(k).value().maxAbsDiff(saved.get(k).value()),
                    name + ": same seed, same " + made.get(k).name());
        }
    }

    @Test
    void splitTable() throws IOException {
        check("splittable", new SplitTable(1));
        check("splittable_ninputdims", new SplitTable(0, 2));
        check("splittable_neg", new SplitTable(-1));
    }

    @Test
    void narrowTable() throws IOException {
        check("narrowtable", new NarrowTable(1, 2));
    }

    @Test
    void flattenTable() throws IOException {
        check("flattentable", new FlattenTable());
    }

    @Test
    void parallel() throws IOException {
        check("parallel", new Parallel(0, 1).add(new Linear(6, 3)).add(new Tanh()));
        sameSeedSameWeights("parallel", () -> new Parallel(0, 1).add(new Linear(6, 3)).add(new Tanh()), 2);
    }

    @Test
    void mixtureTable() throws IOException {
        check("mixturetable", new MixtureTable());
        check("mixturetable_tensor", new MixtureTable());
    }

    @Test
    void cdivAndCminTable() throws IOException {
        check("cdivtable", new CDivTable());
        check("cmintable", new CMinTable());
    }

    @Test
    void mapTable() throws IOException {
        // Torch's model holds the module only; its clones, made by the forward, share its weights
        check("maptable", new MapTable(new Linear(6, 3)));
        sameSeedSameWeights("maptable", () -> new MapTable(new Linear(6, 3)), 2);
    }

    @Test
    void euclidean() throws IOException {
        check("euclidean", new Euclidean(6, 3));
        check("euclidean_1d", new Euclidean(6, 3));
        sameSeedSameWeights("euclidean", () -> new Euclidean(6, 3), 1);
        sameSeedSameWeights("euclidean_1d", () -> new Euclidean(6, 3), 1);
    }

    @Test
    void weightedEuclidean() throws IOException {
        check("weightedeuclidean", new WeightedEuclidean(6, 3));
        check("weightedeuclidean_1d", new WeightedEuclidean(6, 3));
        // diagCov is set by the case's `then` statement; the weight is the constructor's draw
        sameSeedSameWeights("weightedeuclidean", () -> new WeightedEuclidean(6, 3), 1);
    }

    @Test
    void cosine() throws IOException {
        check("cosine", new Cosine(6, 3));
        check("cosine_1d", new Cosine(6, 3));
        sameSeedSameWeights("cosine", () -> new Cosine(6, 3), 1);
        sameSeedSameWeights("cosine_1d", () -> new Cosine(6, 3), 1);
    }

    @Test
    void pairs() throws IOException {
        check("cosinedistance", new CosineDistance());
        check("cosinedistance_1d", new CosineDistance());
        check("dotproduct", new DotProduct());
        check("dotproduct_1d", new DotProduct());
        check("pairwise_p2", new PairwiseDistance(2));
        check("pairwise_p1", new PairwiseDistance(1));
    }
}
