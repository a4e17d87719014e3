package io.github.nn4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.criteria.CrossEntropyCriterion;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sequential;
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
 * <table class="striped">
 *   <caption>The workloads</caption>
 *   <tr><th>name</th><th>layers</th><th>batch</th></tr>
 *   <tr><td>{@code tiny}</td><td>2-100-3 (the spiral)</td><td>300</td></tr>
 *   <tr><td>{@code mnist}</td><td>784-256-10</td><td>64</td></tr>
 *   <tr><td>{@code wide}</td><td>784-1024-1024-10</td><td>256</td></tr>
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
        wide(256, 784, 1024, 1024, 10);

        private final int batch;
        private final int[] layers;

        Workload(int batch, int... layers) {
            this.batch = batch;
            this.layers = layers;
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
         * The layer sizes, input first.
         *
         * @return a copy
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
        for (int i = 0; i + 1 < l.length; i++) {
            Linear linear = new Linear(l[i], l[i + 1]);
            model.add(i == 0 && !inputGradient ? linear.noGradInput() : linear);
            if (i + 2 < l.length) {
                model.add(new ReLU());
            }
        }
        List<Parameter> params = new ArrayList<>(model.parameters());
        sgd = Sgd.builder().learningRate(0.01).build(params);
        TorchRandom rng = new TorchRandom(seed + 1);
        input = Tensor.zeros(workload.batch, l[0]).uniform(rng, 0, 1);
        target = Tensor.zeros(workload.batch);
        double[] t = target.data();
        for (int i = 0; i < t.length; i++) {
            t[i] = rng.nextInt(l[l.length - 1]);
        }
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
        model.backward(input, criterion.backward(out, target));
        sgd.step();
        return loss;
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
