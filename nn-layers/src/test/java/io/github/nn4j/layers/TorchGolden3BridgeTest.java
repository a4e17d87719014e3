package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.testing.TorchGolden3;
import io.github.nn4j.torch7.T7Bridge;

/**
 * The cuDNN cases of {@code torch-golden-3} (real Lua Torch7 running cudnn.torch's own Lua code,
 * see its README) that {@link CudnnT7Codecs} reads: loaded from {@code model.t7} (CudaTensor
 * files and FloatTensor files of cudnn classes), forward, gradInput and parameter gradients as
 * {@link TorchGolden2BridgeTest#run}, against Torch's {@code expected.t7}; saved, the file holds
 * only {@code nn.*} classes and reloads to identical results.
 */
class TorchGolden3BridgeTest {

    static List<TorchGolden2.Case> cases() {
        return TorchGolden3.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTorch(TorchGolden2.Case c) throws IOException {
        Module<?, ?> m = T7Bridge.loadModule(c.file("model.t7"));
        Map<Object, Object> expected = c.expected();
        TorchGolden2BridgeTest.Run r = TorchGolden2BridgeTest.run(m, c);
        double rel = TorchGolden3.REL;
        double abs = TorchGolden3.ABS;
        TorchGolden2.assertClose((Data) expected.get("output"), r.output(), rel, abs, c + " output");
        if (r.gradInput() != null) {
            TorchGolden2.assertClose((Data) expected.get("gradInput"), r.gradInput(), rel, abs, c + " gradInput");
            TorchGolden2.assertClose(TorchGolden2.table(expected.get("gradParams")), r.gradParams(), rel, abs,
                    c + " gradParams");
        }
        for (String field : c.extra()) {
            // the running statistics after the forward: runningMean, runningVar, or fbnn's runningStd
            BatchNormalization bn = (BatchNormalization) m;
            Tensor got = switch (field) {
                case "runningMean" -> bn.runningMean();
                case "runningVar" -> bn.runningVar();
                case "runningStd" -> bn.runningStd();
                default -> throw new AssertionError(c + ": unknown extra field " + field);
            };
            TorchGolden2.assertClose((Data) expected.get(field), got, rel, c + " " + field);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void savesPlainNnClasses(TorchGolden2.Case c, @TempDir Path dir) throws IOException {
        Module<?, ?> m = T7Bridge.loadModule(c.file("model.t7"));
        Path f = dir.resolve("m.t7");
        T7Bridge.save(f, m, false);
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains("cudnn.") || bytes.contains("torch.Cuda"), c + ": the saved file names a cudnn class");
        Module<?, ?> back = T7Bridge.loadModule(f);
        assertEquals(m.toString(), back.toString(), c + " toString after reload");
        TorchGolden2BridgeTest.Run a = TorchGolden2BridgeTest.run(T7Bridge.loadModule(c.file("model.t7")), c);
        TorchGolden2BridgeTest.Run b = TorchGolden2BridgeTest.run(back, c);
        TorchGolden2.assertClose(a.output(), b.output(), 0, c + " output after reload");
        if (a.gradInput() != null) {
            TorchGolden2.assertClose(a.gradInput(), b.gradInput(), 0, c + " gradInput after reload");
        }
    }
}
