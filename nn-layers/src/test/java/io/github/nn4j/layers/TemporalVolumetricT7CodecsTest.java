package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * The {@code .t7} codecs of the temporal, volumetric, dropout and product modules: the fields
 * written are exactly those of Torch's own files (the golden {@code model.t7}s), and options that
 * the golden cases leave at their defaults survive a save and reload.
 */
class TemporalVolumetricT7CodecsTest {

    private static final Set<String> COMMON = Set.of("output", "gradInput", "_type", "train");

    /** The samples of these classes for {@link LayersT7CodecsTest}'s round trip of every codec. */
    static void addSamples(Map<String, LayersT7CodecsTest.Sample> s) {
        s.put("nn.TemporalConvolution", new LayersT7CodecsTest.Sample(() -> new TemporalConvolution(3, 2, 2, 2),
                () -> Tensor.uniform(-1, 1, 2, 5, 3)));
        s.put("nn.TemporalMaxPooling", new LayersT7CodecsTest.Sample(() -> new TemporalMaxPooling(2, 1),
                () -> Tensor.uniform(-1, 1, 5, 3)));
        s.put("nn.TemporalSubSampling", new LayersT7CodecsTest.Sample(() -> new TemporalSubSampling(3, 2, 2),
                () -> Tensor.uniform(-1, 1, 5, 3)));
        s.put("nn.VolumetricConvolution", new LayersT7CodecsTest.Sample(
                () -> new VolumetricConvolution(2, 3, 2, 2, 1, 1, 2, 1, 1, 0, 1), () -> Tensor.uniform(-1, 1, 2, 2, 3, 4, 3)));
        s.put("nn.VolumetricMaxPooling", new LayersT7CodecsTest.Sample(
                () -> new VolumetricMaxPooling(2, 2, 2, 1, 2, 1, 1, 0, 1).ceil(), () -> Tensor.uniform(-1, 1, 2, 3, 4, 5)));
        s.put("nn.SpatialDropout", new LayersT7CodecsTest.Sample(() -> new SpatialDropout(0.2).evaluate(),
                () -> Tensor.uniform(-1, 1, 2, 3, 4, 5)));
        s.put("nn.VolumetricDropout", new LayersT7CodecsTest.Sample(() -> new VolumetricDropout(0.4).evaluate(),
                () -> Tensor.uniform(-1, 1, 2, 3, 2, 4, 5)));
        s.put("nn.MM", new LayersT7CodecsTest.Sample(() -> new MM(true, false),
                () -> Table.of(Tensor.uniform(-1, 1, 2, 3, 2), Tensor.uniform(-1, 1, 2, 3, 4))));
        s.put("nn.MV", new LayersT7CodecsTest.Sample(() -> new MV(true),
                () -> Table.of(Tensor.uniform(-1, 1, 3, 2), Tensor.uniform(-1, 1, 3))));
        s.put("nn.Bilinear", new LayersT7CodecsTest.Sample(() -> new Bilinear(3, 2, 4, false),
                () -> Table.of(Tensor.uniform(-1, 1, 2, 3), Tensor.uniform(-1, 1, 2, 2))));
    }

    @Test
    void writesTheFieldsOfTorchsOwnFiles() throws Exception {
        Object[][] cases = {
            {"tconv", new TemporalConvolution(3, 4, 3)},
            {"tmaxpool", new TemporalMaxPooling(2)},
            {"tsubsampling", new TemporalSubSampling(3, 2)},
            {"vconv", new VolumetricConvolution(3, 5, 2, 3, 2)},
            {"vmaxpool", new VolumetricMaxPooling(2, 2, 2)},
            {"spatialdropout_eval", new SpatialDropout(0.3).evaluate()},
            {"volumetricdropout_eval", new VolumetricDropout(0.3).evaluate()},
            {"mm", new MM()},
            {"mv", new MV()},
            {"bilinear", new Bilinear(6, 2, 3)},
            {"bilinear_nobias", new Bilinear(6, 2, 3, false)},
        };
        for (Object[] c : cases) {
            T7Object torch = (T7Object) Torch7.load(TorchGolden2.get((String) c[0]).file("model.t7"));
            T7Object ours = (T7Object) T7Bridge.toT7((Module<?, ?>) c[1]);
            assertEquals(torch.className(), ours.className());
            assertEquals(own(torch), own(ours), c[0] + ": fields");
        }
        T7Object pool = (T7Object) T7Bridge.toT7(new VolumetricMaxPooling(2, 2, 2));
        assertEquals("torch.LongTensor", pool.getTensor("indices").className());
        assertEquals(Boolean.FALSE, pool.get("ceil_mode"));
    }

    @Test
    void optionsSurviveASaveAndReload(@TempDir Path dir) throws Exception {
        VolumetricConvolution conv = (VolumetricConvolution) roundTrip(
                new VolumetricConvolution(1, 2, 1, 1, 1).noBias(), dir);
        assertNull(conv.bias());
        assertEquals(1, conv.parameters().size());
        assertTrue(((VolumetricMaxPooling) roundTrip(new VolumetricMaxPooling(3, 3, 3).ceil(), dir)).isCeilMode());
        assertFalse(((VolumetricMaxPooling) roundTrip(new VolumetricMaxPooling(3, 3, 3), dir)).isCeilMode());
        assertTrue(((SpatialDropout) roundTrip(new SpatialDropout(0.1, true), dir)).isStochasticInference());
        VolumetricDropout vd = (VolumetricDropout) roundTrip(new VolumetricDropout(0.7).evaluate(), dir);
        assertEquals(0.7, vd.p());
        assertFalse(vd.isTraining());
        MM mm = (MM) roundTrip(new MM(false, true), dir);
        assertFalse(mm.isTransA());
        assertTrue(mm.isTransB());
        assertTrue(((MV) roundTrip(new MV(true), dir)).isTrans());
        assertEquals("nn.Bilinear(3x2 -> 4)  without bias", roundTrip(new Bilinear(3, 2, 4, false), dir).toString());
        assertEquals("nn.TemporalConvolution", roundTrip(new TemporalConvolution(3, 2, 2, 2), dir).toString());
    }

    @Test
    void readsLuasDefaults() throws Exception {
        T7Object o = T7Object.withFields("nn.VolumetricConvolution");
        o.fields().put("nInputPlane", 2.0).put("nOutputPlane", 3.0).put("kT", 3.0).put("kW", 3.0).put("kH", 3.0)
                .put("padT", 1.0).put("weight", T7Tensor.fromTensor(Tensor.zeros(3, 2, 3, 3, 3)))
                .put("bias", T7Tensor.fromTensor(Tensor.zeros(3)));
        VolumetricConvolution conv = assertInstanceOf(VolumetricConvolution.class, T7Bridge.toJava(o));
        assertEquals("nn.VolumetricConvolution(2 -> 3, 3x3x3, 1,1,1, 1,1,1)", conv.toString(),
                "padW defaults to padT and padH to padW, as in Lua");
        T7Object p = T7Object.withFields("nn.TemporalMaxPooling");
        p.fields().put("kW", 3.0);
        assertEquals(3, assertInstanceOf(TemporalMaxPooling.class, T7Bridge.toJava(p)).dW(), "dW defaults to kW");
        T7Object d = T7Object.withFields("nn.SpatialDropout");
        assertEquals(0.5, assertInstanceOf(SpatialDropout.class, T7Bridge.toJava(d)).p());
    }

    private static Module<?, ?> roundTrip(Module<?, ?> m, Path dir) throws Exception {
        Path f = dir.resolve("m.t7");
        T7Bridge.save(f, m, false);
        Module<?, ?> back = T7Bridge.loadModule(f);
        assertEquals(m.getClass(), back.getClass());
        assertEquals(m.toString(), back.toString());
        return back;
    }

    private static Set<String> own(T7Object o) {
        Set<String> keys = new TreeSet<>(o.fields().stringKeys());
        keys.removeAll(COMMON);
        return keys;
    }
}
