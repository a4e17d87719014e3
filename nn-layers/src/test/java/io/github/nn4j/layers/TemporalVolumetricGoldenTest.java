package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.Torch7;

/**
 * The torch-golden-2 cases of the temporal, volumetric, dropout and product modules through the
 * module API: each module is built with its Java constructor from the case's Lua expression, its
 * weights copied from {@code model.t7}, then forward and backward on the case's input must give
 * Torch's {@code expected.t7}; for modules with weights, {@code TorchRandom.manualSeed(seed)} plus
 * the constructor must give exactly the weights of {@code model.t7}.
 */
class TemporalVolumetricGoldenTest {

    @Test
    void tconv() throws IOException {
        check("tconv", () -> new TemporalConvolution(3, 4, 3));
    }

    @Test
    void tconvBatch() throws IOException {
        check("tconv_batch", () -> new TemporalConvolution(3, 4, 3, 2));
    }

    @Test
    void tmaxpool() throws IOException {
        check("tmaxpool", () -> new TemporalMaxPooling(2));
    }

    @Test
    void tmaxpoolBatch() throws IOException {
        check("tmaxpool_batch", () -> new TemporalMaxPooling(3, 2));
    }

    @Test
    void tsubsampling() throws IOException {
        check("tsubsampling", () -> new TemporalSubSampling(3, 2));
    }

    @Test
    void vconv() throws IOException {
        check("vconv", () -> new VolumetricConvolution(3, 5, 2, 3, 2));
    }

    @Test
    void vconvPadStride() throws IOException {
        check("vconv_pad_stride", () -> new VolumetricConvolution(3, 5, 3, 2, 3, 2, 1, 2, 1, 1, 0));
    }

    @Test
    void vmaxpool() throws IOException {
        check("vmaxpool", () -> new VolumetricMaxPooling(2, 2, 2));
    }

    @Test
    void vmaxpoolStride() throws IOException {
        check("vmaxpool_stride", () -> new VolumetricMaxPooling(2, 3, 2, 1, 2, 1));
    }

    @Test
    void spatialDropoutEvaluate() throws IOException {
        check("spatialdropout_eval", () -> new SpatialDropout(0.3).evaluate());
    }

    @Test
    void volumetricDropoutEvaluate() throws IOException {
        check("volumetricdropout_eval", () -> new VolumetricDropout(0.3).evaluate());
    }

    @Test
    void mm() throws IOException {
        check("mm", MM::new);
        check("mm_2d", MM::new);
        check("mm_transa", () -> new MM(true, false));
        check("mm_transb", () -> new MM(false, true));
    }

    @Test
    void mv() throws IOException {
        check("mv", MV::new);
        check("mv_2d", MV::new);
        check("mv_trans", () -> new MV(true));
    }

    @Test
    void bilinear() throws IOException {
        check("bilinear", () -> new Bilinear(6, 2, 3));
        check("bilinear_nobias", () -> new Bilinear(6, 2, 3, false));
    }

    @SuppressWarnings("unchecked")
    private static void check(String name, Supplier<? extends Module<?, ?>> constructor) throws IOException {
        TorchGolden2.Case c = TorchGolden2.get(name);
        Module<Data, Data> m = (Module<Data, Data>) constructor.get();
        T7Object model = (T7Object) Torch7.load(c.file("model.t7"));
        List<Parameter> ps = m.parameters();
        for (Parameter p : ps) {
            p.value().copy(model.getTensor(p.name()).toTensor());
        }
        assertEquals(model.get("train") == null || Boolean.TRUE.equals(model.get("train")), m.isTraining(),
                name + ": train flag");
        Map<Object, Object> expected = c.expected();
        Data input = (Data) c.load("input.t7");
        m.zeroGradParameters();
        TorchGolden2.assertClose((Data) expected.get("output"), m.forward(input), c.rel(), name + " output");
        if (c.kind().equals("module")) {
            Data gi = m.backward(input, (Data) c.load("gradOutput.t7"));
            TorchGolden2.assertClose((Data) expected.get("gradInput"), gi, c.rel(), name + " gradInput");
            Table grads = new Table();
            for (Parameter p : ps) {
                grads.add(p.grad());
            }
            TorchGolden2.assertClose(TorchGolden2.table(expected.get("gradParams")), grads, c.rel(),
                    name + " gradParams");
        }
        // the same seed gives exactly Torch's initial weights
        TorchRandom.manualSeed(c.seed());
        Module<?, ?> fresh = constructor.get();
        List<Parameter> fp = fresh.parameters();
        assertEquals(ps.size(), fp.size());
        for (Parameter p : fp) {
            Tensor torch = model.getTensor(p.name()).toTensor();
            assertEquals(0.0, torch.maxAbsDiff(p.value()), name + ": " + p.name() + " after manualSeed(" + c.seed() + ")");
        }
    }
}
