package io.github.nn4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
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
 * samples are dots in the strong colour of their true class. The axes have titles (the feature
 * index, 0-based) and ticks at round numbers ({@link Ticks}); a key right of the plot names each
 * class with its region colour and its dot colour.
 */
public final class DecisionRegions {

    private static final Color[] STRONG = {new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44),
        new Color(255, 127, 14), new Color(148, 103, 189), new Color(140, 86, 75)};
    /** The plot area's left edge: room for the y tick labels and the y axis title. */
    static final int LEFT = 70;
    /** The plot area's top edge: room for the title line. */
    static final int TOP = 34;
    /** Below the plot area: the x tick labels and the x axis title. */
    static final int BOTTOM = 52;
    /** Right of the plot area: the class key. */
    static final int KEY_WIDTH = 120;
    static final String X_TITLE = "feature 0";
    static final String Y_TITLE = "feature 1";
    private static final int SWATCH = 14;
    private static final int KEY_ROW = 22;

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

        BufferedImage image = new BufferedImage(width(size), TOP + size + BOTTOM, BufferedImage.TYPE_INT_RGB);
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
                    image.setRGB(LEFT + px, TOP + py, pale(color(predicted[px])).getRGB());
                }
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setStroke(new BasicStroke(0.8f));
            double radius = Math.max(2.5, size / 160.0);
            for (int i = 0; i < n; i++) {
                double px = LEFT + (x[2 * i] - x0) / step;
                double py = TOP + (y1 - x[2 * i + 1]) / step;
                Ellipse2D dot = new Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius);
                g.setColor(color(data.label(i)));
                g.fill(dot);
                g.setColor(Color.BLACK);
                g.draw(dot);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(LEFT, TOP, size - 1, size - 1);
            drawAxes(g, x0, y1, 2 * half, size);
            drawKey(g, data.numClasses(), size);
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

    /** The image's width for a plot area of {@code size} pixels. */
    static int width(int size) {
        return LEFT + size + KEY_WIDTH;
    }

    /**
     * Where the key's swatch of a class is: a square in the region colour with a dot of the
     * class's colour in its middle.
     *
     * @param size the plot area's side
     * @param k the class, 0-based
     * @return the swatch's rectangle
     */
    static Rectangle keySwatch(int size, int k) {
        return new Rectangle(LEFT + size + 14, TOP + 28 + KEY_ROW * k, SWATCH, SWATCH);
    }

    private static void drawAxes(Graphics2D g, double x0, double y1, double span, int size) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        g.setColor(Color.DARK_GRAY);
        Ticks xt = Ticks.of(x0, x0 + span, 7, false);
        for (double v : xt.values()) {
            int px = LEFT + (int) Math.round((v - x0) / span * size);
            g.drawLine(px, TOP + size, px, TOP + size + 4);
            String s = xt.label(v);
            g.drawString(s, px - fm.stringWidth(s) / 2, TOP + size + 6 + fm.getAscent());
        }
        Ticks yt = Ticks.of(y1 - span, y1, 7, false);
        for (double v : yt.values()) {
            int py = TOP + (int) Math.round((y1 - v) / span * size);
            g.drawLine(LEFT - 4, py, LEFT, py);
            String s = yt.label(v);
            g.drawString(s, LEFT - 7 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        fm = g.getFontMetrics();
        g.drawString(X_TITLE, LEFT + (size - fm.stringWidth(X_TITLE)) / 2, TOP + size + 24 + fm.getAscent());
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, 16, TOP + size / 2.0);
        g.drawString(Y_TITLE, 16 - fm.stringWidth(Y_TITLE) / 2, TOP + size / 2 + fm.getAscent() / 2);
        g.setTransform(saved);
    }

    private static void drawKey(Graphics2D g, int classes, int size) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString("class", LEFT + size + 14, TOP + 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int k = 0; k < classes; k++) {
            Rectangle r = keySwatch(size, k);
            g.setColor(pale(color(k)));
            g.fillRect(r.x, r.y, r.width, r.height);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(r.x, r.y, r.width, r.height);
            Ellipse2D dot = new Ellipse2D.Double(r.x + r.width / 2.0 - 3.5, r.y + r.height / 2.0 - 3.5, 7, 7);
            g.setColor(color(k));
            g.fill(dot);
            g.setColor(Color.BLACK);
            g.drawString("class " + k, r.x + r.width + 8, r.y + r.height / 2 + fm.getAscent() / 2 - 1);
        }
    }

    static Color color(int label) {
        return STRONG[Math.floorMod(label, STRONG.length)];
    }

    static Color pale(Color c) {
        return new Color(255 - (255 - c.getRed()) * 30 / 100, 255 - (255 - c.getGreen()) * 30 / 100,
                255 - (255 - c.getBlue()) * 30 / 100);
    }
}
