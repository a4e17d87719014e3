package io.github.nn4j.layers;

import java.util.Map;

import io.github.nn4j.Tensor;

/** The {@link LayersT7CodecsTest} samples of the pooling, padding and resampling family. */
final class PoolingCodecSamples {

    private PoolingCodecSamples() {
    }

    static void addTo(Map<String, LayersT7CodecsTest.Sample> s) {
        s.put("nn.SpatialMaxPooling", new LayersT7CodecsTest.Sample(() -> new SpatialMaxPooling(3, 3, 2, 2, 1, 1).ceil(),
                () -> Tensor.uniform(-1, 1, 2, 3, 6, 5)));
        s.put("nn.SpatialAveragePooling", new LayersT7CodecsTest.Sample(
                () -> new SpatialAveragePooling(3, 3, 2, 2, 1, 1).ceil().setCountExcludePad(),
                () -> Tensor.uniform(-1, 1, 2, 3, 6, 5)));
        s.put("nn.SpatialAdaptiveMaxPooling", new LayersT7CodecsTest.Sample(() -> new SpatialAdaptiveMaxPooling(3, 2),
                () -> Tensor.uniform(-1, 1, 3, 6, 5)));
        s.put("nn.SpatialAdaptiveAveragePooling", new LayersT7CodecsTest.Sample(
                () -> new SpatialAdaptiveAveragePooling(3, 2), () -> Tensor.uniform(-1, 1, 3, 6, 5)));
        // the unpooling unpools what its pooling module pooled last (saved with its indices)
        s.put("nn.SpatialMaxUnpooling", new LayersT7CodecsTest.Sample(() -> {
            SpatialMaxPooling p = new SpatialMaxPooling(2, 2);
            p.forward(Tensor.uniform(-1, 1, 2, 3, 6, 4));
            return new SpatialMaxUnpooling(p);
        }, () -> Tensor.uniform(-1, 1, 2, 3, 3, 2)));
        s.put("nn.SpatialLPPooling", new LayersT7CodecsTest.Sample(() -> new SpatialLPPooling(3, 3, 2, 2, 1, 2),
                () -> Tensor.uniform(0.5, 1, 2, 3, 6, 5)));
        s.put("nn.SpatialZeroPadding", new LayersT7CodecsTest.Sample(() -> new SpatialZeroPadding(1, -1, 2, 0),
                () -> Tensor.uniform(-1, 1, 3, 6, 5)));
        s.put("nn.SpatialReflectionPadding", new LayersT7CodecsTest.Sample(
                () -> new SpatialReflectionPadding(1, 2, 3, 0), () -> Tensor.uniform(-1, 1, 3, 6, 5)));
        s.put("nn.SpatialReplicationPadding", new LayersT7CodecsTest.Sample(
                () -> new SpatialReplicationPadding(1, 2, 3, 0), () -> Tensor.uniform(-1, 1, 3, 6, 5)));
        s.put("nn.SpatialUpSamplingNearest", new LayersT7CodecsTest.Sample(() -> new SpatialUpSamplingNearest(2),
                () -> Tensor.uniform(-1, 1, 2, 3, 6, 5)));
        s.put("nn.SpatialUpSamplingBilinear", new LayersT7CodecsTest.Sample(() -> new SpatialUpSamplingBilinear(4, 9),
                () -> Tensor.uniform(-1, 1, 3, 6, 5)));
    }
}
