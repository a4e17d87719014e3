package io.github.nn4j.examples.lecture;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import io.github.nn4j.Container;
import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.layers.AddConstant;
import io.github.nn4j.layers.Graph;
import io.github.nn4j.layers.MulConstant;
import io.github.nn4j.layers.Power;
import io.github.nn4j.torch7.AtomicFiles;

/**
 * Draws a computational graph as a backpropagation lecture does: gates as circles labelled with
 * their operation ({@code +}, {@code *}, {@code max}, {@code exp}, {@code 1/x} …), inputs on the
 * left, the output on the right, and on every edge the value that flowed forward (green, above)
 * and the gradient that flowed back (red, below).
 *
 * <pre>{@code
 * graph.forward(input);
 * graph.backward(input, gradOutput);
 * GraphDrawing d = GraphDrawing.of(graph);
 * d.writePng(Path.of("graph.png"));   // pure Java2D, works headless
 * d.writeDot(Path.of("graph.dot"));   // Graphviz: dot -Tpng graph.dot -o graph.png
 * }</pre>
 *
 * <p>What is drawn for each kind of module:
 * <ul>
 *   <li>a {@link Graph}: its nodes; the gradient on the edge from {@code u} into {@code v} is the
 *       part of dL/du that {@code v} sent back ({@link Graph#edgeGradient}); where edges leave
 *       one node their gradients add up to the node's gradient;</li>
 *   <li>any other {@link Container} (such as {@code nn.Sequential}): its children as a chain,
 *       each edge carrying the child's output and the next child's gradInput;</li>
 *   <li>any other module: one gate between its input and output.</li>
 * </ul>
 * Values are the modules' buffers after the last forward and backward: a scalar prints as
 * {@code -4.00}, a tensor of up to three elements as {@code [0.39, -0.59]}, a larger one by its
 * size; nothing is printed before the first pass. The input of a non-graph module is not kept
 * by the module, so pass it to {@link #of(Module, Data)} to see it.
 */
public final class GraphDrawing {

    /** The green of forward values (as in the lecture's figures). */
    public static final Color VALUE_COLOR = new Color(0, 128, 0);
    /** The red of gradients. */
    public static final Color GRADIENT_COLOR = new Color(204, 0, 0);

    private enum Kind { INPUT, GATE, OUTPUT }

    private static final class Box {
        final Kind kind;
        final String symbol;
        final String name;
        int layer;
        double row;
        /** Half the width: a circle's radius, wider (an ellipse) for a long label. */
        final double half;
        double x;
        double y;

        Box(Kind kind, String symbol, String name) {
            this.kind = kind;
            this.symbol = symbol;
            this.name = name;
            // about 11 px per character of the bold label font, without asking AWT (DOT needs no fonts)
            this.half = kind == Kind.GATE ? Math.max(RADIUS, 5.5 * symbol.length() + 12) : 22;
        }
    }

    private record Edge(Box from, Box to, String value, String gradient) {
    }

    private final String title;
    private final List<Box> boxes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();

    private GraphDrawing(String title) {
        this.title = title;
    }

    // ------------------------------------------------------------------ building the picture

    /**
     * The picture of a module after its last forward and backward.
     *
     * @param module a {@link Graph}, a container or any module
     * @return the drawing
     */
    public static GraphDrawing of(Module<?, ?> module) {
        return of(module, null);
    }

    /**
     * The picture of a module, showing {@code input} on the input edge of a non-graph module
     * (which does not keep its input).
     *
     * @param module a {@link Graph}, a container or any module
     * @param input the input of the last forward, or {@code null}
     * @return the drawing
     */
    public static GraphDrawing of(Module<?, ?> module, Data input) {
        GraphDrawing d = new GraphDrawing(module.toString().lines().findFirst().orElse(module.torchTypeName()));
        if (module instanceof Graph g) {
            d.addGraph(g);
        } else if (module instanceof Container<?, ?> c && c.size() > 0) {
            d.addChain(c.children(), input, module.gradInput());
        } else {
            d.addChain(List.of(module), input, module.gradInput());
        }
        d.layout();
        return d;
    }

    private void addGraph(Graph g) {
        List<Graph.Node> nodes = g.nodesTopologicallySorted();
        Box[] box = new Box[nodes.size()];
        for (Graph.Node node : nodes) {
            Box b = node.isInput() ? new Box(Kind.INPUT, node.name(), node.name())
                    : new Box(Kind.GATE, symbol(g.module(node)), node.name());
            box[node.index()] = b;
            boxes.add(b);
        }
        for (Graph.Node node : nodes) {
            for (int k = 0; k < node.inputs().size(); k++) {
                Graph.Node from = nodes.get(node.inputs().get(k));
                edges.add(new Edge(box[from.index()], box[node.index()], format(g.value(from)),
                        format(edgeGradient(g, node, k))));
            }
        }
        for (Graph.Node out : g.outputNodes()) {
            Box sink = new Box(Kind.OUTPUT, out.name(), out.name());
            boxes.add(sink);
            edges.add(new Edge(box[out.index()], sink, format(g.value(out)), format(g.gradient(out))));
        }
    }

    /** The gradient on an edge, or {@code null} before the first backward. */
    private static Data edgeGradient(Graph g, Graph.Node node, int slot) {
        Data gi = g.module(node).gradInput();
        if (gi == null || node.inputs().size() > 1 && (!(gi instanceof Table t) || t.size() <= slot)) {
            return null;
        }
        return g.edgeGradient(node, slot);
    }

    private void addChain(List<Module<?, ?>> chain, Data input, Data gradInput) {
        Box in = new Box(Kind.INPUT, "input", "input");
        boxes.add(in);
        Box prev = in;
        Data prevValue = input;
        for (Module<?, ?> m : chain) {
            Box b = new Box(Kind.GATE, symbol(m), "");
            boxes.add(b);
            edges.add(new Edge(prev, b, format(prevValue), format(m.gradInput())));
            prev = b;
            prevValue = m.output();
        }
        Box out = new Box(Kind.OUTPUT, "output", "output");
        boxes.add(out);
        edges.add(new Edge(prev, out, format(prevValue), ""));
    }

    /**
     * The operation a gate shows: {@code +}, {@code *}, {@code max}, {@code x²}, {@code 1/x},
     * {@code exp}, {@code +1}, {@code *-1}, {@code σ} …, or the Torch name without {@code nn.}.
     *
     * @param m the module
     * @return a short label
     */
    public static String symbol(Module<?, ?> m) {
        if (m instanceof Power p) {
            return p.power() == -1 ? "1/x" : "x^" + number(p.power());
        }
        if (m instanceof AddConstant a) {
            return (a.constant() < 0 ? "" : "+") + number(a.constant());
        }
        if (m instanceof MulConstant c) {
            return "*" + number(c.constant());
        }
        return switch (m.torchTypeName()) {
            case "nn.CAddTable" -> "+";
            case "nn.CSubTable" -> "-";
            case "nn.CMulTable" -> "*";
            case "nn.CMaxTable" -> "max";
            case "nn.CMinTable" -> "min";
            case "nn.Square" -> "x²";
            case "nn.Sqrt" -> "√x";
            case "nn.Abs" -> "|x|";
            case "nn.Exp" -> "exp";
            case "nn.Log" -> "log";
            case "nn.Sigmoid" -> "σ";
            case "nn.Tanh" -> "tanh";
            case "nn.ReLU" -> "ReLU";
            case "nn.Identity" -> "id";
            default -> {
                String s = m.toString().lines().findFirst().orElse(m.torchTypeName());
                yield s.startsWith("nn.") ? s.substring(3) : s;
            }
        };
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.3g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "");
    }

    /**
     * How a value is written on an edge: {@code -4.00} for one element, {@code [0.39, -0.59]}
     * for up to three, the size otherwise; empty before the first pass.
     *
     * @param d the value, or {@code null}
     * @return the text
     */
    public static String format(Data d) {
        if (d == null) {
            return "";
        }
        if (d instanceof Table t) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < t.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(format(t.get(i)));
            }
            return sb.append('}').toString();
        }
        Tensor t = (Tensor) d;
        if (t.numel() == 0) {
            return "";
        }
        if (t.numel() == 1) {
            return String.format(Locale.ROOT, "%.2f", t.data()[0]);
        }
        if (t.numel() <= 3) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < t.numel(); i++) {
                sb.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", t.data()[i]));
            }
            return sb.append(']').toString();
        }
        return String.join("x", t.shapeString().replaceAll("[\\[\\] ]", "").split(","));
    }

    // ------------------------------------------------------------------ layout

    private static final int COLUMN = 190;
    private static final int ROW = 130;
    /** Where along a slanted edge its labels sit (0 = at the source, 1 = at the target). */
    private static final double LABEL_POSITION = 0.4;
    private static final int MARGIN = 70;
    private static final int RADIUS = 27;

    /** Columns by longest path from the inputs; rows by the mean row of the predecessors. */
    private void layout() {
        for (Box b : boxes) {
            b.layer = 0;
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Edge e : edges) {
                if (e.to().layer < e.from().layer + 1) {
                    e.to().layer = e.from().layer + 1;
                    changed = true;
                }
            }
        }
        int maxLayer = 0;
        for (Box b : boxes) {
            maxLayer = Math.max(maxLayer, b.layer);
        }
        for (Box b : boxes) {
            if (b.kind == Kind.OUTPUT) {
                b.layer = maxLayer;
            }
        }
        for (int layer = 0; layer <= maxLayer; layer++) {
            List<Box> column = new ArrayList<>();
            for (Box b : boxes) {
                if (b.layer == layer) {
                    column.add(b);
                }
            }
            if (layer == 0) {
                for (int i = 0; i < column.size(); i++) {
                    column.get(i).row = i;
                }
                continue;
            }
            // each box at the mean row of its predecessors (chains stay straight), then pushed
            // apart so that no two boxes of a column share a row
            for (Box b : column) {
                double sum = 0;
                int n = 0;
                for (Edge e : edges) {
                    if (e.to() == b) {
                        sum += e.from().row;
                        n++;
                    }
                }
                b.row = n == 0 ? 0 : sum / n;
            }
            column.sort(Comparator.comparingDouble(b -> b.row));
            for (int i = 1; i < column.size(); i++) {
                column.get(i).row = Math.max(column.get(i).row, column.get(i - 1).row + 1);
            }
        }
        double minRow = Double.MAX_VALUE;
        double maxRow = -Double.MAX_VALUE;
        for (Box b : boxes) {
            minRow = Math.min(minRow, b.row);
            maxRow = Math.max(maxRow, b.row);
        }
        // columns: circles 190 px apart, moved apart further for wide gates
        double[] halfOf = new double[maxLayer + 1];
        for (Box b : boxes) {
            halfOf[b.layer] = Math.max(halfOf[b.layer], b.half);
        }
        double[] columnX = new double[maxLayer + 1];
        columnX[0] = MARGIN + 30;
        for (int layer = 1; layer <= maxLayer; layer++) {
            columnX[layer] = columnX[layer - 1] + halfOf[layer - 1] + halfOf[layer] + COLUMN - 2 * RADIUS;
        }
        for (Box b : boxes) {
            b.x = columnX[b.layer];
            b.y = MARGIN + 20 + (b.row - minRow) * ROW;
        }
        width = (int) Math.ceil(columnX[maxLayer] + halfOf[maxLayer] + MARGIN + 8);
        height = (int) Math.ceil(2 * MARGIN + 50 + (maxRow - minRow) * ROW);
    }

    private int width;
    private int height;

    // ------------------------------------------------------------------ PNG

    /**
     * Renders the picture with Java2D (headless: no display needed).
     *
     * @return a new RGB image
     */
    public BufferedImage toImage() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            Font valueFont = new Font(Font.SANS_SERIF, Font.BOLD, 17);
            Font symbolFont = new Font(Font.SANS_SERIF, Font.BOLD, 20);
            Font nameFont = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
            g.setColor(Color.DARK_GRAY);
            g.setFont(nameFont);
            g.drawString(title, 12, 22);
            for (Edge e : edges) {
                drawEdge(g, e, valueFont);
            }
            for (Box b : boxes) {
                drawBox(g, b, symbolFont, nameFont);
            }
            drawLegend(g, nameFont);
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * Writes the picture as a PNG file.
     *
     * @param file the file to write (its directory must exist)
     * @throws IOException if writing fails
     */
    public void writePng(Path file) throws IOException {
        BufferedImage image = toImage();
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static double startX(Box b) {
        return b.x + b.half;
    }

    private static double endX(Box b) {
        return b.x - b.half;
    }

    private void drawEdge(Graphics2D g, Edge e, Font font) {
        double x1 = startX(e.from());
        double y1 = e.from().y;
        double x2 = endX(e.to());
        double y2 = e.to().y;
        if (e.to().kind == Kind.GATE) {
            // end on the ellipse (a circle for short labels), pointing at its centre
            double dx = e.to().x - x1;
            double dy = e.to().y - y1;
            double len = Math.hypot(dx, dy);
            double ux = dx / len;
            double uy = dy / len;
            double r = 1 / Math.hypot(ux / e.to().half, uy / RADIUS);
            x2 = e.to().x - ux * r;
            y2 = e.to().y - uy * r;
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.8f));
        g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
        double angle = Math.atan2(y2 - y1, x2 - x1);
        Path2D head = new Path2D.Double();
        head.moveTo(x2, y2);
        head.lineTo(x2 - 11 * Math.cos(angle - 0.4), y2 - 11 * Math.sin(angle - 0.4));
        head.lineTo(x2 - 11 * Math.cos(angle + 0.4), y2 - 11 * Math.sin(angle + 0.4));
        head.closePath();
        g.fill(head);
        // labels on the first part of the edge, where converging edges are still apart:
        // value above (green), gradient below (red)
        double t = e.from().y == e.to().y ? 0.5 : LABEL_POSITION;
        double mx = x1 + t * (x2 - x1);
        double my = y1 + t * (y2 - y1);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        // move each label off the line by as much as the line climbs under the label's half width
        double slope = Math.abs((y2 - y1) / (x2 - x1));
        double climbValue = slope * fm.stringWidth(e.value()) / 2.0;
        double climbGradient = slope * fm.stringWidth(e.gradient()) / 2.0;
        drawLabel(g, e.value(), VALUE_COLOR, mx, my - 6 - climbValue - fm.getDescent(), fm);
        drawLabel(g, e.gradient(), GRADIENT_COLOR, mx, my + 6 + climbGradient + fm.getAscent(), fm);
    }

    private static void drawLabel(Graphics2D g, String text, Color color, double cx, double baseline, FontMetrics fm) {
        if (text == null || text.isEmpty()) {
            return;
        }
        int w = fm.stringWidth(text);
        int x = (int) Math.round(cx - w / 2.0);
        int y = (int) Math.round(baseline);
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect(x - 2, y - fm.getAscent(), w + 4, fm.getAscent() + fm.getDescent());
        g.setColor(color);
        g.drawString(text, x, y);
    }

    private static void drawBox(Graphics2D g, Box b, Font symbolFont, Font nameFont) {
        g.setStroke(new BasicStroke(2f));
        if (b.kind == Kind.GATE) {
            Ellipse2D circle = new Ellipse2D.Double(b.x - b.half, b.y - RADIUS, 2 * b.half, 2 * RADIUS);
            g.setColor(new Color(235, 242, 255));
            g.fill(circle);
            g.setColor(Color.BLACK);
            g.draw(circle);
            Font f = symbolFont;
            g.setFont(f);
            FontMetrics fm = g.getFontMetrics();
            while (fm.stringWidth(b.symbol) > 2 * b.half - 10 && f.getSize() > 10) {
                f = f.deriveFont((float) f.getSize() - 1);
                g.setFont(f);
                fm = g.getFontMetrics();
            }
            g.drawString(b.symbol, (float) (b.x - fm.stringWidth(b.symbol) / 2.0),
                    (float) (b.y + (fm.getAscent() - fm.getDescent()) / 2.0));
            if (!b.name.isEmpty()) {
                g.setFont(nameFont);
                FontMetrics nm = g.getFontMetrics();
                g.setColor(Color.GRAY);
                g.drawString(b.name, (float) (b.x - nm.stringWidth(b.name) / 2.0), (float) (b.y - RADIUS - 6));
            }
        } else {
            g.setFont(symbolFont);
            FontMetrics fm = g.getFontMetrics();
            int w = fm.stringWidth(b.symbol);
            double left = b.kind == Kind.INPUT ? b.x + 18 - w - 8 : b.x - 18;
            RoundRectangle2D r = new RoundRectangle2D.Double(left - 6, b.y - 16, w + 12, 32, 10, 10);
            g.setColor(b.kind == Kind.INPUT ? new Color(255, 248, 225) : new Color(230, 245, 230));
            g.fill(r);
            g.setColor(Color.BLACK);
            g.draw(r);
            g.drawString(b.symbol, (float) left, (float) (b.y + (fm.getAscent() - fm.getDescent()) / 2.0));
        }
    }

    private void drawLegend(Graphics2D g, Font font) {
        g.setFont(font);
        int y = height - 16;
        g.setColor(VALUE_COLOR);
        g.drawString("green: forward value", 12, y);
        g.setColor(GRADIENT_COLOR);
        g.drawString("red: gradient of the output with respect to the value on the edge", 12 + g.getFontMetrics().stringWidth("green: forward value") + 24, y);
    }

    // ------------------------------------------------------------------ DOT

    /**
     * The picture as Graphviz DOT text ({@code dot -Tpng file.dot -o file.png}): gates as
     * circles, inputs and outputs as boxes, edges labelled with the value (green) over the
     * gradient (red).
     *
     * @return the DOT source
     */
    public String toDot() {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph \"").append(escape(title)).append("\" {\n");
        sb.append("  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\"];\n");
        for (int i = 0; i < boxes.size(); i++) {
            Box b = boxes.get(i);
            sb.append("  n").append(i).append(" [label=\"").append(escape(b.symbol)).append('"');
            if (b.kind == Kind.GATE) {
                sb.append(", shape=circle");
                if (!b.name.isEmpty()) {
                    sb.append(", xlabel=\"").append(escape(b.name)).append('"');
                }
            } else {
                sb.append(", shape=box, style=rounded");
            }
            sb.append("];\n");
        }
        for (Edge e : edges) {
            sb.append("  n").append(boxes.indexOf(e.from())).append(" -> n").append(boxes.indexOf(e.to()))
                    .append(" [label=<<font color=\"#008000\">").append(html(e.value()))
                    .append("</font><br/><font color=\"#cc0000\">").append(html(e.gradient()))
                    .append("</font>>];\n");
        }
        return sb.append("}\n").toString();
    }

    /**
     * Writes the DOT text to a file (UTF-8).
     *
     * @param file the file to write
     * @throws IOException if writing fails
     */
    public void writeDot(Path file) throws IOException {
        AtomicFiles.write(file, toDot().getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String html(String s) {
        return s.isEmpty() ? " " : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * The number of gates, inputs and outputs drawn.
     *
     * @return the node count
     */
    public int nodeCount() {
        return boxes.size();
    }

    /**
     * The labels written on the edges, value and gradient per edge, in drawing order (for tests
     * and for printing the picture as text).
     *
     * @return one {@code "from -> to: value / gradient"} line per edge
     */
    public List<String> edgeLabels() {
        List<String> out = new ArrayList<>();
        for (Edge e : edges) {
            String from = e.from().name.isEmpty() ? e.from().symbol : e.from().name;
            String to = e.to().name.isEmpty() ? e.to().symbol : e.to().name;
            out.add(from + " -> " + to + ": " + e.value() + " / " + e.gradient());
        }
        return out;
    }
}
