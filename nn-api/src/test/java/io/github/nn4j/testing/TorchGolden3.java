package io.github.nn4j.testing;

import java.util.List;
import java.util.Set;

/**
 * The cuDNN cases of {@code shared/fixtures/torch-golden-3} (real Lua Torch7 running cudnn.torch's
 * Lua code; same layout as torch-golden-2, see {@link TorchGolden2}) whose classes nn4j reads today.
 * The system property {@code nn4j.golden3.all=true} runs every case of the set, to see which of
 * the others fail and how.
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

    /** Tolerance: the sets' normalisation tolerance (batch normalisation throughout). */
    public static final double REL = TorchGolden2.REL_NORMALISATION;

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
                .stream().filter(c -> READ.contains(c.name()) || Boolean.getBoolean("nn4j.golden3.all")).toList();
    }
}
