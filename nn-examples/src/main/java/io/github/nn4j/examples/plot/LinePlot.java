package io.github.nn4j.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;

/**
 * One panel of a line chart drawn with Java2D: a title, a plot area with grid lines at round
 * {@link Ticks}, axis titles, one line per series (with dots when a series has at most
 * {@value #MAX_POINTS_WITH_MARKERS} points) and an optional key in the lower right corner.
 * Non-finite values are left out (the line is broken there).
 */
final class LinePlot {

    /** Series with more points are drawn without dots. */
    static final int MAX_POINTS_WITH_MARKERS = 60;
    static final int MAX_X_TICKS = 10;
    static final int MAX_Y_TICKS = 10;
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(225, 225, 225);
    private static final int LEFT = 72;
    private static final int RIGHT = 16;
    private static final int TOP = 36;
    private static final int BOTTOM = 52;

    /** A named line. */
    record Series(String name, double[] x, double[] y, Color color) {
    }

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final boolean integerX;
    private final List<Series> series = new ArrayList<>();
    private boolean key;

    /**
     * An empty panel.
     *
     * @param title the panel's title
     * @param xTitle the horizontal axis's title
     * @param yTitle the vertical axis's title
     * @param integerX whether x counts whole things (ticks at whole numbers)
     */
    LinePlot(String title, String xTitle, String yTitle, boolean integerX) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.integerX = integerX;
    }

    LinePlot add(String name, double[] x, double[] y, Color color) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length
                    + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone(), color));
        return this;
    }

    LinePlot withKey() {
        key = true;
        return this;
    }

    String title() {
        return title;
    }

    String xTitle() {
        return xTitle;
    }

    String yTitle() {
        return yTitle;
    }

    boolean hasKey() {
        return key;
    }

    List<Series> series() {
        return List.copyOf(series);
    }

    /** {@code [lo, hi]} of the x axis: the finite data range and 3 % on either side. */
    double[] xRange() {
        return padded(range(true), 0.03);
    }

    /** {@code [lo, hi]} of the y axis: the finite data range and 6 % on either side. */
    double[] yRange() {
        return padded(range(false), 0.06);
    }

    Ticks xTicks() {
        double[] r = xRange();
        return Ticks.of(r[0], r[1], MAX_X_TICKS, integerX);
    }

    Ticks yTicks() {
        double[] r = yRange();
        return Ticks.of(r[0], r[1], MAX_Y_TICKS, false);
    }

    private double[] range(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double v = x ? s.x()[i] : s.y()[i];
                if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    private static double[] padded(double[] r, double fraction) {
        double span = r[1] - r[0];
        double pad = span > 0 ? fraction * span : Math.max(0.5, Math.abs(r[0]) * 0.1);
        return new double[] {r[0] - pad, r[1] + pad};
    }

    /**
     * Draws the panel into a rectangle of the image.
     *
     * @param g the graphics (its state is restored)
     * @param x0 the panel's left edge
     * @param y0 the panel's top edge
     * @param width the panel's width
     * @param height the panel's height
     */
    void draw(Graphics2D g, int x0, int y0, int width, int height) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            drawInto(g2, x0, y0, width, height);
        } finally {
            g2.dispose();
        }
    }

    private void drawInto(Graphics2D g, int x0, int y0, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(x0, y0, width, height);
        int left = x0 + LEFT;
        int top = y0 + TOP;
        int pw = width - LEFT - RIGHT;
        int ph = height - TOP - BOTTOM;
        double[] xr = xRange();
        double[] yr = yRange();
        Ticks xt = xTicks();
        Ticks yt = yTicks();

        g.setColor(Color.BLACK);
        g.setFont(TITLE_FONT);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, x0 + LEFT + (pw - fm.stringWidth(title)) / 2, y0 + 24);

        // grid and tick labels
        Stroke plain = g.getStroke();
        g.setFont(TICK_FONT);
        fm = g.getFontMetrics();
        for (double v : xt.values()) {
            double px = left + (v - xr[0]) / (xr[1] - xr[0]) * pw;
            g.setColor(GRID);
            g.draw(new Line2D.Double(px, top, px, top + ph));
            g.setColor(Color.DARK_GRAY);
            g.draw(new Line2D.Double(px, top + ph, px, top + ph + 4));
            String s = xt.label(v);
            g.drawString(s, (float) (px - fm.stringWidth(s) / 2.0), top + ph + 6 + fm.getAscent());
        }
        for (double v : yt.values()) {
            double py = top + ph - (v - yr[0]) / (yr[1] - yr[0]) * ph;
            g.setColor(GRID);
            g.draw(new Line2D.Double(left, py, left + pw, py));
            g.setColor(Color.DARK_GRAY);
            g.draw(new Line2D.Double(left - 4, py, left, py));
            String s = yt.label(v);
            g.drawString(s, (float) (left - 7 - fm.stringWidth(s)), (float) (py + fm.getAscent() / 2.0 - 1));
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, top, pw, ph);

        // axis titles
        g.setColor(Color.BLACK);
        g.setFont(AXIS_FONT);
        fm = g.getFontMetrics();
        g.drawString(xTitle, left + (pw - fm.stringWidth(xTitle)) / 2, top + ph + 24 + fm.getAscent());
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x0 + 18, top + ph / 2.0);
        g.drawString(yTitle, x0 + 18 - fm.stringWidth(yTitle) / 2, top + ph / 2 + fm.getAscent() / 2);
        g.setTransform(saved);

        // the lines, clipped to the plot area
        Shape clip = g.getClip();
        g.clipRect(left, top, pw + 1, ph + 1);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (Series s : series) {
            Path2D.Double line = new Path2D.Double();
            boolean open = false;
            boolean markers = s.x().length <= MAX_POINTS_WITH_MARKERS;
            g.setColor(s.color());
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i]) || !Double.isFinite(s.y()[i])) {
                    open = false;
                    continue;
                }
                double px = left + (s.x()[i] - xr[0]) / (xr[1] - xr[0]) * pw;
                double py = top + ph - (s.y()[i] - yr[0]) / (yr[1] - yr[0]) * ph;
                if (open) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    open = true;
                }
                if (markers) {
                    g.fill(new Ellipse2D.Double(px - 4, py - 4, 8, 8));
                }
            }
            g.draw(line);
        }
        g.setClip(clip);
        g.setStroke(plain);
        if (key) {
            drawKey(g, left + pw, top + ph);
        }
    }

    private void drawKey(Graphics2D g, int right, int bottom) {
        g.setFont(TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        int row = fm.getHeight() + 4;
        int textWidth = 0;
        for (Series s : series) {
            textWidth = Math.max(textWidth, fm.stringWidth(s.name()));
        }
        int w = 12 + 28 + 6 + textWidth + 10;
        int h = 8 + row * series.size();
        int x = right - w - 10;
        int y = bottom - h - 10;
        g.setColor(Color.WHITE);
        g.fillRect(x, y, w, h);
        g.setColor(new Color(200, 200, 200));
        g.drawRect(x, y, w, h);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            int cy = y + 4 + row * i + row / 2;
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2f));
            g.draw(new Line2D.Double(x + 12, cy, x + 40, cy));
            if (s.x().length <= MAX_POINTS_WITH_MARKERS) {
                g.fill(new Ellipse2D.Double(x + 26 - 4, cy - 4, 8, 8));
            }
            g.setColor(Color.BLACK);
            g.drawString(s.name(), x + 46, cy + fm.getAscent() / 2 - 1);
        }
    }
}
