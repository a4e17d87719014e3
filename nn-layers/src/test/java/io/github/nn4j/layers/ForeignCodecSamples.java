package io.github.nn4j.layers;

import java.util.Map;

import io.github.nn4j.Tensor;

/** The {@link LayersT7CodecsTest} samples of the classes from outside torch/nn. */
final class ForeignCodecSamples {

    private ForeignCodecSamples() {
    }

    static void addTo(Map<String, LayersT7CodecsTest.Sample> s) {
        s.put("nn.Inception", new LayersT7CodecsTest.Sample(() -> new Inception(InceptionTest.smallConfig()),
                () -> Tensor.uniform(-1, 1, 2, 2, 4, 5)));
        s.put("nn.InstanceNormalization", new LayersT7CodecsTest.Sample(
                () -> new InstanceNormalization(3, 1e-3, 0.1, true), () -> Tensor.uniform(-1, 1, 2, 3, 4, 5)));
        s.put("nn.ShaveImage", new LayersT7CodecsTest.Sample(() -> new ShaveImage(1),
                () -> Tensor.uniform(-1, 1, 2, 3, 4, 5)));
        s.put("nn.TotalVariation", new LayersT7CodecsTest.Sample(() -> new TotalVariation(0.3),
                () -> Tensor.uniform(-1, 1, 2, 3, 4, 5)));
        s.put("nn.OneHot", new LayersT7CodecsTest.Sample(() -> new OneHot(4),
                () -> Tensor.of(new double[][] {{0, 3}, {2, 2}})));
        s.put("OneHot", new LayersT7CodecsTest.Sample(() -> new CharRnnOneHot(4), () -> Tensor.of(0, 3, 2)));
    }
}
