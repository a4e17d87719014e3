package io.github.nn4j.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import io.github.nn4j.optim.EpochResult;

/**
 * The PNG of a training run: the mean training loss per epoch (left) and the training and
 * held-out accuracy per epoch in percent (right), under a title line. Drawn with Java2D
 * ({@link LinePlot}), headless; the epoch axis has ticks at round numbers ({@link Ticks}).
 */
public final class TrainingChart {

    private static final int WIDTH = 600;
    private static final int HEIGHT = 420;
    private static final int HEADER = 36;
    private static final Color TRAIN = new Color(31, 119, 180);
    private static final Color VALIDATION = new Color(214, 39, 40);

    private TrainingChart() {
    }

    /**
     * Writes the chart.
     *
     * @param file the PNG file
     * @param title the title line (data set and setting)
     * @param history one result per epoch
     * @param withValidation whether to draw the held-out accuracy
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, String title, List<EpochResult> history, boolean withValidation)
            throws IOException {
        Png.headless();
        Png.write(render(title, history, withValidation), file);
    }

    /**
     * Loads what drawing and writing a chart needs (AWT headless, the fonts, the PNG writer) by
     * drawing a chart of two made-up epochs and encoding it to PNG, then discarding it.
     *
     * @throws IOException if the PNG cannot be encoded
     */
    static void prepare() throws IOException {
        Png.headless();
        List<EpochResult> history = List.of(new EpochResult(1, 1.0, 0.5, 0.5), new EpochResult(2, 0.5, 0.75, 0.7));
        if (!ImageIO.write(render("prepare", history, true), "png", OutputStream.nullOutputStream())) {
            throw new IOException("no PNG writer available");
        }
    }

    /**
     * Runs {@link #prepare} on a daemon thread ({@code nn4j-chart-prepare}), so that the real
     * {@link #write} at the end of training does not wait for AWT and its fonts: {@code nn4j train
     * mnist} spent 0.25-0.3 s of its last 0.3-0.5 s there, and 0.17-0.26 s with this called after
     * the first epoch (4 alternating runs each). Single-threaded training leaves the second core to
     * the JIT, which has little left to compile after the first epoch. A failure is ignored here:
     * {@link #write} meets it again and reports it with the file's name.
     *
     * @return the started thread
     */
    public static Thread prepareAsync() {
        Thread t = new Thread(() -> {
            try {
                prepare();
            } catch (IOException | RuntimeException | LinkageError e) {
                // write() reports it
            }
        }, "nn4j-chart-prepare");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Draws the chart.
     *
     * @param title the title line
     * @param history one result per epoch, at least one
     * @param withValidation whether to draw the held-out accuracy
     * @return the image
     */
    public static BufferedImage render(String title, List<EpochResult> history, boolean withValidation) {
        Png.headless();
        LinePlot[] panels = panels(history, withValidation);
        BufferedImage image = new BufferedImage(2 * WIDTH, HEIGHT + HEADER, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            int w = g.getFontMetrics().stringWidth(title);
            g.drawString(title, Math.max(8, (image.getWidth() - w) / 2), 24);
            panels[0].draw(g, 0, HEADER, WIDTH, HEIGHT);
            panels[1].draw(g, WIDTH, HEADER, WIDTH, HEIGHT);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The two panels: the loss, and the accuracies with a key.
     *
     * @param history one result per epoch (epochs numbered from 1 on the axis)
     * @param withValidation whether the held-out accuracy is drawn
     * @return the loss panel and the accuracy panel
     */
    static LinePlot[] panels(List<EpochResult> history, boolean withValidation) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("a training chart needs at least one epoch");
        }
        int n = history.size();
        double[] epochs = new double[n];
        double[] loss = new double[n];
        double[] train = new double[n];
        double[] validation = new double[n];
        for (int i = 0; i < n; i++) {
            EpochResult r = history.get(i);
            epochs[i] = r.epoch() + 1;
            loss[i] = r.meanLoss();
            train[i] = 100 * r.trainAccuracy();
            validation[i] = 100 * r.validationAccuracy();
        }
        LinePlot lossPanel = new LinePlot("training loss (mean per epoch)", "epoch", "loss", true)
                .add("training loss", epochs, loss, TRAIN);
        LinePlot accuracy = new LinePlot("accuracy per epoch", "epoch", "accuracy (%)", true)
                .add("training (during the epoch)", epochs, train, TRAIN).withKey();
        if (withValidation) {
            accuracy.add(String.format(Locale.ROOT, "held-out (last %.2f %%)", validation[n - 1]), epochs, validation,
                    VALIDATION);
        }
        return new LinePlot[] {lossPanel, accuracy};
    }
}
