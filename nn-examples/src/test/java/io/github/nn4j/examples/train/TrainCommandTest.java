package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.examples.Nn4jCommand;
import picocli.CommandLine;

class TrainCommandTest {

    private static final Pattern SUMMARY = Pattern.compile(
            "^(\\w+): (held-out|training) accuracy ([0-9.]+) % \\((\\d+)/(\\d+)\\), (held-out|training) loss ([0-9.e+-]+) "
                    + "after (\\d+) epochs in [0-9.]+ s$");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }

        double accuracy() {
            Matcher m = SUMMARY.matcher(lastLine());
            assertTrue(m.matches(), "unexpected final line: " + lastLine() + "\nerr: " + err);
            return Double.parseDouble(m.group(3)) / 100;
        }
    }

    private static Run nn4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static BufferedImage readPng(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is not a readable image");
        return image;
    }

    @Test
    void shortSpiralTrainingSeparatesTheSpirals() throws IOException {
        Run r = nn4j("train", "spiral", "--epochs", "400", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.accuracy() >= 0.90, r.lastLine());
        assertTrue(r.lastLine().startsWith("spiral: training accuracy"), r.lastLine());
        BufferedImage regions = readPng(dir.resolve("spiral-regions.png"));
        assertTrue(regions.getWidth() >= 480 && regions.getHeight() >= 480);
        readPng(dir.resolve("spiral-training.png"));
    }

    @Test
    void irisEndToEndThroughTheCommandLine() throws IOException {
        Run r = nn4j("train", "iris", "--epochs", "5", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        Matcher m = SUMMARY.matcher(r.lastLine());
        assertTrue(m.matches(), r.lastLine());
        assertEquals("iris", m.group(1));
        assertEquals("held-out", m.group(2));
        assertEquals("30", m.group(5), "the held-out split is 30 flowers");
        assertEquals("5", m.group(8));
        assertTrue(r.out().contains("chart: " + dir.resolve("iris-training.png")), r.out());
        BufferedImage chart = readPng(dir.resolve("iris-training.png"));
        assertTrue(chart.getWidth() > chart.getHeight());
    }

    @Test
    void irisDefaultsClassifyTheHeldOutFlowers() {
        Run r = nn4j("train", "iris", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.accuracy() >= 0.9, r.lastLine());
    }

    @Test
    void linearSvmWorks() {
        Run r = nn4j("train", "iris", "--model", "linear", "--loss", "svm", "--epochs", "30", "--out",
                dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.accuracy() >= 0.8, r.lastLine());
    }

    @Test
    void linearSoftmaxWithAdamWorks() {
        Run r = nn4j("train", "iris", "--model", "linear", "--optimizer", "adam", "--lr", "0.01", "--epochs", "30",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.accuracy() >= 0.8, r.lastLine());
    }

    @Test
    void oneMnistEpochOnASubsetLearns() {
        Run r = nn4j("train", "mnist", "--epochs", "1", "--train-limit", "1000", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        Matcher m = SUMMARY.matcher(r.lastLine());
        assertTrue(m.matches(), r.lastLine());
        assertEquals("2000", m.group(5), "evaluated on the 2,000 held-out digits");
        assertTrue(r.accuracy() >= 0.6, r.lastLine());
    }

    @Test
    void optionsParseWithPerDataSetDefaults() {
        CommandLine cl = new CommandLine(new TrainCommand());
        CommandLine.ParseResult pr = cl.parseArgs("mnist", "--epochs", "3", "--hidden", "128,64", "--optimizer", "adam",
                "--loss", "svm", "--model", "linear", "--seed", "7", "--save", "m.t7", "--out", "o");
        TrainCommand.Mnist mnist = (TrainCommand.Mnist) pr.subcommand().commandSpec().userObject();
        TrainOptions o = mnist.options;
        assertEquals(3, o.epochs);
        assertEquals(2, o.hidden.length);
        assertEquals(128, o.hidden[0]);
        assertEquals(64, o.hidden[1]);
        assertEquals(TrainOptions.OptimizerKind.adam, o.optimizer);
        assertEquals(TrainOptions.Loss.svm, o.loss);
        assertEquals(Models.Architecture.linear, o.model);
        assertEquals(7, o.seed);
        assertEquals(Path.of("m.t7"), o.save);
        assertEquals(Path.of("o"), o.outputDir());
        // defaults come from the data set's provider
        assertEquals(64, o.batchSize);
        assertEquals(0.9, o.momentum);

        pr = new CommandLine(new TrainCommand()).parseArgs("spiral");
        TrainCommand.Spiral spiral = (TrainCommand.Spiral) pr.subcommand().commandSpec().userObject();
        assertEquals(300, spiral.options.batchSize);
        assertEquals(100, spiral.options.hidden[0]);
        assertEquals(100, spiral.points);
        assertEquals(Path.of("sub", "m.t7").toAbsolutePath().getParent(),
                new CommandLine(new TrainCommand()).parseArgs("iris", "--save", "sub/m.t7").subcommand().commandSpec()
                        .userObject() instanceof TrainCommand.Iris iris ? iris.options.outputDir() : null);
    }

    @Test
    void helpShowsTheDataSetDefaults() {
        Run r = nn4j("train", "mnist", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("(default: 15)"), r.out());
        assertTrue(r.out().contains("--optimizer"), r.out());
        r = nn4j("train", "spiral", "--help");
        assertTrue(r.out().contains("(default: 300)"), r.out());
    }

    @Test
    void wrongEnumValueIsAClearError() {
        Run r = nn4j("train", "mnist", "--optimizer", "rmsprop");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Invalid value for option '--optimizer'"), r.err());
        assertTrue(r.err().contains("sgd, adam"), r.err());
        r = nn4j("train", "iris", "--loss", "hinge");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--loss"), r.err());
    }

    @Test
    void wrongNumbersAreClearErrors() {
        Run r = nn4j("train", "iris", "--epochs", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--epochs must be at least 1, got 0"), r.err());
        r = nn4j("train", "iris", "--lr", "-1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--lr must be a finite number > 0, got -1.0"), r.err());
        r = nn4j("train", "iris", "--hidden", "8,0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--hidden sizes must be positive, got 0"), r.err());
        r = nn4j("train", "iris", "--dropout", "1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--dropout must be in [0, 1), got 1.0"), r.err());
        r = nn4j("train", "iris", "--batch-size", "many");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'--batch-size'"), r.err());
        r = nn4j("train", "iris", "--save", "model.bin");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--save needs a file name ending in .t7"), r.err());
        r = nn4j("train", "mnist", "--data", dir.resolve("missing").toString(), "--epochs", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("train-images-idx3-ubyte"), r.err());
    }

    @Test
    void unknownDataSetIsAnError() {
        Run r = nn4j("train", "cifar");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cifar"), r.err());
    }
}
