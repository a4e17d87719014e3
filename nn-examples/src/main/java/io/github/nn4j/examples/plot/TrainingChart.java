package io.github.nn4j.examples.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import io.github.nn4j.optim.EpochResult;

/**
 * The PNG of a training run: the mean training loss per epoch (left) and the training and
 * validation accuracy per epoch in percent (right), under a title line. Drawn with XChart,
 * headless.
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
     * @param withValidation whether to draw the validation accuracy
     * @throws IOException if the file cannot be written
     */
    public static void write(Path file, String title, List<EpochResult> history, boolean withValidation)
            throws IOException {
        Png.headless();
        Png.write(render(title, history, withValidation), file);
    }

    /**
     * Draws the chart.
     *
     * @param title the title line
     * @param history one result per epoch, at least one
     * @param withValidation whether to draw the validation accuracy
     * @return the image
     */
    public static BufferedImage render(String title, List<EpochResult> history, boolean withValidation) {
        Png.headless();
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
        XYChart lossChart = chart("training loss (mean per epoch)", "loss");
        XYSeries l = lossChart.addSeries("training loss", epochs, loss);
        style(l, TRAIN);
        lossChart.getStyler().setLegendVisible(false);

        XYChart accChart = chart("accuracy per epoch", "accuracy (%)");
        style(accChart.addSeries("training (during the epoch)", epochs, train), TRAIN);
        if (withValidation) {
            XYSeries v = accChart.addSeries(String.format(java.util.Locale.ROOT, "held-out (last %.2f %%)",
                    validation[n - 1]), epochs, validation);
            style(v, VALIDATION);
        }
        accChart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);

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
            g.drawImage(BitmapEncoder.getBufferedImage(lossChart), 0, HEADER, null);
            g.drawImage(BitmapEncoder.getBufferedImage(accChart), WIDTH, HEADER, null);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        XYStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartTitleBoxVisible(false);
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setAntiAlias(true);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setDecimalPattern("#0.###");
        return c;
    }

    private static void style(XYSeries series, Color color) {
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(series.getXData().length <= 60 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }
}
