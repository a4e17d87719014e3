package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.nn4j.Module;
import io.github.nn4j.criteria.ClassNLLCriterion;
import io.github.nn4j.criteria.MSECriterion;
import io.github.nn4j.criteria.SmoothL1Criterion;
import io.github.nn4j.examples.Nn4jCommand;
import io.github.nn4j.layers.LogSoftMax;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.torch7.T7Bridge;

/** {@code nn4j train --loss nll|mse|smoothl1}: each trains the iris classifier. */
class TrainLossOptionTest {

    private static final Pattern ACCURACY = Pattern.compile("^iris: held-out accuracy ([0-9.]+) % .* loss ([0-9.]+) .*$");

    @TempDir
    Path dir;

    private String lastLine(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        assertEquals(0, code, err.toString());
        assertEquals("", err.toString());
        String[] lines = out.toString().strip().split("\\R");
        return lines[lines.length - 1];
    }

    @ParameterizedTest(name = "--loss {0}")
    @EnumSource(value = TrainOptions.Loss.class, names = {"nll", "mse", "smoothl1"})
    void eachLossTrainsTheIrisClassifier(TrainOptions.Loss loss) {
        String line = lastLine("train", "iris", "--loss", loss.name(), "--epochs", "60", "--out", dir.toString());
        Matcher m = ACCURACY.matcher(line);
        assertTrue(m.matches(), line);
        assertTrue(Double.parseDouble(m.group(1)) >= 80, line);
    }

    @Test
    void theCriteriaOfTheLosses() {
        assertInstanceOf(ClassNLLCriterion.class, TrainingSession.criterion(TrainOptions.Loss.nll));
        assertInstanceOf(MSECriterion.class, TrainingSession.criterion(TrainOptions.Loss.mse));
        assertInstanceOf(SmoothL1Criterion.class, TrainingSession.criterion(TrainOptions.Loss.smoothl1));
        assertTrue(TrainOptions.Loss.mse.oneHotTargets() && TrainOptions.Loss.smoothl1.oneHotTargets());
        assertTrue(!TrainOptions.Loss.nll.oneHotTargets() && !TrainOptions.Loss.softmax.oneHotTargets());
    }

    /** With nll the saved network ends with its LogSoftMax, as a Torch user would build it. */
    @Test
    void nllSavesTheLogSoftMaxWithTheNetwork() throws IOException {
        Path model = dir.resolve("iris.t7");
        lastLine("train", "iris", "--loss", "nll", "--epochs", "2", "--save", model.toString(), "--out",
                dir.toString());
        Sequential<?, ?> net = assertInstanceOf(Sequential.class, T7Bridge.loadModule(model));
        Module<?, ?> last = net.get(net.size() - 1);
        assertInstanceOf(LogSoftMax.class, last);
    }
}
