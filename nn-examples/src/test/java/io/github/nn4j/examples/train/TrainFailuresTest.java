package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.examples.Nn4jCommand;
import picocli.CommandLine;

/** Issue #15, items 1 and 2: optimiser defaults, option ranges and one-line training failures. */
class TrainFailuresTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        /** The error output, which must be exactly one line. */
        String oneLine() {
            String e = err.strip();
            assertTrue(!e.isEmpty() && e.lines().count() == 1, "expected one stderr line, got:\n" + err);
            return e;
        }
    }

    private static Run nn4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    private static TrainOptions parse(String... args) {
        CommandLine.ParseResult pr = new CommandLine(new TrainCommand()).parseArgs(args);
        CommandLine.ParseResult sub = pr.subcommand();
        Object command = sub.commandSpec().userObject();
        TrainOptions o = command instanceof TrainCommand.Mnist m ? m.options
                : command instanceof TrainCommand.Iris i ? i.options : ((TrainCommand.Spiral) command).options;
        o.applyOptimizerDefaults(sub::hasMatchedOption);
        return o;
    }

    @Test
    void adamHasTorchsLearningRateUnlessLrIsGiven() {
        assertEquals(0.3, parse("mnist").learningRate);
        assertEquals(0.001, parse("mnist", "--optimizer", "adam").learningRate);
        assertEquals(0.001, parse("mnist", "--optimizer", "adam", "--model", "lenet").learningRate);
        assertEquals(0.02, parse("iris", "--optimizer", "adam", "--lr", "0.02").learningRate);
        assertEquals(0.0, parse("iris", "--optimizer", "adam").momentum, "Adam runs without SGD's momentum");
    }

    @Test
    void momentumUnderAdamIsRefused() {
        Run r = nn4j("train", "iris", "--optimizer", "adam", "--momentum", "0.5", "--out", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.oneLine().contains("--momentum applies to --optimizer sgd only"), r.err());
    }

    @Test
    void optionRangesAreChecked() {
        Run r = nn4j("train", "iris", "--momentum", "2");
        assertEquals(2, r.code());
        assertTrue(r.oneLine().contains("--momentum must be in [0, 1), got 2.0"), r.err());
        r = nn4j("train", "iris", "--lr", "0");
        assertEquals(2, r.code());
        assertTrue(r.oneLine().contains("--lr must be a finite number > 0, got 0.0"), r.err());
        r = nn4j("train", "iris", "--lr", "Infinity");
        assertEquals(2, r.code());
        assertTrue(r.oneLine().contains("--lr must be a finite number > 0, got Infinity"), r.err());
    }

    @Test
    void divergenceStopsWithOneLine() {
        Run r = nn4j("train", "iris", "--lr", "1e6", "--out", dir.toString());
        assertEquals(1, r.code(), r.err());
        String line = r.oneLine();
        assertTrue(line.startsWith("nn4j train iris: training diverged: the loss is "), line);
        assertTrue(line.contains("try a smaller learning rate"), line);
        assertTrue(line.endsWith("; --lr was 1000000"), line);
        assertEquals("", r.out(), "no chart and no summary after a divergence");
    }

    @Test
    void sizesBeyondAJavaArrayAreRefusedBeforeTraining() {
        Run r = nn4j("train", "iris", "--hidden", "50000,50000", "--out", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.oneLine().contains("a 50000 x 50000 weight matrix has more elements than a Java array holds"),
                r.err());
        r = nn4j("train", "mnist", "--hidden", "100000000", "--out", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.oneLine().contains("a 100000000 x 784 weight matrix"), r.err());
        r = nn4j("train", "mnist", "--hidden", "100000000", "--out", dir.toString(), "--verbose");
        assertTrue(r.err().lines().count() > 1, "--verbose adds the trace");
    }

    @Test
    void modelsLargerThanTheHeapAreRefusedBeforeTraining() {
        TrainOptions o = parse("mnist", "--hidden", "256");
        TrainingSession session = new TrainingSession("mnist", o, Models.Normalisation.GLOBAL);
        // 784-256-10: 203,530 parameters x 32 bytes = 6.5 MB, plus 64-sample batches' activations
        session.checkFits(784, 10, 64L << 20);
        TrainingSession.Failure e = assertThrows(TrainingSession.Failure.class,
                () -> session.checkFits(784, 10, 4L << 20));
        assertTrue(e.getMessage().contains("203,530 parameters"), e.getMessage());
        assertTrue(e.getMessage().contains("use smaller --hidden sizes or --batch-size"), e.getMessage());
    }
}
