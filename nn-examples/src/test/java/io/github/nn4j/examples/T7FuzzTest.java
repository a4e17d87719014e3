package io.github.nn4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.nn4j.testing.SharedFixtures;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7FormatException;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Reader;

/**
 * The Jazzer fuzz target for {@code .t7} loading: {@link T7Reader#read(byte[])} then
 * {@link T7Bridge#toJava} (what {@link T7Bridge#loadModule} does). The fuzzer's bytes choose a
 * seed among the golden and wild files of ../shared (read in place at run time; with none, the
 * bytes are the file) and edits to it (overwrites, truncation), or are the file themselves, so
 * the coverage guidance starts from real Torch files without copying them into the project. Any
 * exception other than {@link T7FormatException} and {@link T7ModuleException} is a finding.
 *
 * <p>{@code mvn verify} runs it in fuzzing mode for a few seconds (its own surefire execution
 * with {@code JAZZER_FUZZ=1}, see nn-examples' pom); {@code mvn -Pfuzz -pl nn-examples -am verify}
 * fuzzes {@link #loadModuleLong} for ten minutes. Without {@code JAZZER_FUZZ} (the ordinary
 * surefire run) both methods run in Jazzer's regression mode: the empty input and any inputs
 * Jazzer saved under {@code src/test/resources}.
 */
class T7FuzzTest {

    private static final List<byte[]> SEEDS = seeds();

    private static List<byte[]> seeds() {
        Path fixtures = SharedFixtures.root().resolve("fixtures");
        if (!Files.isDirectory(fixtures)) {
            return List.of();
        }
        try {
            return T7Mutants.seeds(fixtures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The short pass in {@code mvn verify}. */
    @FuzzTest(maxDuration = "5s")
    void loadModule(FuzzedDataProvider data) {
        target(data);
    }

    /** The long pass ({@code mvn -Pfuzz}): ten minutes. */
    @FuzzTest(maxDuration = "10m")
    void loadModuleLong(FuzzedDataProvider data) {
        target(data);
    }

    private static void target(FuzzedDataProvider data) {
        byte[] input;
        if (SEEDS.isEmpty() || data.consumeBoolean()) {
            input = data.consumeRemainingAsBytes();
        } else {
            byte[] seed = SEEDS.get(data.consumeInt(0, SEEDS.size() - 1)).clone();
            int edits = data.consumeInt(0, 8);
            for (int i = 0; i < edits && seed.length > 0; i++) {
                seed[data.consumeInt(0, seed.length - 1)] = data.consumeByte();
            }
            int length = data.consumeBoolean() ? data.consumeInt(0, seed.length) : seed.length;
            input = Arrays.copyOf(seed, length);
        }
        try {
            T7Bridge.toJava(new T7Reader().read(input));
        } catch (T7FormatException | T7ModuleException expected) {
            // the documented outcomes of a malformed or unsupported file
        }
    }
}
