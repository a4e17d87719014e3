package io.github.nn4j.examples.train;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options every {@code nn4j train} subcommand takes (a picocli mixin). Defaults differ per
 * data set: each subcommand supplies its own through a {@link TrainDefaults} provider, and the
 * help text ({@code nn4j train mnist --help}) shows them.
 */
public final class TrainOptions {

    /** The optimisers. */
    public enum OptimizerKind {
        /** Stochastic gradient descent with momentum ({@code optim.sgd}). */
        sgd,
        /** Adam ({@code optim.adam}). */
        adam
    }

    /** The losses. */
    public enum Loss {
        /** Soft-max cross-entropy: {@code CrossEntropyCriterion}. */
        softmax,
        /** Multi-class hinge loss (Weston–Watkins SVM): {@code MultiMarginCriterion}. */
        svm,
        /**
         * Negative log-likelihood: a {@code LogSoftMax} layer ends the network (and is saved with
         * it) and {@code ClassNLLCriterion} takes its log-probabilities; the same numbers as
         * {@code softmax}, in Torch's classic two-piece form.
         */
        nll,
        /** Mean squared error of the scores to one-hot targets: {@code MSECriterion}. */
        mse,
        /** Huber loss of the scores to one-hot targets: {@code SmoothL1Criterion}. */
        smoothl1;

        /**
         * Whether the criterion compares the scores with one-hot target rows rather than labels.
         *
         * @return true for {@code mse} and {@code smoothl1}
         */
        public boolean oneHotTargets() {
            return this == mse || this == smoothl1;
        }
    }

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Samples per mini-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Learning rate (default: ${DEFAULT-VALUE} with sgd; with adam Torch's 0.001).")
    double learningRate;

    @Option(names = "--lr-decay", paramLabel = "D",
            description = "Learning-rate decay as in Torch's optim: step n uses lr / (1 + n·D) (default: ${DEFAULT-VALUE}).")
    double learningRateDecay;

    @Option(names = "--momentum", paramLabel = "M", description = "SGD momentum, as Torch's optim.sgd: dampening "
            + "equal to the momentum, so the step is lr·(1−M) per unit gradient (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "L2", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--optimizer", paramLabel = "sgd|adam", description = "Optimiser: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;

    @Option(names = "--hidden", paramLabel = "H", split = ",", splitSynopsisLabel = ",",
            description = "Hidden layer sizes of the MLP, comma-separated (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--dropout", paramLabel = "P",
            description = "Dropout probability after each hidden ReLU, 0 for none (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--loss", paramLabel = "softmax|svm|nll|mse|smoothl1",
            description = "Loss: softmax (CrossEntropyCriterion), svm (MultiMarginCriterion), nll (LogSoftMax + "
                    + "ClassNLLCriterion), mse (MSECriterion) or smoothl1 (SmoothL1Criterion) on one-hot targets "
                    + "(default: ${DEFAULT-VALUE}).")
    Loss loss;

    @Option(names = "--model", paramLabel = "mlp|linear|lenet",
            description = "mlp (ReLU hidden layers), linear (the linear SVM/soft-max classifier) or lenet (LeNet-5, "
                    + "MNIST only; --hidden does not apply, --dropout follows its two hidden Linear layers) "
                    + "(default: ${DEFAULT-VALUE}).")
    Models.Architecture model;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the weights and of the shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--save", paramLabel = "FILE.t7", description = "Save the trained model as a Torch7 .t7 file.")
    Path save;

    @Option(names = "--init", paramLabel = "FILE.t7", description = "Start from the model in FILE.t7 (one saved by "
            + "--save, or any Lua Torch model from the data set's samples to one score per class) instead of a new "
            + "one: fine-tuning; --model, --hidden and --dropout do not apply, --loss must fit its output (e.g. nll "
            + "for a model that ends in LogSoftMax).")
    Path init;

    @Option(names = "--verbose", description = "Print the stack trace of a failure.")
    boolean verbose;

    @Option(names = "--precision", paramLabel = "float64|float32", converter = io.github.nn4j.examples.PrecisionConverter.class,
            description = io.github.nn4j.examples.PrecisionConverter.DESCRIPTION)
    io.github.nn4j.linalg.Precision precision = io.github.nn4j.linalg.Precision.FLOAT64;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for the charts (default: the folder of --save, else the current folder).")
    Path out;

    /**
     * Replaces the values of the options the user did not give by those of {@code defaults}
     * (long option name to value): the defaults of one model, which differ from the data set's.
     *
     * @param defaults option name to value, for {@code --epochs}, {@code --batch-size}, {@code --lr},
     *     {@code --lr-decay}, {@code --momentum}, {@code --weight-decay}, {@code --optimizer} and
     *     {@code --dropout}
     * @param given whether the user gave an option (by its long name)
     */
    void applyModelDefaults(java.util.Map<String, String> defaults, java.util.function.Predicate<String> given) {
        defaults.forEach((name, value) -> {
            if (given.test(name)) {
                return;
            }
            switch (name) {
                case "--epochs" -> epochs = Integer.parseInt(value);
                case "--batch-size" -> batchSize = Integer.parseInt(value);
                case "--lr" -> learningRate = Double.parseDouble(value);
                case "--lr-decay" -> learningRateDecay = Double.parseDouble(value);
                case "--momentum" -> momentum = Double.parseDouble(value);
                case "--weight-decay" -> weightDecay = Double.parseDouble(value);
                case "--optimizer" -> optimizer = OptimizerKind.valueOf(value);
                case "--dropout" -> dropout = Double.parseDouble(value);
                default -> throw new IllegalArgumentException("no model default for " + name);
            }
        });
    }

    /**
     * Refuses, with {@code --init}, the options that describe a new model.
     *
     * @param given whether the user gave an option (by its long name)
     * @throws IllegalArgumentException naming the option
     */
    void checkInitOptions(java.util.function.Predicate<String> given) {
        if (init == null) {
            return;
        }
        for (String option : new String[] {"--model", "--hidden", "--dropout"}) {
            if (given.test(option)) {
                throw new IllegalArgumentException(option + " does not apply with --init: the model is the one in "
                        + init);
            }
        }
    }

    /** Adam's default learning rate, Torch's {@code optim.adam} {@code learningRate}. */
    static final double ADAM_LEARNING_RATE = 0.001;

    /**
     * Applies the chosen optimiser's own defaults and refuses the options that do not apply to it:
     * under {@code adam} the learning rate is Torch's 0.001 unless {@code --lr} was given, and
     * {@code --momentum} (an {@code optim.sgd} option) is refused.
     *
     * @param given whether the user gave an option (by its long name)
     * @throws IllegalArgumentException naming the option that does not apply
     */
    void applyOptimizerDefaults(java.util.function.Predicate<String> given) {
        if (optimizer != OptimizerKind.adam) {
            return;
        }
        if (given.test("--momentum")) {
            throw new IllegalArgumentException("--momentum applies to --optimizer sgd only (Adam has no momentum "
                    + "option): drop it or use --optimizer sgd");
        }
        momentum = 0;
        if (!given.test("--lr")) {
            learningRate = ADAM_LEARNING_RATE;
        }
    }

    /**
     * The folder the charts go to.
     *
     * @return {@code --out}, else the folder of {@code --save}, else the current folder
     */
    Path outputDir() {
        if (out != null) {
            return out;
        }
        if (save != null && save.toAbsolutePath().getParent() != null) {
            return save.toAbsolutePath().getParent();
        }
        return Path.of(".");
    }
}
