package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.ModuleContractTest;
import io.github.nn4j.testing.SharedFixtures;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.testing.TorchGolden3;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.Torch7;

/** Tanh and average pooling keep the gradient check away from kinks; batch normalisation in training mode. */
class InceptionTest extends ModuleContractTest {

    static Inception.Config smallConfig() {
        return new Inception.Config(2, new int[] {3}, new int[] {2, 2}).kernelSize(3).kernelStride(1)
                .transfer(new Tanh()).pool(new SpatialAveragePooling(3, 3, 1, 1, 1, 1)).batchNorm(true);
    }

    @Override
    protected Module<?, ?> createModule() {
        return new Inception(smallConfig());
    }

    @Override
    protected Data sampleInput() {
        return uniform(2, 4, 5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 4, 5);
    }

    @Override
    protected String expectedToString() {
        return String.join("\n", "nn.Inception @ nn.DepthConcat {",
                "  input",
                "    |`-> (1): nn.Sequential {",
                "    |      [input -> (1) -> (2) -> (3) -> (4) -> (5) -> (6) -> output]",
                "    |      (1): nn.SpatialConvolution(2 -> 2, 1x1)",
                "    |      (2): nn.SpatialBatchNormalization (4D) (2)",
                "    |      (3): nn.Tanh",
                "    |      (4): nn.SpatialConvolution(2 -> 3, 3x3, 1,1, 1,1)",
                "    |      (5): nn.SpatialBatchNormalization (4D) (3)",
                "    |      (6): nn.Tanh",
                "    |    }",
                "     `-> (2): nn.Sequential {",
                "           [input -> (1) -> (2) -> (3) -> (4) -> output]",
                "           (1): nn.SpatialAveragePooling(3x3, 1,1, 1,1)",
                "           (2): nn.SpatialConvolution(2 -> 2, 1x1)",
                "           (3): nn.SpatialBatchNormalization (4D) (2)",
                "           (4): nn.Tanh",
                "         }",
                "     ... -> output",
                "}");
    }

    @Override
    protected Data wrongInput() {
        return uniform(2, 3, 4, 5);
    }

    /** The block dpnn's constructor builds for OpenFace's 3a configuration (torch-golden-3 inception_3a). */
    @Test
    void buildsTheColumnsDpnnBuilds() throws IOException {
        Path dir = SharedFixtures.requireDir("fixtures/torch-golden-3/inception_3a");
        Module<?, ?> lua = T7Bridge.loadModule(dir.resolve("model.t7"));
        Inception java = new Inception(new Inception.Config(3, new int[] {3, 2}, new int[] {2, 3, 2, 3})
                .kernelSize(3, 5).kernelStride(1, 1).pool(new SpatialMaxPooling(3, 3, 1, 1, 1, 1)).batchNorm(true));
        assertEquals(lua.toString(), java.toString());
        List<Parameter> a = lua.parameters();
        List<Parameter> b = java.parameters();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).value().shapeString(), b.get(i).value().shapeString(), "parameter " + i);
        }
    }

    /** OpenFace-style model as FloatTensors (torch-golden-3 openface_small model_float.t7): the same expected.t7. */
    @Test
    void theFloatFileOfTheOpenFaceModelMatchesTorch() throws IOException {
        TorchGolden2.Case c = TorchGolden2.casesIn(SharedFixtures.requireDir("fixtures/torch-golden-3"), "module")
                .stream().filter(k -> k.name().equals("openface_small")).findFirst().orElseThrow();
        TorchGolden2BridgeTest.Run r = TorchGolden2BridgeTest.run(T7Bridge.loadModule(c.file("model_float.t7")), c);
        java.util.Map<Object, Object> expected = c.expected();
        TorchGolden2.assertClose((Data) expected.get("output"), r.output(), TorchGolden3.REL, TorchGolden3.ABS, "output");
        TorchGolden2.assertClose((Data) expected.get("gradInput"), r.gradInput(), TorchGolden3.REL, TorchGolden3.ABS,
                "gradInput");
        TorchGolden2.assertClose(TorchGolden2.table(expected.get("gradParams")), r.gradParams(), TorchGolden3.REL,
                TorchGolden3.ABS, "gradParams");
    }

    @Test
    void savesDpnnsFieldsWithThePoolSharedAndBothModuleFields(@TempDir Path dir) throws IOException {
        Inception m = new Inception(smallConfig());
        Path f = dir.resolve("inception.t7");
        T7Bridge.save(f, m, false);
        T7Object o = (T7Object) Torch7.load(f);
        assertEquals("nn.Inception", o.className());
        Object concat = ((io.github.nn4j.torch7.T7Table) o.fields().get("modules")).getAt(0);
        assertSame(concat, o.fields().get("module"), "module is modules[1] (dpnn before 2017-02-22 reads it)");
        T7Object pool = (T7Object) o.fields().get("pool");
        T7Object column = (T7Object) ((io.github.nn4j.torch7.T7Table) ((T7Object) concat).fields().get("modules")).getAt(1);
        assertSame(pool, ((io.github.nn4j.torch7.T7Table) column.fields().get("modules")).getAt(0), "pool is in its column");
        assertEquals("nn.Tanh", ((T7Object) o.fields().get("transfer")).className());
        Inception back = (Inception) T7Bridge.loadModule(f);
        Tensor x = Tensor.uniform(-1, 1, 2, 2, 4, 5);
        assertEquals(0.0, back.forward(x).maxAbsDiff(m.forward(x)));
        assertEquals(2, back.inputSize());
        assertTrue(back.module() instanceof DepthConcat);
    }
}
