package io.github.nn4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.optim.Dataset;

/**
 * The decision regions of a classifier of 2-D points, with the points drawn over them (the
 * picture of CS231n's spiral example): every pixel of the plot area is coloured by the class the
 * model predicts there (arg-max of its scores, in evaluation mode), in pale colours; the
 * samples are dots in the strong colour of their true class.
 */
public final class DecisionRegions {

    private static final Color[] STRONG = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(255, 127, 14), new Color(148, 103, 189), new Color(140, 86, 75)};
    private static final int MARGIN = 40;
    private static final int HEADER = 34;

    private DecisionRegions() {
    }

    /**
     * Writes the picture as a PNG.
     *
     * @param file the file
     * @param title the title line
     * @param model the classifier of {@code [B, 2]} points into {@code [B, C]} scores
     * @param data the points, features {@code [N, 2]}
     * @param size the width and height of the plot area in pixels
     * @throws IOException if the file cannot be written
     * @throws IllegalArgumentException if the samples are not 2-D points
     */
    public static void write(Path file, String title, Module<Tensor, Tensor> model, Dataset data, int size)
            throws IOException {
        Png.headless();
        Png.write(render(title, model, data, size), file);
    }

    /**
     * Draws the picture.
     *
     * @param title the title line
     * @param model the classifier
     * @param data the points
     * @param size the plot area's side in pixels
     * @return the image
     */
    public static BufferedImage render(String title, Module<Tensor, Tensor> model, Dataset data, int size) {
        if (data.sampleNumel() != 2) {
            throw new IllegalArgumentException("decision regions need 2-D points, got samples of size "
                    + java.util.Arrays.toString(data.sampleSize()));
        }
        Png.headless();
        double[] x = data.features().data();
        int n = data.size();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, x[2 * i]);
            maxX = Math.max(maxX, x[2 * i]);
            minY = Math.min(minY, x[2 * i + 1]);
            maxY = Math.max(maxY, x[2 * i + 1]);
        }
        // a square view with a 10 % border, so the picture is not distorted
        double cx = (minX + maxX) / 2;
        double cy = (minY + maxY) / 2;
        double half = 0.55 * Math.max(maxX - minX, maxY - minY);
        if (!(half > 0)) {
            half = 1;
        }
        double x0 = cx - half;
        double y1 = cy + half;
        double step = 2 * half / size;

        BufferedImage image = new BufferedImage(size + 2 * MARGIN, size + MARGIN + HEADER, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        boolean wasTraining = model.isTraining();
        model.evaluate();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            // one batch per pixel row
            Tensor row = Tensor.zeros(size, 2);
            double[] r = row.data();
            for (int py = 0; py < size; py++) {
                double yv = y1 - (py + 0.5) * step;
                for (int px = 0; px < size; px++) {
                    r[2 * px] = x0 + (px + 0.5) * step;
                    r[2 * px + 1] = yv;
                }
                int[] predicted = model.forward(row).max(1).indices();
                for (int px = 0; px < size; px++) {
                    image.setRGB(MARGIN + px, HEADER + py, pale(color(predicted[px])).getRGB());
                }
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(0.8f));
            double radius = Math.max(2.5, size / 160.0);
            for (int i = 0; i < n; i++) {
                double px = MARGIN + (x[2 * i] - x0) / step;
                double py = HEADER + (y1 - x[2 * i + 1]) / step;
                Ellipse2D dot = new Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius);
                g.setColor(color(data.label(i)));
                g.fill(dot);
                g.setColor(Color.BLACK);
                g.draw(dot);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(MARGIN, HEADER, size - 1, size - 1);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(String.format(java.util.Locale.ROOT, "%.2f", x0), MARGIN, HEADER + size + 16);
            String right = String.format(java.util.Locale.ROOT, "%.2f", x0 + 2 * half);
            g.drawString(right, MARGIN + size - g.getFontMetrics().stringWidth(right), HEADER + size + 16);
            String top = String.format(java.util.Locale.ROOT, "%.2f", y1);
            g.drawString(top, MARGIN - g.getFontMetrics().stringWidth(top) - 4, HEADER + 12);
            String bottom = String.format(java.util.Locale.ROOT, "%.2f", y1 - 2 * half);
            g.drawString(bottom, MARGIN - g.getFontMetrics().stringWidth(bottom) - 4, HEADER + size);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            int w = g.getFontMetrics().stringWidth(title);
            g.drawString(title, Math.max(4, (image.getWidth() - w) / 2), 23);
        } finally {
            g.dispose();
            if (wasTraining) {
                model.training();
            }
        }
        return image;
    }

    private static Color color(int label) {
        return STRONG[Math.floorMod(label, STRONG.length)];
    }

    private static Color pale(Color c) {
        return new Color(255 - (255 - c.getRed()) * 30 / 100, 255 - (255 - c.getGreen()) * 30 / 100,
                255 - (255 - c.getBlue()) * 30 / 100);
    }
}
