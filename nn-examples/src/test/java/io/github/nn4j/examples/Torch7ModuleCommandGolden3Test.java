package io.github.nn4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.testing.TorchGolden3;

/**
 * The cuDNN cases of torch-golden-3 that nn4j reads, through {@code nn4j torch7 backward} (and
 * {@code forward} for the forward-only ones), as {@link Torch7ModuleCommandGolden2Test} checks
 * torch-golden-2: CudaTensor files of {@code cudnn.*} classes loaded by the command line.
 */
class Torch7ModuleCommandGolden3Test {

    static List<TorchGolden2.Case> cases() {
        return TorchGolden3.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void commandLineMatchesTorch(TorchGolden2.Case c, @TempDir Path dir) throws IOException {
        Torch7ModuleCommandGolden2Test.assertCommandMatches(c, dir, TorchGolden3.REL, TorchGolden3.ABS);
    }
}
