package io.github.nn4j.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * Every criterion case of the real-Torch golden set (test resources {@code torch-golden/}, see
 * the README there): the Java criterion is built from the fields of Torch's saved
 * {@code criterion.t7}, run on {@code input.t7} and {@code target.t7} (1-based class targets
 * shifted to 0-based), and compared with Torch's {@code expected.t7} loss and gradInput to a
 * relative 1e-12 plus 1e-14 absolute.
 */
class CriterionGoldenTest {

    private static final double REL = 1e-12;
    private static final double ABS = 1e-14;

    static List<String> cases() {
        return List.of("multimargin_p1", "multimargin_p2", "multimargin_margin", "multimargin_weights",
                "multimargin_nosizeavg", "multimargin_1d", "crossentropy", "crossentropy_weights",
                "crossentropy_nosizeavg", "crossentropy_1d", "classnll", "classnll_weights", "classnll_1d",
                "mse", "mse_nosizeavg", "bce", "bce_weights");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesLuaTorch(String name) throws IOException, URISyntaxException {
        Path dir = caseDir(name);
        T7Object saved = (T7Object) Torch7.load(dir.resolve("criterion.t7"));
        Criterion<Tensor, Tensor> criterion = build(saved);
        assertEquals(saved.className(), criterion.torchTypeName(), name);
        Tensor input = Torch7.loadTensor(dir.resolve("input.t7"));
        Tensor target = target(Torch7.load(dir.resolve("target.t7")), isClassCriterion(saved));
        T7Table expected = (T7Table) Torch7.load(dir.resolve("expected.t7"));

        double loss = criterion.forward(input, target);
        Tensor gradInput = criterion.backward(input, target);

        double expectedLoss = expected.getNumber("loss");
        assertEquals(expectedLoss, loss, REL * Math.abs(expectedLoss) + ABS, name + ": loss");
        Tensor expectedGrad = expected.getTensor("gradInput").toTensor();
        assertTrue(expectedGrad.sameSizeAs(gradInput),
                () -> name + ": gradInput size " + gradInput.shapeString() + ", Torch " + expectedGrad.shapeString());
        for (int i = 0; i < expectedGrad.numel(); i++) {
            double e = expectedGrad.data()[i];
            assertEquals(e, gradInput.data()[i], REL * Math.abs(e) + ABS, name + ": gradInput element " + i);
        }
    }

    @Test
    void everyCriterionCaseOfTheGoldenSetIsCovered() throws IOException, URISyntaxException {
        String manifest = Files.readString(caseDir("").resolve("manifest.json"));
        long count = manifest.lines().filter(l -> l.contains("\"kind\": \"criterion\"")).count();
        assertEquals(cases().size(), count, "criterion cases in manifest.json");
        for (String c : cases()) {
            assertTrue(manifest.contains("\"name\": \"" + c + "\""), c);
        }
    }

    /** Builds the Java criterion from the fields Torch saved (its constructor arguments live there). */
    private static Criterion<Tensor, Tensor> build(T7Object saved) {
        boolean sizeAverage = saved.getBoolean("sizeAverage", true);
        switch (saved.className()) {
            case "nn.MultiMarginCriterion":
                return new MultiMarginCriterion(saved.getInt("p", 1), weights(saved), saved.getNumber("margin", 1))
                        .setSizeAverage(sizeAverage);
            case "nn.ClassNLLCriterion": {
                // Lua's ignoreIndex k is Java's k − 1, like the labels (Torch's default −100 is −101)
                int ignoreIndex = saved.getInt("ignoreIndex", -100) - 1;
                assertTrue(ignoreIndex < 0, "ignoreIndex " + ignoreIndex + " is a sentinel");
                return new ClassNLLCriterion(weights(saved), sizeAverage, ignoreIndex);
            }
            case "nn.CrossEntropyCriterion":
                return new CrossEntropyCriterion(weights(saved.getObject("nll")), sizeAverage);
            case "nn.MSECriterion":
                return new MSECriterion(sizeAverage);
            case "nn.BCECriterion":
                return new BCECriterion(weights(saved), sizeAverage);
            default:
                throw new AssertionError("no Java criterion for " + saved.className());
        }
    }

    private static Tensor weights(T7Object saved) {
        T7Tensor w = saved.optTensor("weights");
        return w == null ? null : w.toTensor();
    }

    private static boolean isClassCriterion(T7Object saved) {
        return !saved.className().equals("nn.MSECriterion") && !saved.className().equals("nn.BCECriterion");
    }

    /** The target as Java wants it: Lua's 1-based class indices minus 1 (a number becomes [1]). */
    private static Tensor target(Object loaded, boolean classes) {
        Tensor t = loaded instanceof Double d ? Tensor.of(d) : ((T7Tensor) loaded).toTensor();
        if (classes) {
            for (int i = 0; i < t.numel(); i++) {
                t.data()[i] -= 1;
            }
        }
        return t;
    }

    private static Path caseDir(String name) throws URISyntaxException {
        URL url = CriterionGoldenTest.class.getResource("/torch-golden/" + name);
        assertTrue(url != null, "test resource torch-golden/" + name);
        return Path.of(url.toURI());
    }
}
