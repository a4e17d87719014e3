package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.layers.SpatialConvolution;
import io.github.nn4j.layers.SpatialConvolutionMM;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.testing.SharedFixtures;

/**
 * The trained 2013–14 models of torch/demos ({@code fixtures/t7-wild/torch-demos}, read in
 * place; skipped when absent): the face detectors' old {@code nn.SpatialConvolutionMM} (no
 * stride or padding fields, a 2-D weight) loads as stride 1 without padding, and
 * {@code face-detector-new} reproduces what real Lua Torch computed for {@code face_new_batch} at
 * a relative 1e-10; the road-net pair loads and chains, and its convolution and pooling agree
 * with a direct computation from the stored weights.
 */
class T7DemoNetsTest {

    private static Path demos() {
        return SharedFixtures.requireDir("fixtures/t7-wild/torch-demos");
    }

    @Test
    @SuppressWarnings("unchecked")
    void faceDetectorReproducesTorchsOutputsOnItsBatch(@TempDir Path dir) throws IOException {
        Path d = demos();
        Module<Tensor, Tensor> net = (Module<Tensor, Tensor>) T7Bridge.loadModule(
                d.resolve("face-detector-new_face.net"));
        net.evaluate();
        Tensor x = (Tensor) T7Bridge.load(d.resolve("face_new_batch/input.t7"));
        Tensor expected = (Tensor) T7Bridge.load(d.resolve("face_new_batch/expected.t7"));
        assertEquals("[5, 1, 32, 32]", x.shapeString());
        SpatialConvolutionMM first = net.findModules(SpatialConvolutionMM.class).get(0);
        assertEquals("nn.SpatialConvolutionMM(1 -> 8, 5x5)", first.toString());
        TorchGolden2.assertClose(expected, net.forward(x), 1e-10, "face detector output");

        // and through the command line, as a porter would check it
        Path out = dir.resolve("out.t7");
        Torch7CommandTest.assertOk(Torch7CommandTest.cli("torch7", "forward", "--evaluate",
                d.resolve("face-detector-new_face.net").toString(), d.resolve("face_new_batch/input.t7").toString(),
                out.toString()));
        TorchGolden2.assertClose(expected, (Data) T7Bridge.load(out), 1e-10, "nn4j torch7 forward");
    }

    @Test
    @SuppressWarnings("unchecked")
    void elabFaceDetectorLoadsFromItsFlattenedAsciiStorageAndGivesLogProbabilities() throws IOException {
        Module<Tensor, Tensor> net = (Module<Tensor, Tensor>) T7Bridge.loadModule(
                demos().resolve("face-detector-elab_model.net"));
        net.evaluate();
        List<SpatialConvolutionMM> convs = net.findModules(SpatialConvolutionMM.class);
        assertEquals(2, convs.size());
        assertEquals(16, convs.get(0).weight().size(0));
        TorchRandom.manualSeed(3);
        Tensor y = net.forward(Tensor.uniform(-1, 1, 4, 1, 32, 32));
        assertEquals("[4, 2]", y.shapeString());
        for (int i = 0; i < 4; i++) {
            double p = Math.exp(y.get(i, 0)) + Math.exp(y.get(i, 1));
            assertEquals(1.0, p, 1e-12, "row " + i + " is a log-probability pair");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void roadNetConvolutionAndPoolingMatchADirectComputationAndChainIntoItsClassifier() throws IOException {
        Path d = demos();
        Module<Tensor, Tensor> features = (Module<Tensor, Tensor>) T7Bridge.loadModule(d.resolve("road-net_u1net.net"));
        Module<Tensor, Tensor> classifier = (Module<Tensor, Tensor>) T7Bridge.loadModule(
                d.resolve("road-net_unsup-cl-30.net"));
        assertInstanceOf(Sequential.class, features);
        SpatialConvolution conv = features.findModules(SpatialConvolution.class).get(0);
        assertEquals("nn.SpatialConvolution(3 -> 12, 9x9)", conv.toString());

        TorchRandom.manualSeed(4);
        Tensor x = Tensor.uniform(-1, 1, 3, 32, 32);
        Tensor y = features.forward(x).deepCopy();
        assertEquals("[12, 12, 12]", y.shapeString());
        // the same maths written out: 9x9 valid convolution, then 2x2 max pooling with stride 2
        Tensor w = conv.weight();
        Tensor b = conv.bias();
        double worst = 0;
        for (int o = 0; o < 12; o++) {
            for (int i = 0; i < 12; i++) {
                for (int j = 0; j < 12; j++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int di = 0; di < 2; di++) {
                        for (int dj = 0; dj < 2; dj++) {
                            double s = b.get(o);
                            for (int c = 0; c < 3; c++) {
                                for (int u = 0; u < 9; u++) {
                                    for (int v = 0; v < 9; v++) {
                                        s += w.get(o, c, u, v) * x.get(c, 2 * i + di + u, 2 * j + dj + v);
                                    }
                                }
                            }
                            max = Math.max(max, s);
                        }
                    }
                    worst = Math.max(worst, Math.abs(max - y.get(o, i, j)) / (1 + Math.abs(max)));
                }
            }
        }
        assertTrue(worst < 1e-12, "road-net features differ from the direct computation by " + worst);

        Tensor scores = classifier.forward(y);
        assertEquals("[8]", scores.shapeString());
        double p = 0;
        for (int k = 0; k < 8; k++) {
            p += Math.exp(scores.get(k));
        }
        assertEquals(1.0, p, 1e-12, "the classifier gives log-probabilities over 8 classes");
    }
}
