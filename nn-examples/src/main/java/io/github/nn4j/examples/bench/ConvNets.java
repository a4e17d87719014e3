package io.github.nn4j.examples.bench;

import io.github.nn4j.Tensor;
import io.github.nn4j.layers.CAddTable;
import io.github.nn4j.layers.ConcatTable;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.layers.SpatialAveragePooling;
import io.github.nn4j.layers.SpatialBatchNormalization;
import io.github.nn4j.layers.SpatialConvolution;
import io.github.nn4j.layers.SpatialMaxPooling;
import io.github.nn4j.layers.View;

/**
 * The two convolutional networks of the CNN benchmark, exactly as {@code pytorch_cnn.py} defines
 * them (its header gives the architectures and the flop counts), built from Torch modules. Weights
 * are drawn from {@link io.github.nn4j.TorchRandom#global()} by each module's {@code reset}.
 *
 * <table class="striped">
 *   <caption>The networks</caption>
 *   <tr><th>name</th><th>input</th><th>layers</th><th>parameters</th></tr>
 *   <tr><td>LeNet-5</td><td>{@code [N, 1, 28, 28]}</td><td>conv 1→6 5×5 pad 2, ReLU, max-pool 2×2;
 *       conv 6→16 5×5, ReLU, max-pool 2×2; {@code View(400)}; Linear 400→120, ReLU, 120→84, ReLU,
 *       84→10</td><td>61,706</td></tr>
 *   <tr><td>ResNet-20 (CIFAR-10)</td><td>{@code [N, 3, 32, 32]}</td><td>conv 3→16 3×3 (no bias),
 *       BN, ReLU; 3 stages of 3 basic blocks (16, 32, 64 planes; stride 2 at the start of stages 2
 *       and 3, with a 1×1 stride-2 projection conv + BN shortcut, option B); 8×8 average pool,
 *       {@code View(64)}, Linear 64→10</td><td>272,474</td></tr>
 * </table>
 *
 * <p>A basic block is {@code Sequential(ConcatTable(main, shortcut), CAddTable(true), ReLU(true))}
 * with {@code main = conv 3×3 (stride s) → BN → ReLU(true) → conv 3×3 → BN} and the shortcut an
 * {@code Identity} or {@code conv 1×1 stride 2 → BN}. BatchNorm: eps 1e-5, momentum 0.1, affine,
 * batch statistics in training mode (as {@code nn.BatchNorm2d}).
 */
public final class ConvNets {

    private ConvNets() {
    }

    /**
     * Appends LeNet-5 (the benchmark's; input {@code [N, 1, 28, 28]}, output {@code [N, classes]}).
     *
     * @param model the container to append to
     * @param classes the number of classes (10)
     * @return {@code model}
     */
    public static Sequential<Tensor, Tensor> lenet(Sequential<Tensor, Tensor> model, int classes) {
        return lenet(model, classes, 0);
    }

    /**
     * Appends LeNet-5 with a {@code Dropout(p)} after each of the two hidden {@code Linear} +
     * {@code ReLU} layers when {@code dropout > 0} (the training command's regulariser; the
     * benchmark has none).
     *
     * @param model the container to append to
     * @param classes the number of classes (10)
     * @param dropout the dropout probability of the hidden fully connected units, in {@code [0, 1)}
     * @return {@code model}
     */
    public static Sequential<Tensor, Tensor> lenet(Sequential<Tensor, Tensor> model, int classes, double dropout) {
        model.add(new SpatialConvolution(1, 6, 5, 5, 1, 1, 2, 2)).add(new ReLU())
                .add(new SpatialMaxPooling(2, 2, 2, 2))
                .add(new SpatialConvolution(6, 16, 5, 5)).add(new ReLU())
                .add(new SpatialMaxPooling(2, 2, 2, 2))
                .add(new View(16 * 5 * 5).setNumInputDims(3))
                .add(new Linear(400, 120)).add(new ReLU());
        if (dropout > 0) {
            model.add(new Dropout(dropout));
        }
        model.add(new Linear(120, 84)).add(new ReLU());
        if (dropout > 0) {
            model.add(new Dropout(dropout));
        }
        return model.add(new Linear(84, classes));
    }

    /**
     * Appends the CIFAR-10 ResNet-20 with option-B projection shortcuts (input
     * {@code [N, 3, 32, 32]}, output {@code [N, classes]}).
     *
     * @param model the container to append to
     * @param classes the number of classes (10)
     * @return {@code model}
     */
    public static Sequential<Tensor, Tensor> resnet20(Sequential<Tensor, Tensor> model, int classes) {
        model.add(new SpatialConvolution(3, 16, 3, 3, 1, 1, 1, 1).noBias()).add(bn(16)).add(new ReLU(true));
        int in = 16;
        for (int planes : new int[] {16, 32, 64}) {
            for (int b = 0; b < 3; b++) {
                int stride = b == 0 && planes != 16 ? 2 : 1;
                model.add(basicBlock(in, planes, stride));
                in = planes;
            }
        }
        return model.add(new SpatialAveragePooling(8, 8)).add(new View(64).setNumInputDims(3))
                .add(new Linear(64, classes));
    }

    private static SpatialBatchNormalization bn(int planes) {
        return new SpatialBatchNormalization(planes, 1e-5, 0.1, true);
    }

    private static Sequential<Tensor, Tensor> basicBlock(int in, int out, int stride) {
        Sequential<Tensor, Tensor> main = new Sequential<Tensor, Tensor>()
                .add(new SpatialConvolution(in, out, 3, 3, stride, stride, 1, 1).noBias()).add(bn(out))
                .add(new ReLU(true))
                .add(new SpatialConvolution(out, out, 3, 3, 1, 1, 1, 1).noBias()).add(bn(out));
        ConcatTable<Tensor> branches = new ConcatTable<Tensor>().add(main);
        if (stride != 1 || in != out) {
            branches.add(new Sequential<Tensor, Tensor>()
                    .add(new SpatialConvolution(in, out, 1, 1, stride, stride).noBias()).add(bn(out)));
        } else {
            branches.add(new Identity());
        }
        return new Sequential<Tensor, Tensor>().add(branches).add(new CAddTable(true)).add(new ReLU(true));
    }
}
