package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.examples.Nn4jCommand;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.optim.Dataset;
import io.github.nn4j.torch7.T7Bridge;

/** {@code --model lenet}: the network, its shapes, its {@code .t7} form and a short training run. */
class LenetModelTest {

    private static final List<String> CLASSES = List.of("nn.Add", "nn.MulConstant", "nn.View",
            "nn.SpatialConvolution", "nn.ReLU", "nn.SpatialMaxPooling", "nn.SpatialConvolution", "nn.ReLU",
            "nn.SpatialMaxPooling", "nn.View", "nn.Linear", "nn.ReLU", "nn.Linear", "nn.ReLU", "nn.Linear");

    @TempDir
    Path dir;

    private static Dataset pixels(int n) {
        TorchRandom rng = new TorchRandom(7);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        return new Dataset(Tensor.zeros(n, 784).uniform(rng, 0, 1), labels, 10);
    }

    private static List<String> classesOf(Sequential<Tensor, Tensor> m) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            names.add(m.get(i).torchTypeName());
        }
        return names;
    }

    @Test
    void lenetTakesTheMlpsPixelRowsAndSavesAsTorchClasses() throws IOException {
        Dataset d = pixels(5);
        TorchRandom.manualSeed(3);
        Models.Built b = Models.build(Models.Architecture.lenet, new int[0], d, Models.Normalisation.GLOBAL);
        Sequential<Tensor, Tensor> model = b.model();
        assertEquals(CLASSES, classesOf(model));
        assertEquals(10, b.trainable().size(), "weight and bias of 2 convolutions and 3 Linear layers");
        Tensor batch = model.forward(d.features());
        double[] scores = batch.clone().data();
        assertArrayEquals(new int[] {5, 10}, batch.sizes());
        assertArrayEquals(new int[] {5, 1, 28, 28}, model.get(2).output() instanceof Tensor t ? t.sizes() : null);
        Tensor one = model.forward(d.select(new int[] {0}).features().clone().view(784));
        assertArrayEquals(new int[] {10}, one.sizes());

        Path file = dir.resolve("lenet.t7");
        model.clearState();
        T7Bridge.save(file, model, false);
        @SuppressWarnings("unchecked")
        Sequential<Tensor, Tensor> loaded = (Sequential<Tensor, Tensor>) T7Bridge.loadModule(file);
        assertEquals(CLASSES, classesOf(loaded));
        assertArrayEquals(scores, loaded.forward(d.features()).data(), 1e-12);
    }

    @Test
    void shiftsMoveEachDigitOnePixelInTheFourDirections() {
        double[] x = new double[784];
        x[5 * 28 + 0] = 1; // row 5, column 0: moved left it leaves the image
        x[27 * 28 + 9] = 2; // row 27, column 9: moved down it leaves the image
        Dataset d = TrainCommand.Mnist.shifted(new Dataset(Tensor.fromArray(x, 1, 784), new int[] {7}, 10));
        assertEquals(5, d.size());
        double[] y = d.features().data();
        double[][] expected = new double[5][784];
        expected[0] = x.clone();
        expected[1][27 * 28 + 8] = 2; // left
        expected[2][5 * 28 + 1] = 1; // right
        expected[2][27 * 28 + 10] = 2;
        expected[3][4 * 28] = 1; // up
        expected[3][26 * 28 + 9] = 2;
        expected[4][6 * 28] = 1; // down
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(expected[k], java.util.Arrays.copyOfRange(y, k * 784, (k + 1) * 784), "copy " + k);
            assertEquals(7, d.label(k));
        }
    }

    @Test
    void lenetDefaultsApplyToTheOptionsNotGiven() {
        TrainOptions o = new TrainOptions();
        o.epochs = 15;
        o.learningRate = 0.3;
        o.batchSize = 64;
        o.applyModelDefaults(TrainCommand.Mnist.LENET_DEFAULTS, "--lr"::equals);
        assertEquals(4, o.epochs);
        assertEquals(32, o.batchSize);
        assertEquals(0.3, o.learningRate, 0.0, "given on the command line: kept");
        assertEquals(0.25, o.dropout, 0.0);
    }

    @Test
    void lenetNeeds28By28Images() {
        Dataset d = new Dataset(Tensor.zeros(2, 4), new int[] {0, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Models.build(Models.Architecture.lenet, new int[0], d, Models.Normalisation.GLOBAL));
        assertTrue(e.getMessage().contains("28x28"), e.getMessage());
    }

    @Test
    void aShortRunLearnsTheDigits() {
        // a shortened run of the defaults (the full run takes about a minute): 1,000 digits and their
        // shifted copies, 1 epoch
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "train", "mnist", "--model",
                "lenet", "--epochs", "1", "--train-limit", "1000", "--out", dir.toString());
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().strip().split("\\R");
        Matcher m = Pattern.compile("mnist: held-out accuracy ([0-9.]+) % .*").matcher(lines[lines.length - 1]);
        assertTrue(m.matches(), out.toString());
        assertTrue(Double.parseDouble(m.group(1)) > 70, lines[lines.length - 1]);
    }
}
