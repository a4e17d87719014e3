package io.github.nn4j.layers;

import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7CodecProvider;

/**
 * The {@code .t7} codecs of every module of this package, found by
 * {@link io.github.nn4j.torch7.T7Bridge} through {@link java.util.ServiceLoader}: a Torch file
 * holding {@code nn.Linear}, {@code nn.Sequential}, ... loads as the Java module, and a Java module
 * saves as the object Torch's own {@code torch.load} reads back.
 *
 * <p><b>Where each codec lives.</b> Each module declares its own codec beside its code, as a
 * package-private {@code static final T7Codec<X> T7} whose javadoc lists the Torch fields it reads
 * and writes (beyond the common {@code output}, {@code gradInput}, {@code _type}, {@code train}
 * that the bridge handles); this class only lists them, one line each, grouped as Torch's
 * documentation groups the modules. {@code nn.gModule} (nngraph) is {@link GraphT7Codec}. The
 * helpers every codec shares are in {@link LuaFields}.
 *
 * <p><b>Lua's 1-based values</b> are shifted here, at the boundary: a dimension or index
 * {@code d ≥ 1} in the file is {@code d − 1} in Java and back; a negative one counts from the end
 * in both and is kept (0 is rejected: no Lua position is 0). Parameter
 * gradients are loaded as stored (a file saved after {@code zeroGradParameters} holds zeros;
 * other files may hold Torch's uninitialised memory, as Torch itself would).
 *
 * <p>Building a module runs its constructor, but its {@code reset()} draws nothing: the bridge
 * converts inside {@link io.github.nn4j.TorchRandom#withoutGlobalDraws}, so a load leaves the
 * global generator where it was, as Torch's {@code torch.load} does. Parameters are copied once,
 * from the file's storage into the module's tensors ({@code T7Bridge.Reading.copyTensor}).
 */
public final class LayersT7Codecs implements T7CodecProvider {

    /** The provider instance {@link java.util.ServiceLoader} creates. */
    public LayersT7Codecs() {
    }

    @Override
    public List<T7Codec<?>> codecs() {
        List<T7Codec<?>> c = new ArrayList<>();
        // ---- simple layers
        c.add(Linear.T7);
        c.add(Add.T7);
        c.add(Mul.T7);
        c.add(CMul.T7);
        c.add(MulConstant.T7);
        c.add(AddConstant.T7);
        c.add(Max.T7);
        c.add(Min.T7);
        c.add(View.T7);
        c.add(Reshape.T7);
        c.add(Identity.T7);
        c.add(Dropout.T7);
        c.add(Square.T7);
        c.add(Power.T7);
        c.add(Sqrt.T7);
        c.add(Exp.T7);
        c.add(Log.T7);
        c.add(Abs.T7);
        // ---- transfer functions (first wave)
        c.add(Threshold.T7);
        c.add(ReLU.T7);
        c.add(Sigmoid.T7);
        c.add(Tanh.T7);
        c.add(SoftMax.T7);
        c.add(LogSoftMax.T7);
        // ---- table layers (first wave)
        c.add(CAddTable.T7);
        c.add(CSubTable.T7);
        c.add(CMulTable.T7);
        c.add(CMaxTable.T7);
        c.add(JoinTable.T7);
        c.add(SelectTable.T7);
        // ---- containers
        c.add(Sequential.T7);
        c.add(ConcatTable.T7);
        c.add(ParallelTable.T7);
        c.add(Concat.T7);
        c.add(GraphT7Codec.INSTANCE);

        // ---- convolution
        // (SpatialConvolution, SpatialConvolutionMM, SpatialDilatedConvolution, SpatialFullConvolution, SpatialConvolutionLocal, SpatialSubSampling)
        c.add(SpatialConvolution.T7);
        c.add(SpatialConvolutionMM.T7);
        c.add(SpatialDilatedConvolution.T7);
        c.add(SpatialFullConvolution.T7);
        c.add(SpatialConvolutionLocal.T7);
        c.add(SpatialSubSampling.T7);
        // ---- end of convolution

        // ---- temporal and volumetric
        // (TemporalConvolution, TemporalMaxPooling, TemporalSubSampling, VolumetricConvolution, VolumetricMaxPooling, SpatialDropout, VolumetricDropout)
        // one line per module: c.add(Module.T7);
        c.add(TemporalConvolution.T7);
        c.add(TemporalMaxPooling.T7);
        c.add(TemporalSubSampling.T7);
        c.add(VolumetricConvolution.T7);
        c.add(VolumetricMaxPooling.T7);
        c.add(SpatialDropout.T7);
        c.add(VolumetricDropout.T7);
        // ---- end of temporal and volumetric

        // ---- pooling, padding and resampling
        // (SpatialMaxPooling, SpatialAveragePooling, SpatialAdaptive*Pooling, SpatialMaxUnpooling, SpatialLPPooling, Spatial*Padding, SpatialUpSampling*)
        // one line per module: c.add(Module.T7);
        c.add(SpatialMaxPooling.T7);
        c.add(SpatialAveragePooling.T7);
        c.add(SpatialAdaptiveMaxPooling.T7);
        c.add(SpatialAdaptiveAveragePooling.T7);
        c.add(SpatialMaxUnpooling.T7);
        c.add(SpatialLPPooling.T7);
        c.add(SpatialZeroPadding.T7);
        c.add(SpatialReflectionPadding.T7);
        c.add(SpatialReplicationPadding.T7);
        c.add(SpatialUpSamplingNearest.T7);
        c.add(SpatialUpSamplingBilinear.T7);
        // ---- end of pooling, padding and resampling

        // ---- normalisation
        // (BatchNormalization, SpatialBatchNormalization, SpatialCrossMapLRN, Spatial*Normalization, SpatialSoftMax, SpatialLogSoftMax)
        c.add(BatchNormalization.T7);
        c.add(SpatialBatchNormalization.T7);
        c.add(SpatialCrossMapLRN.T7);
        c.add(SpatialSubtractiveNormalization.T7);
        c.add(SpatialDivisiveNormalization.T7);
        c.add(SpatialContrastiveNormalization.T7);
        c.add(SpatialSoftMax.T7);
        c.add(SpatialLogSoftMax.T7);
        // ---- end of normalisation

        // ---- transfer functions
        // (HardTanh, Clamp, LeakyReLU, ELU, PReLU, RReLU, SoftPlus, SoftSign, SoftShrink, HardShrink, TanhShrink, LogSigmoid, SoftMin, ReLU6, GradientReversal)
        // one line per module: c.add(Module.T7);
        c.add(HardTanh.T7);
        c.add(Clamp.T7);
        c.add(LeakyReLU.T7);
        c.add(ELU.T7);
        c.add(PReLU.T7);
        c.add(RReLU.T7);
        c.add(SoftPlus.T7);
        c.add(SoftSign.T7);
        c.add(SoftShrink.T7);
        c.add(HardShrink.T7);
        c.add(TanhShrink.T7);
        c.add(LogSigmoid.T7);
        c.add(SoftMin.T7);
        c.add(ReLU6.T7);
        c.add(GradientReversal.T7);
        c.add(Normalize.T7);
        c.add(L1Penalty.T7);
        // ---- end of transfer functions

        // ---- shapes, copies and embeddings
        // (Copy, Contiguous, Mean, Sum, Transpose, Narrow, Select, Index, Replicate, Squeeze, Unsqueeze, MaskedSelect, Padding, Bottle, LookupTable, SparseLinear)
        // one line per module: c.add(Module.T7);
        c.add(Copy.T7);
        c.add(Contiguous.T7);
        c.add(Mean.T7);
        c.add(Sum.T7);
        c.add(Transpose.T7);
        c.add(Narrow.T7);
        c.add(Select.T7);
        c.add(Replicate.T7);
        c.add(Squeeze.T7);
        c.add(Unsqueeze.T7);
        c.add(Padding.T7);
        c.add(Index.T7);
        c.add(MaskedSelect.T7);
        c.add(Bottle.T7);
        c.add(LookupTable.T7);
        c.add(SparseLinear.T7);
        // ---- end of shapes, copies and embeddings

        // ---- tables
        // (SplitTable, NarrowTable, FlattenTable, Parallel, DepthConcat, MixtureTable, CDivTable, CMinTable, MapTable, Normalize, L1Penalty)
        // one line per module: c.add(Module.T7);
        c.add(SplitTable.T7);
        c.add(NarrowTable.T7);
        c.add(FlattenTable.T7);
        c.add(Parallel.T7);
        c.add(DepthConcat.T7);
        c.add(MixtureTable.T7);
        c.add(CDivTable.T7);
        c.add(CMinTable.T7);
        c.add(MapTable.T7);
        // ---- end of tables

        // ---- distances and products
        // (Euclidean, WeightedEuclidean, Cosine, CosineDistance, DotProduct, PairwiseDistance, MM, MV, Bilinear)
        // one line per module: c.add(Module.T7);
        c.add(Euclidean.T7);
        c.add(WeightedEuclidean.T7);
        c.add(Cosine.T7);
        c.add(CosineDistance.T7);
        c.add(DotProduct.T7);
        c.add(PairwiseDistance.T7);
        c.add(MM.T7);
        c.add(MV.T7);
        c.add(Bilinear.T7);
        // ---- end of distances and products

        // ---- classes from outside torch/nn (dpnn, fast-neural-style, CycleGAN, char-rnn)
        c.add(Inception.T7);
        c.add(InstanceNormalization.T7);
        c.add(ShaveImage.T7);
        c.add(TotalVariation.T7);
        c.add(OneHot.T7);
        c.add(CharRnnOneHot.T7);
        // ---- end of classes from outside torch/nn

        return c;
    }
}
