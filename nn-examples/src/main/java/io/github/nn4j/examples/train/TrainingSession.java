package io.github.nn4j.examples.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.nn4j.Criterion;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.criteria.ClassNLLCriterion;
import io.github.nn4j.criteria.CrossEntropyCriterion;
import io.github.nn4j.criteria.MSECriterion;
import io.github.nn4j.criteria.MultiMarginCriterion;
import io.github.nn4j.criteria.SmoothL1Criterion;
import io.github.nn4j.examples.IoReasons;
import io.github.nn4j.examples.plot.TrainingChart;
import io.github.nn4j.layers.LogSoftMax;
import io.github.nn4j.optim.Adam;
import io.github.nn4j.optim.BatchIterator;
import io.github.nn4j.optim.ConfusionMatrix;
import io.github.nn4j.optim.Dataset;
import io.github.nn4j.optim.EpochResult;
import io.github.nn4j.optim.Optimizer;
import io.github.nn4j.optim.Sgd;
import io.github.nn4j.optim.Trainer;
import io.github.nn4j.torch7.T7Bridge;

/**
 * One training run of a {@code train} subcommand: builds the model, criterion and optimiser from
 * the {@link TrainOptions}, trains with a {@link Trainer}, evaluates, writes the chart of loss and
 * accuracy per epoch and, with {@code --save}, the model as {@code .t7}.
 *
 * <p>Standard output gets the paths written and, last, one line with the final accuracy and loss
 * (on the test set when there is one, else on the training set). Progress goes to standard error
 * (a bar on a terminal) and to the SLF4J logger {@code io.github.nn4j.examples.train}.
 */
public final class TrainingSession {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.nn4j.examples.train");

    private final String name;
    private final TrainOptions options;
    private final Models.Normalisation normalisation;

    /**
     * The outcome of a run.
     *
     * @param model the trained network
     * @param history one result per epoch
     * @param evaluatedOn "held-out" or "training": the set of the final numbers (the held-out set
     *        is the one the epoch lines report as "held-out accuracy")
     * @param accuracy the final accuracy on that set, in {@code [0, 1]}
     * @param loss the final mean loss on that set
     * @param correct the number of samples classified correctly
     * @param size the size of that set
     * @param seconds the wall time of the training loop
     * @param chart the chart written
     * @param confusion Torch's confusion matrix on that set (row: true class, column: predicted)
     */
    public record Result(Module<Tensor, Tensor> model, List<EpochResult> history, String evaluatedOn,
                         double accuracy, double loss, int correct, int size, double seconds, Path chart,
                         ConfusionMatrix confusion) {
    }

    /**
     * A session.
     *
     * @param name the data set name, used in messages and file names
     * @param options the parsed options
     * @param normalisation how the model normalises its inputs
     */
    TrainingSession(String name, TrainOptions options, Models.Normalisation normalisation) {
        this.name = name;
        this.options = options;
        this.normalisation = normalisation;
    }

    /**
     * The options of this run.
     *
     * @return the parsed options
     */
    TrainOptions options() {
        return options;
    }

    /**
     * Checks the options that picocli cannot check by type.
     *
     * @throws IllegalArgumentException naming the option and value
     */
    void validate() {
        TrainOptions o = options;
        if (o.epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + o.epochs);
        }
        if (o.batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, got " + o.batchSize);
        }
        if (!(o.learningRate > 0) || Double.isInfinite(o.learningRate)) {
            throw new IllegalArgumentException("--lr must be a finite number > 0, got " + o.learningRate);
        }
        requireNonNegative("--lr-decay", o.learningRateDecay);
        if (!(o.momentum >= 0 && o.momentum < 1)) {
            throw new IllegalArgumentException("--momentum must be in [0, 1), got " + o.momentum);
        }
        requireNonNegative("--weight-decay", o.weightDecay);
        if (!(o.dropout >= 0 && o.dropout < 1)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + o.dropout);
        }
        if (o.model == Models.Architecture.mlp) {
            for (int h : o.hidden) {
                if (h < 1) {
                    throw new IllegalArgumentException("--hidden sizes must be positive, got " + h);
                }
            }
        }

        if (o.save != null && !o.save.getFileName().toString().endsWith(".t7")) {
            throw new IllegalArgumentException("--save needs a file name ending in .t7, got " + o.save);
        }
    }

    /**
     * Starts {@link TrainingChart#prepareAsync} after the first epoch, once (the chart is written
     * at the end): by then the JIT has compiled the training step and the second core is free.
     */
    static final class ChartPreparer implements io.github.nn4j.optim.TrainingListener {
        private final Runnable start;
        private boolean started;

        ChartPreparer(Runnable start) {
            this.start = start;
        }

        @Override
        public void onEpoch(int epoch, double meanLoss, double trainAccuracy, double validationAccuracy) {
            if (!started) {
                started = true;
                start.run();
            }
        }
    }

    /**
     * A training run that cannot go on, with a message naming the cause and what to change (one line
     * on standard error, exit code 1).
     */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /** Bytes per parameter: the weight, its gradient and up to two optimiser buffers (Adam's moments). */
    private static final long BYTES_PER_PARAMETER = 4L * Double.BYTES;

    /** Bytes per activation of a batch: output, gradInput, the ReLU's and the dropout's buffers. */
    private static final long BYTES_PER_ACTIVATION = 4L * Double.BYTES;

    /**
     * Refuses an MLP or linear model that cannot fit in memory, before anything is allocated: the
     * parameters with their gradients and optimiser buffers, and a batch's activations, against
     * {@link Runtime#maxMemory()}; a weight matrix beyond a Java array's 2^31 - 1 elements is refused too.
     *
     * @param inputs the features per sample
     * @param classes the number of classes
     * @param maxMemory the heap limit in bytes
     * @throws Failure naming the sizes and the estimate
     */
    void checkFits(int inputs, int classes, long maxMemory) {
        TrainOptions o = options;
        if (o.model == Models.Architecture.lenet) {
            return; // fixed 61,706 parameters
        }
        int[] hidden = o.model == Models.Architecture.mlp ? o.hidden : new int[0];
        long parameters = 0;
        long activations = inputs;
        long previous = inputs;
        for (int i = 0; i <= hidden.length; i++) {
            long width = i < hidden.length ? hidden[i] : classes;
            if (previous * width > Integer.MAX_VALUE - 8) {
                throw new Failure(String.format(Locale.ROOT, "a %d x %d weight matrix has more elements than a Java "
                        + "array holds (2^31 - 1): use smaller --hidden sizes", width, previous));
            }
            parameters += (previous + 1) * width;
            activations += width;
            previous = width;
        }
        double needed = (double) parameters * BYTES_PER_PARAMETER
                + (double) activations * Math.max(o.batchSize, 256) * BYTES_PER_ACTIVATION;
        if (needed > maxMemory) {
            throw new Failure(String.format(Locale.ROOT, "the model needs about %.1f GB (%,d parameters with their "
                    + "gradients and optimiser buffers, and the activations of a batch) but the JVM may use %.1f GB: "
                    + "use smaller --hidden sizes or --batch-size, or give java a larger -Xmx", needed / 1e9,
                    parameters, maxMemory / 1e9));
        }
    }

    private static void requireNonNegative(String option, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(option + " must be a finite number >= 0, got " + v);
        }
    }

    /**
     * Trains, evaluates, writes the chart (and the model with {@code --save}) and prints their
     * paths; {@link #printSummary} prints the final line.
     *
     * @param train the training set
     * @param test the held-out set, or {@code null} (the final numbers are then on the training set)
     * @param out standard output of the command
     * @return the result
     * @throws IOException if the chart or the model cannot be written
     */
    Result run(Dataset train, Dataset test, PrintWriter out) throws IOException {
        // --precision holds for this run only: an in-process caller (a test, a later command) gets
        // back the precision it had
        io.github.nn4j.linalg.Precision previous = io.github.nn4j.linalg.Gemm.precision();
        io.github.nn4j.linalg.Gemm.setPrecision(options.precision);
        try {
            return runAtPrecision(train, test, out);
        } finally {
            io.github.nn4j.linalg.Gemm.setPrecision(previous);
        }
    }

    private Result runAtPrecision(Dataset train, Dataset test, PrintWriter out) throws IOException {
        TrainOptions o = options;
        checkOutputs();
        TorchRandom.manualSeed(o.seed);
        Module<Tensor, Tensor> model;
        List<Parameter> trainable;
        if (o.init != null) {
            model = initialModel(train);
            trainable = model.parameters();
        } else {
            checkFits(train.sampleNumel(), train.numClasses(), Runtime.getRuntime().maxMemory());
            Models.Built built = Models.build(o.model, o.hidden, o.model != Models.Architecture.linear ? o.dropout : 0,
                    train, normalisation);
            if (o.loss == TrainOptions.Loss.nll) {
                built.model().add(new LogSoftMax());
            }
            model = built.model();
            trainable = built.trainable();
        }
        if (o.loss.oneHotTargets()) {
            train = train.withOneHotTargets();
            test = test == null ? null : test.withOneHotTargets();
        }
        checkSavable(model);
        Criterion<Tensor, Tensor> criterion = criterion(o.loss);
        Optimizer optimizer = optimizer(trainable);
        LOG.info("{}: {} training / {} test samples", name, train.size(), test == null ? 0 : test.size());
        LOG.info("{}: model {}", name, model.toString().replace("\n", " "));
        LOG.info("{}: {} with {}", name, criterion.getClass().getSimpleName(), optimizer);
        int batchesPerEpoch = new BatchIterator(train, o.batchSize, null).batchesPerEpoch();
        List<EpochResult> history;
        long start = System.nanoTime();
        try (ProgressReporter progress = new ProgressReporter(LOG, name, o.epochs, batchesPerEpoch,
                ProgressReporter.onTerminal())) {
            Trainer trainer = Trainer.builder(model, criterion, optimizer).batchSize(o.batchSize).epochs(o.epochs)
                    .seed(o.seed).listener(progress).listener(new ChartPreparer(TrainingChart::prepareAsync)).build();
            history = trainer.fit(train, test);
        } catch (io.github.nn4j.optim.TrainingDivergedException e) {
            throw new Failure(e.getMessage() + "; --lr was " + number(o.learningRate));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Dataset evalSet = test != null ? test : train;
        Evaluation evaluation = evaluate(model, criterion, evalSet, Math.max(o.batchSize, 256));
        Path chart = o.outputDir().resolve(name + "-training.png");
        try {
            TrainingChart.write(chart, name + ": " + describe(), history, test != null);
        } catch (IOException e) {
            throw new IOException("cannot write " + chart + ": " + IoReasons.reason(e), e);
        }
        out.println("chart: " + chart);
        if (o.save != null) {
            model.clearState(); // as Torch users do before saving: no batch-sized buffers in the file
            try {
                T7Bridge.save(o.save, model, false);
            } catch (IOException e) {
                throw new IOException("--save: cannot write " + o.save + ": " + IoReasons.reason(e), e);
            }
            out.println("model: " + o.save);
        }
        int correct = evaluation.correct();
        return new Result(model, history, test != null ? "held-out" : "training", (double) correct / evalSet.size(),
                evaluation.loss(), correct, evalSet.size(), seconds, chart, evaluation.confusion());
    }

    /**
     * Checks every place the run writes to before the first epoch: the chart folder ({@code --out},
     * created if missing, must be a writable folder) and the {@code --save} file (its folder
     * likewise; the file itself is overwritten, as the charts are).
     *
     * @throws IOException naming the option, the path and why it cannot be written
     */
    void checkOutputs() throws IOException {
        IoReasons.checkWritableFolder(options.out != null ? "--out" : "chart folder", options.outputDir());
        if (options.save != null) {
            IoReasons.checkWritableFile("--save", options.save);
        }
    }

    /**
     * Prints the final line: accuracy and loss on the evaluated set, epochs and time.
     *
     * @param out standard output of the command
     * @param r the result of {@link #run}
     */
    void printSummary(PrintWriter out, Result r) {
        out.printf(Locale.ROOT, "%s: confusion matrix of the %d %s samples (row: true class, column: predicted)%n",
                name, r.size(), r.evaluatedOn());
        out.println(r.confusion());
        out.printf(Locale.ROOT, "%s: %s accuracy %.2f %% (%d/%d), %s loss %.6g after %d epochs in %.1f s%n", name,
                r.evaluatedOn(), 100 * r.accuracy(), r.correct(), r.size(), r.evaluatedOn(), r.loss(),
                r.history().size(), r.seconds());
        out.flush();
    }

    /**
     * A one-line description of the setting, for chart titles.
     *
     * @return e.g. {@code "mlp 784-256-10, softmax, sgd lr 0.05"}
     */
    String describe() {
        TrainOptions o = options;
        StringBuilder sb = new StringBuilder(o.init != null ? "from " + o.init.getFileName() : o.model.name());
        if (o.init == null && o.model == Models.Architecture.mlp) {
            sb.append(" hidden");
            for (int h : o.hidden) {
                sb.append(' ').append(h);
            }
        }
        sb.append(", ").append(o.loss).append(", ").append(o.optimizer)
                .append(" lr ").append(number(o.learningRate));
        if (o.learningRateDecay > 0) {
            sb.append(" decay ").append(number(o.learningRateDecay));
        }
        if (o.optimizer == TrainOptions.OptimizerKind.sgd && o.momentum > 0) {
            sb.append(" momentum ").append(number(o.momentum));
        }
        if (o.weightDecay > 0) {
            sb.append(", weight decay ").append(number(o.weightDecay));
        }
        if (o.init == null && o.model != Models.Architecture.linear && o.dropout > 0) {
            sb.append(", dropout ").append(number(o.dropout));
        }
        sb.append(", batch ").append(o.batchSize);
        return sb.toString();
    }

    private static String number(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private void checkSavable(Module<Tensor, Tensor> model) throws IOException {
        // with --save, fail before training rather than after it
        if (options.save == null) {
            return;
        }
        Set<String> missing = new TreeSet<>();
        Set<String> supported = T7Bridge.supportedClasses();
        for (Module<?, ?> m : model.listModules()) {
            if (!supported.contains(m.torchTypeName())) {
                missing.add(m.torchTypeName());
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException("--save: this build has no .t7 codec for " + String.join(", ", missing)
                    + " yet, so the model could not be saved; not training");
        }
    }

    /**
     * The criterion of a loss option.
     *
     * @param loss the option value
     * @return a new criterion taking the network's output and the batch targets: 0-based labels
     *     ({@code softmax}, {@code svm}, {@code nll}, the last after the network's
     *     {@code LogSoftMax}) or one-hot rows ({@code mse}, {@code smoothl1})
     */
    static Criterion<Tensor, Tensor> criterion(TrainOptions.Loss loss) {
        return switch (loss) {
            case softmax -> new CrossEntropyCriterion();
            case svm -> new MultiMarginCriterion();
            case nll -> new ClassNLLCriterion();
            case mse -> new MSECriterion();
            case smoothl1 -> new SmoothL1Criterion();
        };
    }

    private Optimizer optimizer(List<Parameter> trainable) {
        TrainOptions o = options;
        return switch (o.optimizer) {
            case sgd -> Sgd.builder().learningRate(o.learningRate).learningRateDecay(o.learningRateDecay)
                    .momentum(o.momentum).weightDecay(o.weightDecay).build(trainable);
            case adam -> Adam.builder().learningRate(o.learningRate).learningRateDecay(o.learningRateDecay)
                    .weightDecay(o.weightDecay).build(trainable);
        };
    }

    /**
     * The {@code --init} model, checked on two training samples: it must take the data set's
     * samples and give one score per class.
     *
     * @param train the training set
     * @return the loaded model, in training mode
     * @throws IOException if the file cannot be loaded (the message names it)
     * @throws Failure if the model does not fit the data
     */
    private Module<Tensor, Tensor> initialModel(Dataset train) throws IOException {
        Path file = options.init;
        Module<Tensor, Tensor> model;
        try {
            model = T7Bridge.loadTensorModule(file);
        } catch (io.github.nn4j.torch7.T7FormatException | io.github.nn4j.torch7.T7ModuleException e) {
            throw new IOException("--init: " + oneLine(e.getMessage()), e);   // names the file and the place
        } catch (IOException e) {
            throw new IOException("--init: cannot read " + file + ": " + IoReasons.reason(e), e);
        }
        Tensor probe = train.range(0, Math.min(2, train.size())).features();
        String sample = java.util.Arrays.toString(train.sampleSize());
        Tensor scores;
        model.evaluate();
        try {
            scores = model.forward(probe);
        } catch (RuntimeException e) {
            throw new Failure("--init " + file + ": the model does not take " + name + "'s samples of size " + sample
                    + ": " + oneLine(e.getMessage()));
        } finally {
            model.training();
        }
        int b = probe.size(0);
        if (scores.dim() != 2 || scores.size(0) != b || scores.size(1) != train.numClasses()) {
            throw new Failure("--init " + file + ": the model gives outputs of size " + scores.shapeString()
                    + " for " + b + " samples of size " + sample + "; " + name + " needs [" + b + ", "
                    + train.numClasses() + "] (one score per class)");
        }
        return model;
    }

    /** A message on one line (a container's "In 2 module of nn.Sequential (get(1)):" line joined to its cause's). */
    private static String oneLine(String message) {
        return String.valueOf(message).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The mean loss and Torch's confusion matrix of a model on a data set, in evaluation mode
     * (restored afterwards). The prediction of a sample is the argmax of its row of scores
     * ({@code ConfusionMatrix.batchAdd} of the {@code [B, C]} scores, i.e. {@code Tensor.max(1).indices()}).
     *
     * @param loss the mean loss per sample (the criterion is size-averaged per batch; batches are
     *        weighted by their size)
     * @param confusion the counts of (true class, predicted class)
     * @param classes the number of classes
     */
    record Evaluation(double loss, ConfusionMatrix confusion, int classes) {

        /** The samples on the diagonal: classified correctly. */
        int correct() {
            long sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += confusion.count(c, c);
            }
            return Math.toIntExact(sum);
        }
    }

    /**
     * Evaluates a classifier.
     *
     * @param model the model, giving {@code [B, C]} scores
     * @param criterion its loss
     * @param data labelled samples
     * @param batchSize the batch size of the forward passes
     * @return the mean loss and the confusion matrix
     */
    static Evaluation evaluate(Module<Tensor, Tensor> model, Criterion<Tensor, Tensor> criterion, Dataset data,
                               int batchSize) {
        boolean wasTraining = model.isTraining();
        model.evaluate();
        BatchIterator it = new BatchIterator(data, batchSize, null);
        it.startEpoch();
        double lossSum = 0;
        ConfusionMatrix confusion = new ConfusionMatrix(data.numClasses());
        try {
            while (it.hasNext()) {
                int b = it.next();
                Tensor scores = model.forward(it.inputs());
                lossSum += criterion.forward(scores, it.targets()) * b;
                confusion.batchAdd(scores, it.labels());
            }
        } finally {
            if (wasTraining) {
                model.training();
            }
        }
        return new Evaluation(lossSum / data.size(), confusion, data.numClasses());
    }
}
