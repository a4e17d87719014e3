package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Bridge;

/**
 * The torch-golden-2 cases of the pooling, padding and resampling family through the module API:
 * the Java module built with its Java constructor from the case's Lua expression (no weights to
 * copy: these modules have none), forward on {@code input.t7}, backward with {@code gradOutput.t7},
 * compared with real Torch's {@code expected.t7}.
 */
class PoolingGoldenTest {

    static Map<String, Supplier<Module<Tensor, Tensor>>> modules() {
        Map<String, Supplier<Module<Tensor, Tensor>>> m = new LinkedHashMap<>();
        m.put("maxpool", () -> new SpatialMaxPooling(2, 2));
        m.put("maxpool_3d", () -> new SpatialMaxPooling(3, 2, 2, 1));
        m.put("maxpool_pad", () -> new SpatialMaxPooling(3, 3, 2, 2, 1, 1));
        m.put("maxpool_ceil", () -> new SpatialMaxPooling(3, 3, 2, 2).ceil());
        m.put("avgpool", () -> new SpatialAveragePooling(2, 2, 2, 2));
        m.put("avgpool_3d", () -> new SpatialAveragePooling(3, 2, 1, 2));
        m.put("avgpool_pad", () -> new SpatialAveragePooling(3, 3, 2, 2, 1, 1));
        m.put("avgpool_pad_exclude", () -> new SpatialAveragePooling(3, 3, 2, 2, 1, 1).setCountExcludePad());
        m.put("avgpool_ceil", () -> new SpatialAveragePooling(3, 3, 2, 2).ceil());
        m.put("avgpool_ceil_pad", () -> new SpatialAveragePooling(2, 2, 2, 2, 1, 1).ceil());
        m.put("adaptivemax", () -> new SpatialAdaptiveMaxPooling(3, 2));
        m.put("adaptivemax_3d", () -> new SpatialAdaptiveMaxPooling(4, 3));
        m.put("adaptiveavg", () -> new SpatialAdaptiveAveragePooling(3, 2));
        m.put("adaptiveavg_3d", () -> new SpatialAdaptiveAveragePooling(4, 3));
        m.put("maxunpool", () -> {
            SpatialMaxPooling p = new SpatialMaxPooling(2, 2, 2, 2);
            return new Sequential<Tensor, Tensor>().add(p).add(new SpatialMaxUnpooling(p));
        });
        m.put("lppool", () -> new SpatialLPPooling(3, 2, 2, 2, 2, 2));
        m.put("lppool_p3", () -> new SpatialLPPooling(3, 3, 3, 2, 1, 2));
        m.put("zeropad", () -> new SpatialZeroPadding(1, 2, 0, 1));
        m.put("zeropad_crop", () -> new SpatialZeroPadding(-1, 1, 1, -2));
        m.put("reflectpad", () -> new SpatialReflectionPadding(2, 1, 1, 2));
        m.put("reflectpad_3d", () -> new SpatialReflectionPadding(1, 3, 2, 0));
        m.put("replicatepad", () -> new SpatialReplicationPadding(2, 1, 1, 2));
        m.put("replicatepad_3d", () -> new SpatialReplicationPadding(0, 2, 3, 1));
        m.put("upnearest", () -> new SpatialUpSamplingNearest(2));
        m.put("upnearest_3d", () -> new SpatialUpSamplingNearest(3));
        m.put("upbilinear", () -> new SpatialUpSamplingBilinear(2));
        m.put("upbilinear_size", () -> new SpatialUpSamplingBilinear(9, 7));
        return m;
    }

    static Stream<String> cases() {
        return modules().keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void javaConstructorReproducesTorch(String name) {
        TorchGolden2.Case c = TorchGolden2.get(name);
        Module<Tensor, Tensor> m = modules().get(name).get();
        Tensor input = (Tensor) c.load("input.t7");
        Tensor gradOutput = (Tensor) c.load("gradOutput.t7");
        Map<Object, Object> expected = c.expected();
        Tensor y = m.forward(input).deepCopy();
        Tensor gi = m.backward(input, gradOutput).deepCopy();
        TorchGolden2.assertClose((Tensor) expected.get("output"), y, c.rel(), name + " output");
        TorchGolden2.assertClose((Tensor) expected.get("gradInput"), gi, c.rel(), name + " gradInput");
        assertEquals(0, TorchGolden2.table(expected.get("gradParams")).size(), name + ": no parameters");
        // the Java module prints as the one in Torch's file
        assertEquals(c.load("model.t7").toString(), m.toString(), name + " toString");
    }

    @Test
    void unpoolingLoadsSharingItsPoolingModule(@TempDir Path dir) throws IOException {
        Path file = TorchGolden2.get("maxunpool").file("model.t7");
        assertSharing(T7Bridge.loadModule(file));
        for (boolean ascii : new boolean[] {false, true}) {
            Path f = dir.resolve("u" + ascii + ".t7");
            T7Bridge.save(f, T7Bridge.loadModule(file), ascii);
            assertSharing(T7Bridge.loadModule(f));
        }
    }

    private static void assertSharing(Module<?, ?> m) {
        Sequential<?, ?> s = (Sequential<?, ?>) m;
        assertSame(s.get(0), ((SpatialMaxUnpooling) s.get(1)).pooling(),
                "the unpooling's pooling is the Sequential's first module");
    }
}
