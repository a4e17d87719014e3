package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.examples.Nn4jCommand;
import io.github.nn4j.examples.data.IrisData;
import io.github.nn4j.optim.Dataset;
import io.github.nn4j.torch7.T7Bridge;

/**
 * {@code --save}: with codecs for every module of the model the file is written and loads back
 * into a network that classifies the held-out flowers as the run reported; without them the
 * command refuses before training, naming the missing classes.
 */
class SaveModelTest {

    private static final List<String> IRIS_MODEL = List.of("nn.Sequential", "nn.Add", "nn.CMul", "nn.Linear",
            "nn.ReLU");

    @TempDir
    Path dir;

    @Test
    void saveWritesAModelThatLoadsBackOrExplainsWhyNot() throws IOException {
        Path file = dir.resolve("models").resolve("iris.t7");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "train", "iris",
                "--epochs", "20", "--save", file.toString());
        boolean canSave = T7Bridge.supportedClasses().containsAll(IRIS_MODEL);
        if (!canSave) {
            assertEquals(1, code, out + "\n" + err);
            assertTrue(err.toString().contains("no .t7 codec for"), err.toString());
            assertFalse(Files.exists(file));
            return;
        }
        assertEquals(0, code, err.toString());
        assertTrue(Files.isRegularFile(file));
        assertTrue(Files.isRegularFile(dir.resolve("models").resolve("iris-training.png")),
                "the chart goes next to the model");
        String[] lines = out.toString().strip().split("\\R");
        Matcher m = Pattern.compile("iris: held-out accuracy [0-9.]+ % \\((\\d+)/30\\).*").matcher(lines[lines.length - 1]);
        assertTrue(m.matches(), lines[lines.length - 1]);
        @SuppressWarnings("unchecked")
        Module<Tensor, Tensor> loaded = (Module<Tensor, Tensor>) T7Bridge.loadModule(file);
        Dataset all = IrisData.load();
        int[] test = new int[30];
        for (int i = 0; i < 30; i++) {
            test[i] = 5 * i + 4;
        }
        Dataset held = all.select(test);
        loaded.evaluate();
        int[] predicted = loaded.forward(held.features()).max(1).indices();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == held.label(i)) {
                correct++;
            }
        }
        assertEquals(Integer.parseInt(m.group(1)), correct, "the saved model classifies raw inputs as trained");
    }
}
