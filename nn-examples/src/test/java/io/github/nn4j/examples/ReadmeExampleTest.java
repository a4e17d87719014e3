package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Module;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.criteria.CrossEntropyCriterion;
import io.github.nn4j.criteria.MSECriterion;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.SoftMax;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.optim.ConfusionMatrix;
import io.github.nn4j.optim.Dataset;
import io.github.nn4j.optim.EpochResult;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.optim.Trainer;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.Torch7;

/** The README's examples, verbatim between the markers, so the README stays true. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRunsAndLearns() {
        // README example begin
        TorchRandom.manualSeed(1);                                   // same seed, same weights as Lua Torch
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>()
                .add(new Linear(4, 16)).add(new ReLU()).add(new Linear(16, 3));
        CrossEntropyCriterion loss = new CrossEntropyCriterion();    // softmax + NLL, labels 0..C-1
        Tensor x = Tensor.uniform(-1, 1, 8, 4);                       // a batch of 8 samples
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
        double before = loss.forward(net.forward(x), y);              // forward
        net.zeroGradParameters();
        net.backward(x, loss.backward(net.output(), y));              // backward: chain rule
        net.updateParameters(0.1);                                    // one SGD step
        GradientChecker.check(net, x).assertPassed(1e-6);             // analytic vs numerical
        // README example end
        double after = loss.forward(net.forward(x), y);
        assertTrue(after < before, before + " -> " + after);
        assertEquals("nn.Sequential {\n  [input -> (1) -> (2) -> (3) -> output]\n  (1): nn.Linear(4 -> 16)\n"
                + "  (2): nn.ReLU\n  (3): nn.Linear(16 -> 3)\n}", net.toString());
    }

    @Test
    void theReadmeRegressionExampleFitsTheSine() {
        // README regression example begin
        TorchRandom.manualSeed(1);
        Tensor x = Tensor.uniform(-Math.PI, Math.PI, 256, 1);            // 256 samples of one feature
        Tensor y = Tensor.normal(0, 0.1, 256, 1);                         // noise ...
        for (int i = 0; i < 256; i++) {
            y.data()[i] += Math.sin(x.data()[i]);                         // ... plus sin x: targets [256, 1]
        }
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>()
                .add(new Linear(1, 32)).add(new Tanh()).add(new Linear(32, 1));
        Trainer trainer = Trainer.builder(net, new MSECriterion(),
                Sgd.builder().learningRate(0.1).momentum(0.9).build(net.parameters()))
                .batchSize(32).epochs(300).build();
        List<EpochResult> history = trainer.fit(Dataset.regression(x, y)); // tensor targets: no accuracy
        // README regression example end
        double first = history.get(0).meanLoss();
        double last = history.get(history.size() - 1).meanLoss();
        assertTrue(last < first / 10 && last < 0.03, first + " -> " + last);
        assertEquals(Math.sin(1), net.forward(Tensor.of(new double[][] {{1}})).get(0, 0), 0.2);
    }

    @Test
    void theReadmePortingExampleNeedsNoCast(@TempDir Path dir) throws IOException {
        TorchRandom.manualSeed(1);
        Path modelFile = dir.resolve("model.t7");
        Path trainedFile = dir.resolve("trained.t7");
        Path dataFile = dir.resolve("data.t7");
        Path inputFile = dir.resolve("input.t7");
        Sequential<Tensor, Tensor> lua = new Sequential<Tensor, Tensor>().add(new Linear(4, 3)).add(new Tanh());
        Tensor input = Tensor.uniform(-1, 1, 2, 4);
        T7Bridge.save(modelFile, lua, false);
        T7Bridge.save(dataFile, input, true);
        T7Bridge.save(inputFile, input, false);
        // README porting example begin
        Module<Tensor, Tensor> net = T7Bridge.loadTensorModule(modelFile); // refused unless Tensor -> Tensor
        Tensor y = net.forward(input);                                      // no cast
        T7Bridge.save(trainedFile, net, false);                             // loads again in Lua Torch
        Sequential<Tensor, Tensor> classifier = new Sequential<Tensor, Tensor>()
                .add(net).add(new SoftMax()).evaluate();                    // modes and reset() keep the type
        Sequential<Tensor, Tensor> body = classifier.get(0);                // get(i) is typed by the assignment
        Linear fc = body.get(0);
        Object any = Torch7.load(dataFile);                                 // plain objects: tables, tensors, ...
        Tensor t = Torch7.loadTensor(inputFile);                            // any element type -> double
        // README porting example end
        assertArrayEquals(lua.forward(input).data(), y.data(), 0.0);
        assertArrayEquals(((Linear) lua.get(0)).weight().data(), fc.weight().data(), 0.0);
        assertFalse(body.isTraining());
        assertInstanceOf(io.github.nn4j.torch7.T7Tensor.class, any);
        assertArrayEquals(input.data(), t.data(), 0.0);
        assertArrayEquals(y.data(), T7Bridge.loadTensorModule(trainedFile).forward(input).data(), 0.0);
    }

    @Test
    void theReadmeConfusionExampleCountsTheArgmaxOfEachRow() {
        TorchRandom.manualSeed(1);
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(new Linear(4, 10));
        Tensor images = Tensor.uniform(-1, 1, 6, 4);
        Tensor labels = Tensor.of(0, 1, 2, 3, 4, 5);
        // README confusion example begin
        ConfusionMatrix confusion = new ConfusionMatrix(10);
        confusion.batchAdd(net.forward(images), labels);  // [B, 10] scores, [B] 0-based classes
        String report = confusion.toString();             // the matrix, each class's accuracy, the global accuracy
        int[] predicted = net.forward(images).max(1).indices();
        // README confusion example end
        double[] scores = net.forward(images).data();
        for (int i = 0; i < 6; i++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                if (scores[10 * i + c] > scores[10 * i + best]) {
                    best = c;
                }
            }
            assertEquals(best, predicted[i]);
            assertEquals(1, confusion.count(i, best));
        }
        assertTrue(report.startsWith("ConfusionMatrix:\n[["), report);
    }

    /**
     * Every block between {@code // README ... begin} and {@code end} in this file appears, less
     * its indentation, in the project's README.md, so that the README shows code that compiles and
     * runs.
     */
    @Test
    void theReadmeShowsTheseBlocksVerbatim() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String self = Files.readString(Path.of("src/test/java/io/github/nn4j/examples/ReadmeExampleTest.java"));
        Matcher m = Pattern.compile("// (README[a-z ]* example) begin\\n(.*?)\\n\\s*// \\1 end", Pattern.DOTALL)
                .matcher(self);
        int blocks = 0;
        while (m.find()) {
            StringBuilder code = new StringBuilder();
            for (String line : m.group(2).split("\\n")) {
                code.append(line.startsWith("        ") ? line.substring(8) : line.strip()).append('\n');
            }
            assertTrue(readme.contains(code), m.group(1) + " is not in README.md as written in the test:\n" + code);
            blocks++;
        }
        assertEquals(4, blocks, "README example blocks in this test");
    }
}
