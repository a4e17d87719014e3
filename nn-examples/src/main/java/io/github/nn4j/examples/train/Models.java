package io.github.nn4j.examples.train;

import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.examples.bench.ConvNets;
import io.github.nn4j.layers.Add;
import io.github.nn4j.layers.CMul;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.MulConstant;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.layers.View;
import io.github.nn4j.optim.Dataset;

/**
 * The networks the {@code train} commands build: a ReLU multi-layer perceptron, a linear
 * classifier or (MNIST) LeNet-5, optionally preceded by a fixed input normalisation. LeNet-5
 * takes the same 784-pixel rows as the MLP: an {@code nn.View(1, 28, 28)} after the normalisation
 * reshapes them to images inside the model, so the saved file classifies the same input.
 *
 * <table class="striped">
 *   <caption>The model, as {@code toString} prints it (MNIST defaults)</caption>
 *   <tr><th>module</th><th>role</th></tr>
 *   <tr><td>{@code nn.Add(1)} (bias {@code −mean})</td><td rowspan="2">normalisation
 *       {@code (x − mean) / std} with the training set's statistics; fixed (not trained)</td></tr>
 *   <tr><td>{@code nn.MulConstant(1/std)}</td></tr>
 *   <tr><td>{@code nn.Linear(784 -> 256)}, {@code nn.ReLU}</td><td>one per hidden size (and a
 *       {@code nn.Dropout} after each {@code ReLU} when asked for)</td></tr>
 *   <tr><td>{@code nn.Linear(256 -> 10)}</td><td>class scores (no soft-max: the
 *       {@code CrossEntropyCriterion} or {@code MultiMarginCriterion} takes raw scores)</td></tr>
 * </table>
 *
 * <p>The normalisation is part of the model, so a saved {@code .t7} file classifies raw inputs
 * (pixels in {@code [0, 1]} for MNIST) as the training did. Its modules are excluded from
 * {@link #trainable}: the optimiser never changes them. So backward stops at the first trained
 * layer ({@code Sequential.stopBackwardAt}): the first {@code Linear}'s gradInput (one product of
 * that layer's size per step) and the normalisation's gradients, which nothing reads, are not
 * computed.
 */
public final class Models {

    /** How inputs are normalised before the classifier. */
    public enum Normalisation {
        /** No normalisation. */
        NONE,
        /** One mean and one deviation over all features ({@code Add} scalar + {@code MulConstant}). */
        GLOBAL,
        /** A mean and a deviation per feature ({@code Add} + {@code CMul}). */
        PER_FEATURE
    }

    /** The architecture. */
    public enum Architecture {
        /** Hidden {@code Linear} + {@code ReLU} layers, then a {@code Linear} to the classes. */
        mlp,
        /** A single {@code Linear} layer: the linear SVM / soft-max classifier of CS231n. */
        linear,
        /**
         * LeNet-5 on 28×28 images (MNIST only): {@code nn.View(1, 28, 28)} reshapes the 784-pixel
         * row inside the model, then the benchmark's network ({@link ConvNets#lenet}): two
         * {@code SpatialConvolution} + {@code ReLU} + {@code SpatialMaxPooling} stages and three
         * {@code Linear} layers ({@code --dropout}: a {@code Dropout} after each hidden one).
         */
        lenet
    }

    private Models() {
    }

    /**
     * A built network with the part the optimiser may change.
     *
     * @param model the whole network, input normalisation included
     * @param trainable the parameters the optimiser updates (those of the classifier, not of the
     *     normalisation)
     */
    public record Built(Sequential<Tensor, Tensor> model, List<Parameter> trainable) {
    }

    /**
     * Builds the network. Its weights are drawn from {@link io.github.nn4j.TorchRandom#global()}
     * (seed it first for a repeatable model).
     *
     * @param architecture MLP or linear
     * @param hidden the hidden layer sizes for an MLP (ignored for a linear model)
     * @param train the training set: the input size, class count and normalisation statistics
     * @param normalisation how to normalise the inputs
     * @return the model and its trainable parameters
     * @throws IllegalArgumentException if a hidden size is not positive or an MLP has none
     */
    public static Built build(Architecture architecture, int[] hidden, Dataset train, Normalisation normalisation) {
        return build(architecture, hidden, 0, train, normalisation);
    }

    /**
     * Builds the network, with a {@code Dropout(p)} after each hidden {@code ReLU} when
     * {@code dropout > 0} (active in training mode only).
     *
     * @param architecture MLP or linear
     * @param hidden the hidden layer sizes for an MLP (ignored for a linear model)
     * @param dropout the dropout probability of the hidden units, in {@code [0, 1)}
     * @param train the training set: the input size, class count and normalisation statistics
     * @param normalisation how to normalise the inputs
     * @return the model and its trainable parameters
     * @throws IllegalArgumentException if a hidden size is not positive, an MLP has none, or the
     *     dropout probability is outside {@code [0, 1)}
     */
    public static Built build(Architecture architecture, int[] hidden, double dropout, Dataset train,
                              Normalisation normalisation) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("the dropout probability must be in [0, 1), got " + dropout);
        }
        int in = train.sampleNumel();
        int classes = train.numClasses();
        Sequential<Tensor, Tensor> model = new Sequential<>();
        addNormalisation(model, train, normalisation);
        List<Module<?, ?>> classifier = new ArrayList<>();
        if (architecture == Architecture.mlp) {
            if (hidden == null || hidden.length == 0) {
                throw new IllegalArgumentException("an MLP needs at least one hidden layer size (--hidden)");
            }
            int prev = in;
            for (int h : hidden) {
                if (h < 1) {
                    throw new IllegalArgumentException("hidden layer sizes must be positive, got " + h);
                }
                classifier.add(new Linear(prev, h));
                classifier.add(new ReLU());
                if (dropout > 0) {
                    classifier.add(new Dropout(dropout));
                }
                prev = h;
            }
            classifier.add(new Linear(prev, classes));
        } else if (architecture == Architecture.lenet) {
            if (in != 28 * 28) {
                throw new IllegalArgumentException("--model lenet needs 28x28 images (784 inputs), got " + in
                        + " inputs per sample");
            }
            classifier.add(new View(1, 28, 28).setNumInputDims(1));
            Sequential<Tensor, Tensor> lenet = ConvNets.lenet(new Sequential<>(), classes, dropout);
            for (int i = 0; i < lenet.size(); i++) {
                classifier.add(lenet.get(i));
            }
        } else {
            classifier.add(new Linear(in, classes));
        }
        List<Parameter> trainable = new ArrayList<>();
        int firstTrained = -1;
        for (Module<?, ?> m : classifier) {
            model.add(m);
            trainable.addAll(m.parameters());
            if (firstTrained < 0 && !m.parameters().isEmpty()) {
                firstTrained = model.size() - 1;
            }
        }
        if (firstTrained >= 0) {
            // the input is data and the normalisation is fixed: nothing reads the gradient below the
            // first trained layer, so backward stops there (as PyTorch's autograd; Torch computes it)
            model.stopBackwardAt(firstTrained);
        }
        return new Built(model, List.copyOf(trainable));
    }

    private static void addNormalisation(Sequential<Tensor, Tensor> model, Dataset train, Normalisation kind) {
        int n = train.size();
        int d = train.sampleNumel();
        double[] x = train.features().data();
        switch (kind) {
            case NONE -> {
            }
            case GLOBAL -> {
                int count = train.features().numel();
                double sum = 0;
                for (int i = 0; i < count; i++) {
                    sum += x[i];
                }
                double mean = sum / count;
                double sq = 0;
                for (int i = 0; i < count; i++) {
                    double c = x[i] - mean;
                    sq += c * c;
                }
                double std = Math.sqrt(sq / count);
                Add shift = new Add(d, true);
                shift.bias().fill(-mean);
                model.add(shift);
                model.add(new MulConstant(std > 0 ? 1 / std : 1));
            }
            case PER_FEATURE -> {
                double[] mean = new double[d];
                double[] sq = new double[d];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        mean[j] += x[i * d + j];
                    }
                }
                for (int j = 0; j < d; j++) {
                    mean[j] /= n;
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < d; j++) {
                        double c = x[i * d + j] - mean[j];
                        sq[j] += c * c;
                    }
                }
                Add shift = new Add(d);
                CMul scale = new CMul(d);
                double[] b = shift.bias().data();
                double[] w = scale.weight().data();
                for (int j = 0; j < d; j++) {
                    double std = Math.sqrt(sq[j] / n);
                    b[j] = -mean[j];
                    w[j] = std > 0 ? 1 / std : 1;
                }
                model.add(shift);
                model.add(scale);
            }
            default -> throw new IllegalStateException("unknown normalisation " + kind);
        }
    }
}
