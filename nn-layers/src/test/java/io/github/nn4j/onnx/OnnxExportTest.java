package io.github.nn4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.layers.*;
import io.github.nn4j.torch7.T7Codec;

/**
 * Exports modules, runs them in ONNX Runtime and compares with nn4j's forward in evaluate mode:
 * {@code |onnx − nn4j| ≤ tol·max(1, |nn4j|)} with tol 1e-5 in float32 and 1e-10 in float64. The
 * per-module tests are generated from {@link OnnxExport#EXPORTABLE}, every exportable class must
 * have a sample here, and every concrete module of nn-layers must be exportable or listed in
 * {@link OnnxExport#NOT_EXPORTABLE}, so a new module without an export test fails.
 */
class OnnxExportTest {

    /** The samples of each exportable class: the module, its input shapes and input range. */
    private static final Map<Class<?>, List<Sample>> SAMPLES = new LinkedHashMap<>();

    /**
     * One case.
     *
     * @param name what the case shows
     * @param module makes the module
     * @param shapes the input shapes (a table of inputs when {@code table})
     * @param table whether the input is a table
     * @param lo the smallest input value
     * @param hi the largest input value
     * @param integers whether the inputs are whole numbers in {@code [lo, hi]} (indices)
     */
    record Sample(String name, Supplier<Module<?, ?>> module, List<int[]> shapes, boolean table, double lo,
            double hi, boolean integers) {
    }

    private static void sample(Class<?> c, String name, Supplier<Module<?, ?>> m, int... shape) {
        add(c, new Sample(name, m, List.of(shape), false, -2, 2, false));
    }

    private static void positive(Class<?> c, String name, Supplier<Module<?, ?>> m, int... shape) {
        add(c, new Sample(name, m, List.of(shape), false, 0.1, 3, false));
    }

    private static void tableSample(Class<?> c, String name, Supplier<Module<?, ?>> m, double lo, int[]... shapes) {
        add(c, new Sample(name, m, List.of(shapes), true, lo, 2, false));
    }

    private static void add(Class<?> c, Sample s) {
        SAMPLES.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
    }

    private static int[] s(int... v) {
        return v;
    }

    private static <M extends Module<?, ?>> M randomised(M m) {
        TorchRandom rng = new TorchRandom(3);
        for (io.github.nn4j.Parameter p : m.parameters()) {
            p.value().uniform(rng, -1, 1);
        }
        return m;
    }

    private static BatchNormalization withStatistics(BatchNormalization bn) {
        TorchRandom rng = new TorchRandom(5);
        bn.runningMean().uniform(rng, -1, 1);
        bn.runningVar().uniform(rng, 0.5, 2);
        return randomised(bn);
    }

    static {
        // containers and tables
        sample(Sequential.class, "mlp", () -> new Sequential<Tensor, Tensor>().add(new Linear(5, 4)).add(new Tanh())
                .add(new Linear(4, 3)).add(new LogSoftMax()), 2, 5);
        tableSample(Graph.class, "two inputs, two outputs", () -> Graph.builder().input("x").input("y")
                .node("q", new CAddTable(), "x", "y").node("h", new Tanh(), "q").node("l", new Linear(3, 2), "h")
                .output("l").output("q").build(), -2, s(2, 3), s(2, 3));
        sample(Graph.class, "one input, a residual fork", () -> Graph.builder().input("x")
                .node("c", new SpatialConvolution(2, 2, 3, 3, 1, 1, 1, 1), "x").node("r", new ReLU(), "c")
                .node("s", new CAddTable(), "r", "x").output("s").build(), 1, 2, 4, 4);
        sample(Concat.class, "features", () -> new Concat(1).add(new Linear(4, 3)).add(new Linear(4, 2)), 2, 4);
        sample(Concat.class, "planes, ResNet shortcut A", () -> new Concat(1).add(new Identity())
                .add(new MulConstant(0)), 2, 3, 2, 2);
        sample(DepthConcat.class, "planes of two sizes", () -> new DepthConcat(1)
                .add(new SpatialConvolution(2, 3, 3, 3)).add(new SpatialConvolution(2, 2, 1, 1)), 2, 2, 6, 5);
        sample(ConcatTable.class, "two branches", () -> new ConcatTable<Tensor>().add(new Linear(3, 2)).add(new Identity()),
                2, 3);
        tableSample(ParallelTable.class, "two entries", () -> new ParallelTable().add(new Linear(3, 2))
                .add(new Tanh()), -2, s(2, 3), s(2, 4));
        sample(Parallel.class, "rows", () -> new Parallel(0, 0).add(new Linear(4, 2)).add(new Linear(4, 3)), 2, 4);
        tableSample(MapTable.class, "shared linear", () -> new MapTable(new Linear(3, 2)), -2, s(2, 3), s(4, 3));
        sample(Inception.class, "GoogLeNet-style block", () -> new Inception(new Inception.Config(2, new int[] {3},
                new int[] {2, 2}).kernelSize(3).kernelStride(1).transfer(new Tanh())
                .pool(new SpatialAveragePooling(3, 3, 1, 1, 1, 1)).batchNorm(true)), 2, 2, 5, 5);
        sample(Inception.class, "one sample, max pool, stride 2", () -> new Inception(new Inception.Config(2,
                new int[] {3}, new int[] {2, 2}).kernelSize(3).kernelStride(2).transfer(new ReLU())
                .pool(new SpatialMaxPooling(3, 3, 1, 1, 1, 1))), 2, 6, 6);
        sample(Bottle.class, "linear over a 3-D input", () -> new Bottle(new Linear(4, 3)), 2, 3, 4);
        tableSample(JoinTable.class, "features", () -> new JoinTable(1), -2, s(2, 3), s(2, 4));
        tableSample(JoinTable.class, "nInputDims batch rule", () -> new JoinTable(0, 1), -2, s(2, 3), s(2, 2));
        sample(SplitTable.class, "rows", () -> new SplitTable(0), 3, 4);
        sample(SplitTable.class, "nInputDims batch rule", () -> new SplitTable(0, 2), 2, 3, 4);
        tableSample(SelectTable.class, "last", () -> new SelectTable(-1), -2, s(2, 3), s(4));
        tableSample(NarrowTable.class, "middle", () -> new NarrowTable(1, 2), -2, s(2), s(3), s(4));
        sample(FlattenTable.class, "nested", () -> new Sequential<Tensor, Table>().add(new ConcatTable<Tensor>()
                .add(new Identity()).add(new ConcatTable<Tensor>().add(new Tanh()).add(new Sigmoid())))
                .add(new FlattenTable()), 2, 3);
        tableSample(CAddTable.class, "three", CAddTable::new, -2, s(2, 3), s(2, 3), s(2, 3));
        tableSample(CSubTable.class, "two", CSubTable::new, -2, s(2, 3), s(2, 3));
        tableSample(CMulTable.class, "three", CMulTable::new, -2, s(2, 3), s(2, 3), s(2, 3));
        tableSample(CDivTable.class, "two", CDivTable::new, 0.5, s(2, 3), s(2, 3));
        tableSample(CMaxTable.class, "two", CMaxTable::new, -2, s(2, 3), s(2, 3));
        tableSample(CMinTable.class, "two", CMinTable::new, -2, s(2, 3), s(2, 3));
        tableSample(MM.class, "batched", MM::new, -2, s(2, 3, 4), s(2, 4, 5));
        tableSample(MM.class, "transposed", () -> new MM(true, true), -2, s(4, 3), s(5, 4));
        tableSample(MV.class, "plain", MV::new, -2, s(3, 4), s(4));
        tableSample(MV.class, "batched transposed", () -> new MV(true), -2, s(2, 4, 3), s(2, 4));
        tableSample(PairwiseDistance.class, "p = 2", PairwiseDistance::new, -2, s(3, 4), s(3, 4));
        tableSample(PairwiseDistance.class, "p = 1.5, one pair", () -> new PairwiseDistance(1.5), -2, s(5), s(5));
        tableSample(CosineDistance.class, "rows", CosineDistance::new, -2, s(3, 4), s(3, 4));
        tableSample(Bilinear.class, "with bias", () -> new Bilinear(3, 4, 2), -2, s(5, 3), s(5, 4));
        tableSample(Bilinear.class, "without bias", () -> new Bilinear(2, 3, 4, false), -2, s(2, 2), s(2, 3));
        add(Index.class, new Sample("rows", () -> new Index(0), List.of(s(5, 3), s(4)), true, 0, 5, true));
        add(Index.class, new Sample("columns", () -> new Index(1), List.of(s(2, 4), s(6)), true, 0, 4, true));
        sample(MixtureTable.class, "experts in a table", () -> new Sequential<Tensor, Tensor>()
                .add(new ConcatTable<Tensor>().add(new Sequential<Tensor, Tensor>().add(new Linear(4, 2))
                        .add(new SoftMax())).add(new ConcatTable<Tensor>().add(new Linear(4, 3)).add(new Linear(4, 3))))
                .add(new MixtureTable()), 2, 4);
        tableSample(MixtureTable.class, "experts in a tensor", MixtureTable::new, -2, s(3, 4), s(3, 4, 5));
        tableSample(MixtureTable.class, "one sample, dim 0", () -> new MixtureTable(0), -2, s(4), s(4, 2, 3));
        tableSample(DotProduct.class, "rows", DotProduct::new, -2, s(3, 4), s(3, 4));
        // linear, convolution, pooling, normalisation
        sample(Linear.class, "batch", () -> new Linear(6, 4), 3, 6);
        sample(Linear.class, "one sample, no bias", () -> new Linear(6, 4, false), 6);
        add(OneHot.class, new Sample("indices", () -> new OneHot(5), List.of(s(2, 3)), false, 0, 5, true));
        add(CharRnnOneHot.class, new Sample("characters", () -> new CharRnnOneHot(6), List.of(s(4)), false, 0, 6, true));
        add(LookupTable.class, new Sample("maxNorm 1.5, p = 3", () -> new LookupTable(10, 4, -1, 1.5, 3),
                List.of(s(3, 4)), false, 0, 10, true));
        add(LookupTable.class, new Sample("maxNorm 1", () -> new LookupTable(10, 4, -1, 1, 2), List.of(s(6)), false, 0,
                10, true));
        add(LookupTable.class, new Sample("indices", () -> new LookupTable(10, 4), List.of(s(2, 3)), false, 0, 10,
                true));
        sample(Cosine.class, "batch", () -> new Cosine(4, 3), 2, 4);
        sample(Euclidean.class, "batch", () -> new Euclidean(4, 3), 2, 4);
        sample(Euclidean.class, "one sample", () -> new Euclidean(4, 3), 4);
        sample(WeightedEuclidean.class, "batch", () -> randomised(new WeightedEuclidean(4, 3)), 2, 4);
        sample(SpatialConvolution.class, "stride and padding", () -> new SpatialConvolution(3, 4, 3, 3, 2, 2, 1, 1),
                2, 3, 7, 7);
        sample(SpatialConvolution.class, "one sample, rectangular, no bias",
                () -> new SpatialConvolution(2, 3, 3, 2, 1, 2, 0, 1).noBias(), 2, 5, 6);
        sample(SpatialConvolution.class, "groups 2", () -> new SpatialConvolution(4, 6, 3, 3, 1, 1, 1, 1, 2),
                2, 4, 5, 5);
        sample(SpatialConvolutionMM.class, "one sample", () -> new SpatialConvolutionMM(3, 4, 3, 3), 3, 6, 6);
        sample(SpatialDilatedConvolution.class, "dilation 2",
                () -> new SpatialDilatedConvolution(2, 3, 3, 3, 1, 1, 2, 2, 2, 2), 1, 2, 9, 9);
        sample(SpatialFullConvolution.class, "stride 2, adj 1",
                () -> new SpatialFullConvolution(3, 2, 3, 3, 2, 2, 1, 1, 1, 1), 2, 3, 4, 4);
        sample(SpatialFullConvolution.class, "DCGAN 4x4 stride 2", () -> new SpatialFullConvolution(4, 2, 4, 4, 2, 2,
                1, 1), 1, 4, 3, 3);
        sample(SpatialFullConvolution.class, "one sample, stride 1", () -> new SpatialFullConvolution(2, 3, 3, 2),
                2, 3, 4);
        sample(VolumetricConvolution.class, "stride and padding",
                () -> new VolumetricConvolution(2, 3, 2, 3, 3, 1, 2, 2, 1, 1, 1), 1, 2, 4, 6, 6);
        sample(SpatialConvolutionLocal.class, "stride and padding",
                () -> new SpatialConvolutionLocal(2, 3, 6, 5, 3, 3, 2, 1, 1, 1), 2, 2, 5, 6);
        sample(SpatialConvolutionLocal.class, "one sample", () -> new SpatialConvolutionLocal(2, 2, 4, 4, 2, 2), 2, 4, 4);
        sample(SpatialSubSampling.class, "2x2", () -> new SpatialSubSampling(3, 2, 2, 2, 2), 2, 3, 6, 6);
        sample(TemporalConvolution.class, "batch", () -> new TemporalConvolution(4, 3, 3, 2), 2, 9, 4);
        sample(TemporalConvolution.class, "one sequence", () -> new TemporalConvolution(4, 3, 2), 7, 4);
        sample(SpatialMaxPooling.class, "ceil with padding", () -> new SpatialMaxPooling(3, 3, 2, 2, 1, 1).ceil(),
                2, 3, 8, 8);
        sample(SpatialMaxPooling.class, "ceil, last window dropped", () -> new SpatialMaxPooling(2, 2, 2, 2, 1, 1)
                .ceil(), 1, 2, 4, 5);
        sample(SpatialMaxPooling.class, "floor 2x2, odd size", () -> new SpatialMaxPooling(2, 2), 3, 7, 5);
        sample(SpatialMaxPooling.class, "stride above kernel", () -> new SpatialMaxPooling(2, 2, 3, 3), 1, 2, 8, 7);
        sample(SpatialMaxUnpooling.class, "after its pooling", () -> {
            SpatialMaxPooling pool = new SpatialMaxPooling(2, 2, 2, 2);
            return new Sequential<Tensor, Tensor>().add(pool).add(new Tanh()).add(new SpatialMaxUnpooling(pool));
        }, 2, 3, 6, 4);
        sample(SpatialMaxUnpooling.class, "ceil and padding, one sample", () -> {
            SpatialMaxPooling pool = new SpatialMaxPooling(2, 2, 2, 2, 1, 1).ceil();
            return new Sequential<Tensor, Tensor>().add(pool).add(new SpatialMaxUnpooling(pool));
        }, 2, 7, 6);
        sample(SpatialAveragePooling.class, "ceil, padding counted", () -> new SpatialAveragePooling(3, 3, 2, 2, 1, 1)
                .ceil(), 2, 3, 8, 8);
        sample(SpatialAveragePooling.class, "ceil, padding excluded", () -> new SpatialAveragePooling(3, 3, 2, 2, 1, 1)
                .ceil().setCountExcludePad(), 2, 3, 8, 7);
        sample(SpatialAveragePooling.class, "ceil overhang without padding", () -> new SpatialAveragePooling(3, 3, 2, 2)
                .ceil(), 1, 2, 6, 6);
        sample(SpatialAveragePooling.class, "sum (divide false)", () -> new SpatialAveragePooling(2, 2, 2, 2)
                .setDivide(false), 3, 4, 4);
        sample(VolumetricMaxPooling.class, "ceil with padding", () -> new VolumetricMaxPooling(2, 3, 3, 2, 2, 2, 1,
                1, 1).ceil(), 1, 2, 5, 6, 6);
        sample(TemporalSubSampling.class, "one sequence", () -> new TemporalSubSampling(3, 3, 2), 9, 3);
        sample(TemporalSubSampling.class, "batch", () -> new TemporalSubSampling(3, 2), 2, 6, 3);
        positive(SpatialLPPooling.class, "p = 2", () -> new SpatialLPPooling(2, 2, 2, 2), 2, 2, 6, 6);
        positive(SpatialLPPooling.class, "p = 3, stride 1", () -> new SpatialLPPooling(2, 3, 3, 3, 1, 1), 2, 5, 5);
        sample(SpatialAdaptiveMaxPooling.class, "uneven windows", () -> new SpatialAdaptiveMaxPooling(3, 2), 2, 3, 5, 7);
        sample(SpatialAdaptiveAveragePooling.class, "uneven windows", () -> new SpatialAdaptiveAveragePooling(4, 3),
                3, 7, 5);
        sample(SpatialAdaptiveAveragePooling.class, "global", () -> new SpatialAdaptiveAveragePooling(1, 1), 2, 3, 4, 4);
        sample(Normalize.class, "p = 2, rows", () -> new Normalize(2), 3, 5);
        sample(Normalize.class, "p = 1.5, vector", () -> new Normalize(1.5, 1e-6), 5);
        sample(Normalize.class, "p = infinity", () -> new Normalize(Double.POSITIVE_INFINITY), 3, 5);
        sample(TemporalMaxPooling.class, "batch", () -> new TemporalMaxPooling(2, 2), 2, 7, 3);
        sample(BatchNormalization.class, "batch", () -> withStatistics(new BatchNormalization(4)), 3, 4);
        sample(SpatialBatchNormalization.class, "batch", () -> withStatistics(new SpatialBatchNormalization(3)),
                2, 3, 4, 4);
        sample(SpatialBatchNormalization.class, "one sample, not affine",
                () -> withStatistics(new SpatialBatchNormalization(3, 1e-3, 0.1, false)), 3, 2, 5);
        sample(InstanceNormalization.class, "affine", () -> randomised(new InstanceNormalization(3)), 2, 3, 4, 5);
        sample(InstanceNormalization.class, "one sample, not affine",
                () -> new InstanceNormalization(3, 1e-3, 0.1, false), 3, 4, 4);
        sample(SpatialSubtractiveNormalization.class, "2-D kernel", () -> new SpatialSubtractiveNormalization(3,
                Tensor.uniform(0.5, 1, 5, 3)), 2, 3, 7, 6);
        sample(SpatialSubtractiveNormalization.class, "1-D kernel, one sample",
                () -> new SpatialSubtractiveNormalization(2, Tensor.uniform(0.5, 1, 5)), 2, 6, 6);
        sample(SpatialDivisiveNormalization.class, "2-D kernel", () -> new SpatialDivisiveNormalization(3,
                Tensor.uniform(0.5, 1, 3, 5), 0.4, 0.4), 2, 3, 6, 7);
        sample(SpatialDivisiveNormalization.class, "1-D kernel, one sample",
                () -> new SpatialDivisiveNormalization(2, Tensor.uniform(0.5, 1, 5)), 2, 6, 6);
        sample(SpatialContrastiveNormalization.class, "default kernel", () -> new SpatialContrastiveNormalization(3),
                2, 3, 10, 10);
        sample(SpatialContrastiveNormalization.class, "1-D kernel", () -> new SpatialContrastiveNormalization(2,
                Tensor.uniform(0.5, 1, 7), 0.2, 0.2), 1, 2, 8, 9);
        sample(SpatialCrossMapLRN.class, "size 5", () -> new SpatialCrossMapLRN(5, 0.1, 0.75, 2), 2, 7, 3, 3);
        sample(SpatialCrossMapLRN.class, "one sample, size 3", () -> new SpatialCrossMapLRN(3, 0.2, 0.5, 1), 6, 2, 3);
        // padding, resampling, shapes
        sample(SpatialZeroPadding.class, "pad and crop", () -> new SpatialZeroPadding(1, 2, -1, 0), 2, 3, 5, 5);
        sample(SpatialReflectionPadding.class, "batch", () -> new SpatialReflectionPadding(1, 2, 2, 1), 1, 2, 5, 5);
        sample(SpatialReplicationPadding.class, "one sample", () -> new SpatialReplicationPadding(2, 1, 0, 1), 2, 4, 4);
        sample(ShaveImage.class, "2 pixels", () -> new ShaveImage(2), 2, 3, 7, 6);
        sample(Padding.class, "after", () -> new Padding(1, 2), 2, 3);
        sample(Padding.class, "before, batch rule, value", () -> new Padding(0, -2, 1, 0.5, 0), 2, 3);
        sample(SpatialUpSamplingNearest.class, "scale 2", () -> new SpatialUpSamplingNearest(2), 2, 3, 3, 4);
        sample(SpatialUpSamplingBilinear.class, "scale 2", () -> new SpatialUpSamplingBilinear(2), 1, 2, 3, 4);
        sample(SpatialUpSamplingBilinear.class, "sizes, one sample", () -> new SpatialUpSamplingBilinear(5, 7), 2, 3, 4);
        sample(View.class, "batch rule", () -> new View(12), 2, 3, 4);
        sample(View.class, "inferred size", () -> new View(-1, 6), 2, 3, 4);
        sample(Reshape.class, "batch rule", () -> new Reshape(12), 2, 3, 4);
        sample(Squeeze.class, "all", Squeeze::new, 2, 1, 3);
        sample(Unsqueeze.class, "middle", () -> new Unsqueeze(1), 2, 3);
        sample(Transpose.class, "two swaps", () -> new Transpose(new int[] {0, 1}, new int[] {1, 2}), 2, 3, 4);
        sample(Narrow.class, "middle", () -> new Narrow(1, 1, 2), 3, 5);
        sample(Narrow.class, "negative length", () -> new Narrow(0, 1, -2), 5, 2);
        sample(Select.class, "last", () -> new Select(1, -1), 3, 4, 2);
        sample(Replicate.class, "new first dimension", () -> new Replicate(3), 2, 4);
        sample(Replicate.class, "batch rule", () -> new Replicate(2, 0, 1), 3, 4);
        sample(Contiguous.class, "copy", Contiguous::new, 2, 3);
        sample(Copy.class, "copy", Copy::new, 2, 3);
        sample(Sum.class, "dimension 1", () -> new Sum(1), 2, 3, 4);
        sample(Sum.class, "averaged, kept", () -> new Sum(1, 0, true, false), 2, 3, 4);
        sample(Mean.class, "batch rule", () -> new Mean(0, 2), 2, 3, 4);
        sample(Max.class, "dimension 1", () -> new Max(1), 2, 3, 4);
        sample(Min.class, "last dimension", () -> new Min(-1), 3, 4);
        // activations and element-wise
        sample(Identity.class, "tensor", Identity::new, 2, 3);
        sample(ReLU.class, "tensor", ReLU::new, 2, 7);
        add(ReLU6.class, new Sample("wide range", ReLU6::new, List.of(s(3, 5)), false, -9, 9, false));
        sample(Tanh.class, "tensor", Tanh::new, 4, 3);
        sample(Sigmoid.class, "vector", Sigmoid::new, 5);
        sample(SoftMax.class, "3-D", SoftMax::new, 3, 4, 2);
        sample(SoftMax.class, "2-D", SoftMax::new, 3, 4);
        sample(LogSoftMax.class, "4-D", LogSoftMax::new, 2, 3, 2, 2);
        sample(SoftMin.class, "2-D", SoftMin::new, 2, 5);
        sample(SpatialSoftMax.class, "batch", SpatialSoftMax::new, 2, 3, 4, 4);
        sample(SpatialLogSoftMax.class, "one sample", SpatialLogSoftMax::new, 3, 4, 4);
        sample(ELU.class, "alpha 0.7", () -> new ELU(0.7), 3, 4);
        sample(LeakyReLU.class, "0.2", () -> new LeakyReLU(0.2), 3, 4);
        sample(PReLU.class, "per plane", () -> randomised(new PReLU(3)), 2, 3, 4, 4);
        sample(PReLU.class, "shared", () -> randomised(new PReLU()), 2, 5);
        sample(RReLU.class, "evaluate slope", () -> new RReLU(0.1, 0.3), 2, 5);
        sample(HardTanh.class, "bounds", () -> new HardTanh(-0.5, 1), 3, 5);
        sample(Clamp.class, "bounds", () -> new Clamp(-1, 0.5), 3, 5);
        sample(SoftPlus.class, "beta 2, threshold 3", () -> new SoftPlus(2, 3), 3, 5);
        sample(SoftSign.class, "tensor", SoftSign::new, 3, 5);
        sample(LogSigmoid.class, "tensor", LogSigmoid::new, 3, 5);
        sample(Threshold.class, "0.3 to -1", () -> new Threshold(0.3, -1), 3, 5);
        sample(HardShrink.class, "0.5", () -> new HardShrink(0.5), 3, 5);
        sample(SoftShrink.class, "0.5", () -> new SoftShrink(0.5), 3, 5);
        sample(TanhShrink.class, "tensor", TanhShrink::new, 3, 5);
        sample(Abs.class, "tensor", Abs::new, 3, 5);
        sample(Square.class, "tensor", Square::new, 3, 5);
        positive(Sqrt.class, "positive", Sqrt::new, 3, 5);
        positive(Sqrt.class, "eps unused by forward, as Torch's CPU kernel", () -> new Sqrt(0.25), 3, 5);
        sample(Exp.class, "tensor", Exp::new, 3, 5);
        positive(Log.class, "positive", Log::new, 3, 5);
        sample(Power.class, "cube", () -> new Power(3), 3, 5);
        positive(Power.class, "square root", () -> new Power(0.5), 3, 5);
        sample(Dropout.class, "v1 scales", () -> new Dropout(0.3, true), 3, 4);
        sample(Dropout.class, "v2 identity", () -> new Dropout(0.3), 3, 4);
        sample(SpatialDropout.class, "batch", () -> new SpatialDropout(0.2), 2, 3, 4, 4);
        sample(VolumetricDropout.class, "batch", () -> new VolumetricDropout(0.2), 1, 2, 2, 3, 3);
        sample(MulConstant.class, "scalar", () -> new MulConstant(-2.5), 2, 2);
        sample(AddConstant.class, "scalar", () -> new AddConstant(0.75), 4);
        sample(Mul.class, "learned scalar", () -> randomised(new Mul()), 2, 3);
        sample(Add.class, "bias", () -> randomised(new Add(4)), 2, 4);
        sample(Add.class, "scalar", () -> randomised(new Add(1, true)), 2, 4);
        sample(CMul.class, "per plane", () -> randomised(new CMul(1, 3, 1, 1)), 2, 3, 4, 4);
        sample(CMul.class, "per element", () -> randomised(new CMul(3, 4)), 2, 3, 4);
        sample(GradientReversal.class, "identity forward", GradientReversal::new, 2, 3);
        sample(TotalVariation.class, "identity forward", () -> new TotalVariation(1e-3), 2, 3, 4, 4);
        sample(L1Penalty.class, "identity forward", () -> new L1Penalty(0.1), 2, 3);
    }

    @Test
    void onnxRuntimeNativeLibraryLoads() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor t = OnnxTensor.createTensor(env, new float[] {1f, 2f})) {
            assertEquals(2, t.getInfo().getShape()[0]);
        }
    }

    @Test
    void everyExportableClassHasASampleAndIsARegisteredModule() {
        Set<Class<?>> registered = new java.util.HashSet<>();
        for (T7Codec<?> c : new LayersT7Codecs().codecs()) {
            registered.add(c.javaClass());
        }
        Set<String> missing = new TreeSet<>();
        for (Class<?> c : OnnxExport.EXPORTABLE) {
            if (!SAMPLES.containsKey(c) || !registered.contains(c)) {
                missing.add(c.getName());
            }
        }
        assertEquals(Set.of(), missing, "exportable classes without an export sample or a .t7 codec");
        assertEquals(Set.of(), new TreeSet<>(SAMPLES.keySet().stream().filter(c -> !OnnxExport.EXPORTABLE.contains(c))
                .map(Class::getName).toList()), "samples of classes the exporter does not list");
    }

    @Test
    void everyConcreteModuleIsExportableOrListedWithAReason() {
        List<Class<?>> modules = concreteModules();
        assertTrue(modules.contains(Linear.class) && modules.contains(MaskedSelect.class), "the scan found " + modules);
        Set<String> neither = new TreeSet<>();
        Set<String> both = new TreeSet<>();
        for (Class<?> c : modules) {
            boolean exportable = OnnxExport.EXPORTABLE.contains(c);
            boolean listed = OnnxExport.NOT_EXPORTABLE.containsKey(c.getName());
            if (!exportable && !listed) {
                neither.add(c.getName());
            }
            if (exportable && listed) {
                both.add(c.getName());
            }
        }
        assertEquals(Set.of(), neither, "modules neither in OnnxExport.EXPORTABLE nor in OnnxExport.NOT_EXPORTABLE");
        assertEquals(Set.of(), both, "modules both exportable and listed as not exportable");
        Set<String> names = new java.util.HashSet<>();
        modules.forEach(c -> names.add(c.getName()));
        assertEquals(Set.of(), new TreeSet<>(OnnxExport.NOT_EXPORTABLE.keySet().stream()
                .filter(n -> !names.contains(n)).toList()), "NOT_EXPORTABLE names no such concrete module");
        OnnxExport.NOT_EXPORTABLE.values().forEach(r -> assertFalse(r.isBlank()));
    }

    @TestFactory
    Stream<DynamicTest> everyExportableModuleRoundTripsThroughOnnxRuntime() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> c : OnnxExport.EXPORTABLE) {
            List<Sample> samples = SAMPLES.getOrDefault(c, List.of());
            if (samples.isEmpty()) {
                tests.add(DynamicTest.dynamicTest(c.getSimpleName(), () -> fail("no export sample for " + c.getName())));
            }
            for (Sample sm : samples) {
                for (OnnxExport.Precision p : OnnxExport.Precision.values()) {
                    tests.add(DynamicTest.dynamicTest(c.getSimpleName() + " " + sm.name() + " " + p,
                            () -> roundTrip(sm, p)));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void theReadmeExampleExportsAModelThatOnnxRuntimeRuns(@TempDir Path dir) throws Exception {
        // README onnx example begin
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>()
                .add(new SpatialConvolution(3, 8, 3, 3, 1, 1, 1, 1)).add(new SpatialBatchNormalization(8))
                .add(new ReLU()).add(new SpatialMaxPooling(2, 2, 2, 2)).add(new View(8 * 16 * 16))
                .add(new Linear(8 * 16 * 16, 10)).add(new LogSoftMax());
        net.evaluate();
        Path file = dir.resolve("net.onnx");
        OnnxExport.write(net, new int[] {4, 3, 32, 32}, file);                               // float32
        OnnxExport.write(net, new int[] {4, 3, 32, 32}, file, OnnxExport.Precision.FLOAT64); // or float64
        // README onnx example end
        Tensor x = Tensor.uniform(-1, 1, 4, 3, 32, 32);
        double[] expected = net.forward(x).toArray();
        double[] actual = runOnnx(file, List.of(x), false, OnnxExport.Precision.FLOAT64);
        assertArrayEquals(expected, actual, 1e-10 * Math.max(1, maxAbs(expected)));
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void aModuleWithoutOnnxFormFailsNamingItsPathAndWritesNothing(@TempDir Path dir) {
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(new Linear(4, 4))
                .add(new Sequential<Tensor, Tensor>().add(new ReLU()).add(new MaskedSelect()));
        Path out = dir.resolve("net.onnx");
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.write(net, new int[] {4}, out));
        Class<?> local = MaskedSelect.class;
        assertEquals("modules[1].modules[1]", e.path());
        assertTrue(e.getMessage().contains("nn.MaskedSelect") && e.getMessage().contains("modules[1].modules[1]")
                && e.getMessage().contains(OnnxExport.NOT_EXPORTABLE.get(local.getName())), e.getMessage());
        assertFalse(Files.exists(out));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList(), "no temporary file is left behind");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void aNestedTableOfInputsExportsFromAnExample(@TempDir Path dir) throws Exception {
        ParallelTable net = new ParallelTable().add(new Linear(3, 2))
                .add(new ParallelTable().add(new Tanh()).add(new Sequential<Tensor, Tensor>().add(new Linear(4, 4))
                        .add(new Sigmoid())));
        Tensor a = Tensor.uniform(-1, 1, 2, 3);
        Tensor b = Tensor.uniform(-1, 1, 5);
        Tensor c = Tensor.uniform(-1, 1, 2, 4);
        Table example = Table.of(a, Table.of(b, c));
        Path file = dir.resolve("nested.onnx");
        OnnxExport.write(net, example, file, OnnxExport.Precision.FLOAT64);
        OnnxMl.GraphProto g = OnnxExport.toModel(net, example, OnnxExport.Precision.FLOAT64).getGraph();
        assertEquals(List.of("input_0", "input_1", "input_2"),
                g.getInputList().stream().map(OnnxMl.ValueInfoProto::getName).toList());
        double[] expected = flat(net.forward(example));
        double[] actual = runOnnx(file, List.of(a, b, c), true, OnnxExport.Precision.FLOAT64);
        assertArrayEquals(expected, actual, 1e-10);
    }

    @Test
    void anUnpoolingWithoutItsPoolingInTheModelFailsNamingIt() {
        SpatialMaxPooling pool = new SpatialMaxPooling(2, 2, 2, 2);
        pool.forward(Tensor.zeros(1, 2, 4, 4));
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(new SpatialMaxUnpooling(pool));
        OnnxExportException e = assertThrows(OnnxExportException.class,
                () -> OnnxExport.toModel(net, new int[] {1, 2, 2, 2}, OnnxExport.Precision.FLOAT32));
        assertEquals("modules[0]", e.path());
        assertTrue(e.getMessage().contains("nn.SpatialMaxUnpooling") && e.getMessage().contains("SpatialMaxPooling"),
                e.getMessage());
    }

    @Test
    void aFailedExportLeavesAnExistingFileUntouched(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("net.onnx");
        Files.write(out, new byte[] {1, 2, 3});
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(new Dropout(0.5, true, false, true));
        OnnxExportException e = assertThrows(OnnxExportException.class, () -> OnnxExport.write(net, new int[] {3}, out));
        assertEquals("modules[0]", e.path());
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out));
    }

    @Test
    void nodesCarryTorchPathsAndTheGraphNamesItsInputsAndOutputs() {
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(new Linear(3, 2))
                .add(new Sequential<Tensor, Tensor>().add(new Tanh()));
        OnnxMl.GraphProto g = OnnxExport.toModel(net, new int[] {1, 3}, OnnxExport.Precision.FLOAT32).getGraph();
        assertEquals("input", g.getInput(0).getName());
        assertEquals("output", g.getOutput(0).getName());
        assertTrue(g.getNodeList().stream().anyMatch(n -> n.getName().startsWith("modules[0]:MatMul")), g.toString());
        assertTrue(g.getNodeList().stream().anyMatch(n -> n.getName().startsWith("modules[1].modules[0]:Tanh")),
                g.toString());
        Module<?, ?> two = new ParallelTable().add(new Identity()).add(new Tanh());
        OnnxMl.GraphProto t = OnnxExport.toModel(two, List.of(s(2, 2), s(3)), OnnxExport.Precision.FLOAT32).getGraph();
        assertEquals(List.of("input_0", "input_1"), t.getInputList().stream().map(OnnxMl.ValueInfoProto::getName).toList());
        assertEquals(List.of("output_0", "output_1"),
                t.getOutputList().stream().map(OnnxMl.ValueInfoProto::getName).toList());
    }

    @Test
    void theModuleIsLeftInItsModeAndItsOutputUntouched() {
        Sequential<Tensor, Tensor> net = new Sequential<Tensor, Tensor>().add(new Linear(3, 2)).add(new Dropout(0.5));
        net.training();
        OnnxExport.toModel(net, new int[] {2, 3}, OnnxExport.Precision.FLOAT32);
        assertTrue(net.isTraining());
        assertEquals(0, net.output().numel());
    }

    /** The concrete module classes of {@code io.github.nn4j.layers}, from the compiled main classes. */
    private static List<Class<?>> concreteModules() {
        Path root;
        try {
            root = Path.of(Linear.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String prefix = "io/github/nn4j/layers/";
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root.resolve(prefix))) {
                    files.filter(p -> p.toString().endsWith(".class")).forEach(p -> names.add(
                            root.relativize(p).toString().replace('\\', '/').replace(".class", "").replace('/', '.')));
                }
            } else {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(root.toFile())) {
                    jar.stream().map(java.util.jar.JarEntry::getName)
                            .filter(n -> n.startsWith(prefix) && n.endsWith(".class"))
                            .forEach(n -> names.add(n.replace(".class", "").replace('/', '.')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            try {
                Class<?> c = Class.forName(n, false, OnnxExportTest.class.getClassLoader());
                if (Module.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface()
                        && !c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic()
                        && Modifier.isPublic(c.getModifiers())) {
                    out.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // not loadable: not a module
            }
        }
        return out;
    }

    /** Exports, runs in ONNX Runtime, compares. */
    static void roundTrip(Sample s, OnnxExport.Precision precision) throws Exception {
        Path dir = Files.createTempDirectory("nn4j-onnx");
        Path file = dir.resolve("model.onnx");
        try {
            @SuppressWarnings("unchecked")
            Module<Data, Data> module = (Module<Data, Data>) s.module().get();
            module.evaluate();
            if (s.table()) {
                OnnxExport.write(module, s.shapes(), file, precision);
            } else {
                OnnxExport.write(module, s.shapes().get(0), file, precision);
            }
            TorchRandom rng = new TorchRandom(7);
            List<Tensor> xs = new ArrayList<>();
            for (int k = 0; k < s.shapes().size(); k++) {
                int[] shape = s.shapes().get(k);
                // a table's integer entry (indices) is its last one; the others are data in [-2, 2]
                boolean ints = s.integers() && (!s.table() || k == s.shapes().size() - 1);
                double lo = s.integers() && !ints ? -2 : s.lo();
                double hi = s.integers() && !ints ? 2 : s.hi();
                int n = 1;
                for (int d : shape) {
                    n *= d;
                }
                Tensor x = Tensor.zeros(n).uniform(rng, lo, hi);
                double[] v = x.data();
                for (int i = 0; i < n; i++) {
                    v[i] = ints ? Math.floor(v[i]) : precision == OnnxExport.Precision.FLOAT32 ? (float) v[i] : v[i];
                }
                xs.add(x.view(shape));
            }
            Data out = module.forward(s.table() ? Table.of(xs.toArray(new Data[0])) : xs.get(0));
            double[] expected = flat(out);
            double[] actual = runOnnx(file, xs, s.table(), precision);
            assertEquals(expected.length, actual.length, "output size");
            double tol = precision == OnnxExport.Precision.FLOAT64 ? 1e-10 : 1e-5;
            for (int i = 0; i < expected.length; i++) {
                double err = Math.abs(actual[i] - expected[i]);
                if (!(err <= tol * Math.max(1, Math.abs(expected[i])))) {
                    assertArrayEquals(expected, actual, tol, module.torchTypeName() + " at " + i);
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** The tensors of a forward output, depth first, concatenated. */
    static double[] flat(Data d) {
        List<double[]> parts = new ArrayList<>();
        collect(d, parts);
        int n = parts.stream().mapToInt(a -> a.length).sum();
        double[] all = new double[n];
        int o = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, o, p.length);
            o += p.length;
        }
        return all;
    }

    private static void collect(Data d, List<double[]> into) {
        if (d instanceof Tensor t) {
            into.add(t.toArray());
        } else {
            for (Data e : (Table) d) {
                collect(e, into);
            }
        }
    }

    /** Runs a model on the inputs; returns its outputs (depth first, as {@link OnnxExport} names them) concatenated. */
    static double[] runOnnx(Path file, List<Tensor> xs, boolean table, OnnxExport.Precision precision)
            throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
            for (int k = 0; k < xs.size(); k++) {
                Tensor x = xs.get(k);
                long[] shape = new long[x.dim()];
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = x.size(d);
                }
                double[] xd = x.toArray();
                OnnxTensor in;
                if (precision == OnnxExport.Precision.FLOAT64) {
                    in = OnnxTensor.createTensor(env, DoubleBuffer.wrap(xd), shape);
                } else {
                    float[] xf = new float[xd.length];
                    for (int i = 0; i < xd.length; i++) {
                        xf[i] = (float) xd[i];
                    }
                    in = OnnxTensor.createTensor(env, FloatBuffer.wrap(xf), shape);
                }
                inputs.put(table ? OnnxExport.inputName(k) : "input", in);
            }
            try (OrtSession.Result r = session.run(inputs)) {
                List<double[]> parts = new ArrayList<>();
                if (r.get("output").isPresent()) {
                    parts.add(values((OnnxTensor) r.get("output").get(), precision));
                } else {
                    for (int i = 0; r.get(OnnxExport.outputName(i)).isPresent(); i++) {
                        parts.add(values((OnnxTensor) r.get(OnnxExport.outputName(i)).get(), precision));
                    }
                }
                int n = parts.stream().mapToInt(a -> a.length).sum();
                double[] all = new double[n];
                int o = 0;
                for (double[] p : parts) {
                    System.arraycopy(p, 0, all, o, p.length);
                    o += p.length;
                }
                return all;
            }
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    private static double[] values(OnnxTensor out, OnnxExport.Precision precision) {
        if (precision == OnnxExport.Precision.FLOAT64) {
            DoubleBuffer b = out.getDoubleBuffer();
            double[] y = new double[b.remaining()];
            b.get(y);
            return y;
        }
        FloatBuffer b = out.getFloatBuffer();
        double[] y = new double[b.remaining()];
        for (int i = 0; i < y.length; i++) {
            y[i] = b.get(i);
        }
        return y;
    }
}
