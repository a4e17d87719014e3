package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.criteria.ClassNLLCriterion;
import io.github.nn4j.examples.porting.MyLabCodecs;
import io.github.nn4j.examples.porting.Swish;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.optim.Dataset;
import io.github.nn4j.optim.EpochResult;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.optim.Trainer;
import io.github.nn4j.testing.SharedFixtures;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7CodecProvider;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * The README's porting examples for classes nn4j does not know ({@link Swish}, {@link MyLabCodecs}),
 * run on files the test writes; their code appears verbatim in README.md.
 */
class ReadmePortingTest {

    /** A file as Lua Torch writes it for {@code nn.Sequential():add(nn.Linear(4, 3)):add(mylab.Swish(1.5))}. */
    static void writeLuaFile(Path file, Linear linear) throws IOException {
        T7Object seq = (T7Object) T7Bridge.toT7(new Sequential<Tensor, Tensor>().add(linear));
        T7Table swish = new T7Table();
        swish.put("beta", 1.5);
        swish.put("output", T7Tensor.fromTensor(Tensor.empty()));
        swish.put("gradInput", T7Tensor.fromTensor(Tensor.empty()));
        swish.put("train", true);
        swish.put("_type", "torch.DoubleTensor");
        ((T7Table) seq.fields().get("modules")).append(new T7Object("mylab.Swish", 1, swish));
        Torch7.save(file, seq, false);
    }

    @Test
    void aPortersOwnClassLoadsRunsAndSaves(@TempDir Path dir) throws IOException {
        TorchRandom.manualSeed(3);
        Linear linear = new Linear(4, 3);
        Path luaFile = dir.resolve("lua.t7");
        Path savedFile = dir.resolve("saved.t7");
        writeLuaFile(luaFile, linear);
        Tensor x = Tensor.uniform(-1, 1, 2, 4);
        // README registration example begin
        T7Bridge.register(Swish.T7);                                       // or a T7CodecProvider (below)
        Module<Tensor, Tensor> net = T7Bridge.loadTensorModule(luaFile);   // nn.Sequential {Linear, mylab.Swish}
        Tensor y = net.forward(x);
        T7Bridge.save(savedFile, net, false);                              // writes mylab.Swish and its beta
        // README registration example end
        Tensor h = linear.forward(x);
        for (int i = 0; i < h.numel(); i++) {
            double v = h.data()[i];
            assertEquals(v / (1 + Math.exp(-1.5 * v)), y.data()[i], 1e-15);
        }
        T7Object raw = (T7Object) Torch7.load(savedFile);
        T7Object swish = (T7Object) ((T7Table) raw.fields().get("modules")).getAt(1);
        assertEquals("mylab.Swish", swish.className());
        assertEquals(1.5, swish.getNumber("beta"));
        Module<Tensor, Tensor> back = T7Bridge.loadTensorModule(savedFile);
        assertEquals(0.0, back.forward(x).maxAbsDiff(y));
        assertTrue(back.toString().contains("(2): mylab.Swish(1.5)"), back.toString());
    }

    @Test
    void anUnknownClassNamesItsPlaceAndFields(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("unknown.t7");
        writeLuaFile(f, new Linear(4, 3));
        T7Object seq = (T7Object) Torch7.load(f);
        T7Object swish = (T7Object) ((T7Table) seq.fields().get("modules")).getAt(1);
        ((T7Table) seq.fields().get("modules")).put(2.0, new T7Object("mylab.Unknown", 1, swish.fields()));
        Torch7.save(f, seq, false);
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.loadModule(f));
        assertEquals("modules[2]: mylab.Unknown is not supported (fields: _type, beta, gradInput, output, train;"
                + " register a codec with T7Bridge.register)", e.getMessage());
    }

    @Test
    void theServiceLoaderRouteNeedsNoCall() {
        boolean listed = ServiceLoader.load(T7CodecProvider.class).stream()
                .anyMatch(p -> p.type() == MyLabCodecs.class);
        assertTrue(listed, "META-INF/services lists MyLabCodecs");
        assertTrue(T7Bridge.supportedClasses().contains("mylab.Swish"));
        assertEquals(Swish.class, new MyLabCodecs().codecs().get(0).javaClass());
    }

    @Test
    void theExampleModulesGradientIsRight() {
        TorchRandom.manualSeed(4);
        GradientChecker.check(new Swish(1.5), Tensor.uniform(-2, 2, 3, 4)).assertPassed(1e-6);
    }

    /**
     * Fine-tuning a real Lua Torch CNN (torch/demos' face detector, 2013: SpatialConvolutionMM,
     * Threshold, SpatialMaxPooling, Reshape, Linear(64 -> 2), LogSoftMax) on a new 3-class task:
     * its last Linear replaced, trained with {@link Trainer}, saved and loaded back.
     */
    @Test
    void aLuaCnnIsFineTunedSavedAndLoadedBack(@TempDir Path dir) throws IOException {
        Path modelFile = SharedFixtures.requireDir("fixtures/t7-wild/torch-demos").resolve("face-detector-new_face.net");
        Path tunedFile = dir.resolve("tuned.t7");
        TorchRandom.manualSeed(5);
        int n = 60;
        Tensor images = Tensor.uniform(0, 0.2, n, 1, 32, 32);          // 3 classes: a bright square at 3 places
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    images.put(1.0, i, 0, 4 + r, 4 + 10 * labels[i] + c);
                }
            }
        }
        Dataset data = new Dataset(images, labels, 3);
        // README fine-tuning example begin
        Sequential<Tensor, Tensor> net = Sequential.load(modelFile);  // nn.Sequential {features, classifier}
        Sequential<Tensor, Tensor> head = net.get(1);                  // the classifier
        head.remove(1);                                                // nn.Linear(64 -> 2) ...
        head.insert(new Linear(64, 3), 1);                             // ... becomes nn.Linear(64 -> 3)
        Trainer trainer = Trainer.builder(net, new ClassNLLCriterion(), // the model ends in LogSoftMax
                Sgd.builder().learningRate(0.05).momentum(0.9).build(net.parameters()))
                .batchSize(10).epochs(8).build();
        List<EpochResult> history = trainer.fit(data);                 // all layers train
        T7Bridge.save(tunedFile, net.clearState(), false);             // nn.* classes only: Lua loads it too
        Module<Tensor, Tensor> tuned = T7Bridge.loadTensorModule(tunedFile);
        // README fine-tuning example end
        assertTrue(history.get(history.size() - 1).meanLoss() < history.get(0).meanLoss() / 2,
                history.get(0) + " -> " + history.get(history.size() - 1));
        assertEquals(1.0, history.get(history.size() - 1).trainAccuracy(), 1e-12);
        Tensor x = images.narrow(0, 6);
        net.evaluate();
        tuned.evaluate();
        assertEquals(0.0, tuned.forward(x).maxAbsDiff(net.forward(x)), "the saved model computes the same");
        Sequential<?, ?> classifier = ((Sequential<?, ?>) tuned).get(1);
        assertEquals("nn.Linear(64 -> 3)", classifier.get(1).toString());
    }

    /** Every {@code // README ... example begin/end} block of these files is in README.md, less its indentation. */
    @Test
    void theReadmeShowsTheseBlocksVerbatim() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Path src = Path.of("src/test/java/io/github/nn4j/examples");
        int blocks = 0;
        for (Path f : new Path[] {src.resolve("ReadmePortingTest.java"), src.resolve("porting/Swish.java"),
            src.resolve("porting/MyLabCodecs.java")}) {
            String self = Files.readString(f);
            Matcher m = Pattern.compile("// (README[a-z -]* example) begin\\n(.*?)\\n\\s*// \\1 end", Pattern.DOTALL)
                    .matcher(self);
            while (m.find()) {
                String indent = m.group(2).substring(0, m.group(2).length() - m.group(2).stripLeading().length());
                StringBuilder code = new StringBuilder();
                for (String line : m.group(2).split("\\n")) {
                    code.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
                }
                assertTrue(readme.contains(code), m.group(1) + " of " + f + " is not in README.md as written:\n" + code);
                blocks++;
            }
        }
        assertEquals(4, blocks, "README example blocks in these files");
    }
}
