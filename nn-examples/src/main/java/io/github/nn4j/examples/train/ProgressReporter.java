package io.github.nn4j.examples.train;

import java.util.Locale;

import org.slf4j.Logger;

import io.github.nn4j.optim.TrainingListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a training's progress: on a terminal a progress bar per epoch (on standard error) with
 * the running loss, or a single bar over all epochs when an epoch has fewer than
 * {@value #MIN_BATCHES_FOR_EPOCH_BARS} batches (full-batch training); in every case SLF4J
 * {@code INFO} lines with the mean loss and the accuracies, one per epoch or, for long runs, one
 * every few epochs (about {@value #LOG_LINES} in all, the last epoch always), so a redirected run
 * logs plain lines.
 *
 * <p>A terminal is detected as {@code System.console() != null}; tests and redirected runs get
 * no bar.
 */
final class ProgressReporter implements TrainingListener, AutoCloseable {

    /** Epochs with fewer batches share one bar. */
    static final int MIN_BATCHES_FOR_EPOCH_BARS = 5;
    /** About how many epoch lines a run logs. */
    static final int LOG_LINES = 30;

    private final Logger log;
    private final int logEvery;
    private final boolean barPerEpoch;
    private final String task;
    private final int epochs;
    private final int batchesPerEpoch;
    private final boolean bars;
    private ProgressBar bar;
    private double runningLoss;
    private int runningCount;

    /**
     * A reporter.
     *
     * @param log where the epoch lines go
     * @param task the name shown in front of each bar (the data set)
     * @param epochs the number of epochs
     * @param batchesPerEpoch the number of batches per epoch
     * @param bars whether to draw progress bars (on a terminal)
     */
    ProgressReporter(Logger log, String task, int epochs, int batchesPerEpoch, boolean bars) {
        this.log = log;
        this.task = task;
        this.epochs = epochs;
        this.batchesPerEpoch = batchesPerEpoch;
        this.bars = bars;
        this.logEvery = Math.max(1, (epochs + LOG_LINES - 1) / LOG_LINES);
        this.barPerEpoch = batchesPerEpoch >= MIN_BATCHES_FOR_EPOCH_BARS;
    }

    /**
     * Whether standard output is an interactive terminal.
     *
     * @return {@code System.console() != null}
     */
    static boolean onTerminal() {
        return System.console() != null;
    }

    @Override
    public void onBatch(int epoch, int batch, double loss) {
        if (!barPerEpoch && runningCount >= batchesPerEpoch) {
            runningLoss = 0;
            runningCount = 0;
        }
        runningLoss += loss;
        runningCount++;
        if (!bars) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(barPerEpoch ? String.format(Locale.ROOT, "%s %d/%d", task, epoch + 1, epochs) : task)
                    .setInitialMax(barPerEpoch ? batchesPerEpoch : (long) epochs * batchesPerEpoch)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .setUpdateIntervalMillis(200)
                    .continuousUpdate()
                    .setUnit(" batches", 1)
                    .build();
        }
        bar.step();
        if ((runningCount & 7) == 1 || batch == batchesPerEpoch - 1) {
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.6g", runningLoss / runningCount));
        }
    }

    @Override
    public void onEpoch(int epoch, double meanLoss, double trainAccuracy, double validationAccuracy) {
        if (barPerEpoch || epoch == epochs - 1) {
            close();
        }
        if (barPerEpoch) {
            runningLoss = 0;
            runningCount = 0;
        }
        boolean logged = (epoch + 1) % logEvery == 0 || epoch == epochs - 1 || epoch == 0;
        if (logged && log.isInfoEnabled() && (barPerEpoch || bar == null)) {
            String validation = Double.isNaN(validationAccuracy) ? ""
                    : String.format(Locale.ROOT, ", held-out accuracy %6.2f %%", 100 * validationAccuracy);
            log.info(String.format(Locale.ROOT, "%s epoch %3d/%d: loss %.6g, train accuracy %6.2f %%%s", task,
                    epoch + 1, epochs, meanLoss, 100 * trainAccuracy, validation));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
