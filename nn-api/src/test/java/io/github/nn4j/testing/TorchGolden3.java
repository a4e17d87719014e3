package io.github.nn4j.testing;

import java.util.List;
import java.util.Set;

/**
 * The cases of {@code shared/fixtures/torch-golden-3} (real Lua Torch7 running cudnn.torch's, dpnn's,
 * fast-neural-style's and CycleGAN's Lua code; same layout as torch-golden-2, see {@link TorchGolden2})
 * whose classes nn4j reads today. The system property {@code nn4j.golden3.all=true} runs every case
 * of the set, to see which of the others fail and how.
 */
public final class TorchGolden3 {

    /** The cases whose classes are read (the set's README describes the others). */
    private static final Set<String> READ = Set.of("cudnn_conv", "cudnn_conv_3d_float", "cudnn_conv_nobias_fresh",
            "cudnn_conv_noclear", "cudnn_conv_fromnn", "cudnn_fullconv", "cudnn_vconv", "cudnn_relu",
            "cudnn_relu_inplace", "cudnn_relu_fresh", "cudnn_tanh", "cudnn_sigmoid", "cudnn_maxpool",
            "cudnn_maxpool_3d", "cudnn_avgpool", "cudnn_avgpool_pad", "cudnn_avgpool_pad_to_nn", "cudnn_sbn_train",
            "cudnn_sbn_eval", "cudnn_bn_train", "cudnn_bn_eval", "resnet_cifar_train", "resnet_cifar_eval",
            "resnet_mini_cudnn_train", "resnet_mini_cudnn_eval", "resnet_mini_to_nn_eval",
            // grouped convolution, cuDNN softmax, running_std, fbnn, DataParallelTable (#17 part A)
            "cudnn_conv_groups", "cudnn_sbn_legacy_running_std", "cudnn_softmax", "cudnn_softmax_4d", "cudnn_logsoftmax",
            "cudnn_logsoftmax_1d", "fbnn_sbn_train", "fbnn_sbn_eval", "fbnn_sbn_eval_noaffine", "dpt_imagenet",
            "dpt_fbresnet");

    /**
     * The cases of the classes from outside torch/nn (dpnn, fast-neural-style) that are read and
     * match. Not listed: the seven {@code instnorm_*} cases and {@code fast_neural_style_in}. Their
     * expected.t7 holds {@code (x − running_mean)/√(running_var + eps)·w + b} with the inner
     * SpatialBatchNormalization's fresh running statistics (0 and 1: the output is
     * {@code x·w/√(1 + 1e-5) + b}, gradInput {@code g·w/√(1 + 1e-5)}), i.e. an evaluation-mode
     * batch normalisation, although both Lua classes call the inner module's {@code training()}
     * and the set's README describes per-instance statistics; even the used files' inner
     * modules kept running statistics 0 and 1 after a training forward with momentum 0.1.
     * nn4j's {@code io.github.nn4j.layers.InstanceNormalization} follows the Lua code (checked
     * against nn4j's SpatialBatchNormalization on the Lua view instead).
     */
    private static final Set<String> FOREIGN = Set.of("inception_3a", "inception_lppool", "inception_stride2",
            "inception_5a", "inception_train", "inception_default_nobn", "inception_tanh_nopad", "inception_b1",
            "inception_legacy_module", "openface_small", "shave", "shave_b1", "totalvariation",
            "totalvariation_seq");

    /** Tolerance: the sets' normalisation tolerance (batch normalisation throughout). */
    public static final double REL = TorchGolden2.REL_NORMALISATION;

    /**
     * Absolute tolerance added (the set's README: "plus about 1e-13 absolute"): gradients that are 0
     * in exact arithmetic, such as a convolution bias in front of a training-mode batch
     * normalisation, are rounding noise of that size in both programs.
     */
    public static final double ABS = 1e-13;

    private TorchGolden3() {
    }

    /**
     * The read cases of kind {@code module} and {@code forward}, skipping the caller when the
     * shared folder is absent.
     *
     * @return the cases, in manifest order
     */
    public static List<TorchGolden2.Case> cases() {
        return TorchGolden2.casesIn(SharedFixtures.requireDir("fixtures/torch-golden-3"), "module", "forward")
                .stream().filter(c -> READ.contains(c.name()) || FOREIGN.contains(c.name())
                        || Boolean.getBoolean("nn4j.golden3.all")).toList();
    }
}
