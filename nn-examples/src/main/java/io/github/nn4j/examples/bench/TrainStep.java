package io.github.nn4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.criteria.CrossEntropyCriterion;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.layers.SpatialConvolution;
import io.github.nn4j.optim.Sgd;

/**
 * One training step of a ReLU MLP on a fixed random batch, the unit the training benchmark
 * times: {@code forward}, {@code CrossEntropyCriterion} forward and backward,
 * {@code zeroGradParameters}, {@code backward}, one plain SGD update (learning rate 0.01, as the
 * PyTorch baseline script {@code pytorch_mlp.py}).
 *
 * <p><b>The first layer's gradInput.</b> By default the first {@code Linear} does not compute
 * the gradient of the input ({@link Linear#noGradInput()}, Torch's {@code gradInput = nil}): the
 * input is data, nothing reads that gradient, and PyTorch's baseline skips it too (its input does
 * not require a gradient), so both sides do the same arithmetic. With {@code inputGradient} the
 * step computes it as a plain Torch {@code Sequential} does: one more product of the first
 * layer's size (for the wide network, 17 % more multiply-adds per step).
 *
 * <p><b>The convolutional workloads</b> ({@code lenet}, {@code resnet20}, see {@link ConvNets};
 * the same networks as {@code pytorch_cnn.py}) take a {@code randn} batch. {@code SpatialConvolution}
 * has no switch to skip its gradInput, so the step goes backward through the top-level children
 * itself and, for the first child (the first convolution), calls only {@code accGradParameters}:
 * the same arithmetic as PyTorch, whose input needs no gradient. With {@code inputGradient} the
 * first convolution computes it too ({@code pytorch_cnn.py --input-grad}).
 *
 * <table class="striped">
 *   <caption>The workloads</caption>
 *   <tr><th>name</th><th>layers</th><th>batch</th><th>MFLOP/step (first gradInput skipped)</th></tr>
 *   <tr><td>{@code tiny}</td><td>2-100-3 (the spiral)</td><td>300</td><td></td></tr>
 *   <tr><td>{@code mnist}</td><td>784-256-10</td><td>64</td><td></td></tr>
 *   <tr><td>{@code wide}</td><td>784-1024-1024-10</td><td>256</td><td></td></tr>
 *   <tr><td>{@code lenet}</td><td>LeNet-5 on 1x28x28</td><td>64</td><td>144.89</td></tr>
 *   <tr><td>{@code resnet20}</td><td>ResNet-20 on 3x32x32</td><td>32</td><td>7807.82</td></tr>
 * </table>
 */
public final class TrainStep {

    /** A network size and batch size. */
    public enum Workload {
        /** 2-100-3, batch 300: CS231n's spiral, full batch. */
        tiny(300, 2, 100, 3),
        /** 784-256-10, batch 64: the default MNIST network. */
        mnist(64, 784, 256, 10),
        /** 784-1024-1024-10, batch 256: where the matrix products dominate. */
        wide(256, 784, 1024, 1024, 10),
        /** LeNet-5 on {@code [64, 1, 28, 28]} ({@link ConvNets#lenet}). */
        lenet(64, new int[] {1, 28, 28}, "LeNet-5 1x28x28"),
        /** The CIFAR-10 ResNet-20 on {@code [32, 3, 32, 32]} ({@link ConvNets#resnet20}). */
        resnet20(32, new int[] {3, 32, 32}, "ResNet-20 3x32x32");

        private final int batch;
        private final int[] layers;
        private final int[] sample;
        private final String name;

        Workload(int batch, int... layers) {
            this.batch = batch;
            this.layers = layers;
            this.sample = new int[] {layers[0]};
            this.name = null;
        }

        Workload(int batch, int[] sample, String name) {
            this.batch = batch;
            this.layers = new int[0];
            this.sample = sample;
            this.name = name;
        }

        /**
         * Whether this is one of the convolutional networks.
         *
         * @return true for {@code lenet} and {@code resnet20}
         */
        public boolean convolutional() {
            return name != null;
        }

        /**
         * The shape of one input sample.
         *
         * @return a copy, e.g. {@code [1, 28, 28]}
         */
        public int[] sample() {
            return sample.clone();
        }

        /**
         * The batch size.
         *
         * @return samples per step
         */
        public int batch() {
            return batch;
        }

        /**
         * The layer sizes of an MLP, input first.
         *
         * @return a copy (empty for a convolutional network)
         */
        public int[] layers() {
            return layers.clone();
        }

        /**
         * A description such as {@code "784-256-10, batch 64"}.
         *
         * @return the description
         */
        public String describe() {
            if (name != null) {
                return name + String.format(Locale.ROOT, ", batch %d", batch);
            }
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < layers.length; i++) {
                sb.append(i == 0 ? "" : "-").append(layers[i]);
            }
            return sb.append(String.format(Locale.ROOT, ", batch %d", batch)).toString();
        }
    }

    private final Workload workload;
    private final boolean inputGradient;
    private final Sequential<Tensor, Tensor> model = new Sequential<>();
    private final CrossEntropyCriterion criterion = new CrossEntropyCriterion();
    private final Sgd sgd;
    private final Tensor input;
    private final Tensor target;
    /** The top-level children, typed, for the convolutional step's own backward walk. */
    private final List<Module<Tensor, Tensor>> children = new ArrayList<>();

    /**
     * Builds the network (seeded), a random batch and the optimiser; the first layer skips its
     * gradInput, as PyTorch's baseline does.
     *
     * @param workload the sizes
     * @param seed the seed of the weights and the batch
     */
    public TrainStep(Workload workload, long seed) {
        this(workload, seed, false);
    }

    /**
     * Builds the network (seeded), a random batch and the optimiser.
     *
     * @param workload the sizes
     * @param seed the seed of the weights and the batch
     * @param inputGradient whether the first layer also computes the gradient of the input (Torch's
     *     default for a {@code Sequential}; nothing reads it)
     */
    public TrainStep(Workload workload, long seed, boolean inputGradient) {
        this.workload = workload;
        this.inputGradient = inputGradient;
        TorchRandom.manualSeed(seed);
        int[] l = workload.layers;
        int classes = 10;
        TorchRandom rng = new TorchRandom(seed + 1);
        if (workload.convolutional()) {
            Sequential<Tensor, Tensor> net = workload == Workload.lenet ? ConvNets.lenet(new Sequential<>(), classes)
                    : ConvNets.resnet20(new Sequential<>(), classes);
            for (int i = 0; i < net.size(); i++) {
                Module<Tensor, Tensor> child = tensorModule(net.get(i));
                children.add(child);
                model.add(child);
            }
            int[] shape = new int[workload.sample.length + 1];
            shape[0] = workload.batch;
            System.arraycopy(workload.sample, 0, shape, 1, workload.sample.length);
            input = Tensor.zeros(shape).normal(rng, 0, 1);
        } else {
            for (int i = 0; i + 1 < l.length; i++) {
                Linear linear = new Linear(l[i], l[i + 1]);
                model.add(i == 0 && !inputGradient ? linear.noGradInput() : linear);
                if (i + 2 < l.length) {
                    model.add(new ReLU());
                }
            }
            classes = l[l.length - 1];
            input = Tensor.zeros(workload.batch, l[0]).uniform(rng, 0, 1);
        }
        List<Parameter> params = new ArrayList<>(model.parameters());
        sgd = Sgd.builder().learningRate(0.01).build(params);
        target = Tensor.zeros(workload.batch);
        double[] t = target.data();
        for (int i = 0; i < t.length; i++) {
            t[i] = rng.nextInt(classes);
        }
    }

    @SuppressWarnings("unchecked")
    private static Module<Tensor, Tensor> tensorModule(Module<?, ?> m) {
        // every top-level child of the two networks maps a tensor to a tensor (checked by the tests)
        return (Module<Tensor, Tensor>) m;
    }

    /**
     * One step.
     *
     * @return the loss before the update
     */
    public double step() {
        Tensor out = model.forward(input);
        double loss = criterion.forward(out, target);
        model.zeroGradParameters();
        Tensor grad = criterion.backward(out, target);
        if (children.isEmpty()) {
            model.backward(input, grad);
        } else {
            for (int i = children.size() - 1; i > 0; i--) {
                grad = children.get(i).backward(children.get(i - 1).output(), grad);
            }
            if (inputGradient) {
                children.get(0).backward(input, grad);
            } else {
                children.get(0).accGradParameters(input, grad, 1.0);
            }
        }
        sgd.step();
        return loss;
    }

    /**
     * The arithmetic of one step as {@code pytorch_cnn.py} counts it: 2 flop per multiply-add of
     * the convolutions and {@code Linear} layers only; forward {@code F}, backward gradInput and
     * gradWeight as many again each, minus the first layer's gradInput when it is skipped. Runs
     * one forward of the batch to learn the output sizes (it does not change the weights).
     *
     * @return MFLOP per step
     */
    public double mflopPerStep() {
        model.forward(input);
        double forward = 0;
        double first = -1;
        for (Module<?, ?> m : model.listModules()) {
            double macs;
            if (m instanceof SpatialConvolution conv) {
                Tensor out = conv.output();
                int n = out.dim() == 4 ? out.size(0) : 1;
                macs = (double) out.numel() / n * (conv.weight().numel() / out.size(-3));
            } else if (m instanceof Linear linear) {
                macs = linear.weight().numel();
            } else {
                continue;
            }
            forward += macs;
            if (first < 0) {
                first = macs;
            }
        }
        double step = 3 * forward - (inputGradient ? 0 : Math.max(first, 0));
        return 2 * step * workload.batch / 1e6;
    }

    /**
     * The workload.
     *
     * @return the sizes
     */
    public Workload workload() {
        return workload;
    }

    /**
     * Whether the first layer computes the gradient of the input.
     *
     * @return the constructor's {@code inputGradient}
     */
    public boolean inputGradient() {
        return inputGradient;
    }

    /**
     * The network being trained.
     *
     * @return the model (the step's own)
     */
    public Sequential<Tensor, Tensor> model() {
        return model;
    }
}
