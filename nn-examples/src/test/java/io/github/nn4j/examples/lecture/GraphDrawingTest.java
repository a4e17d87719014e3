package io.github.nn4j.examples.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Tensor;
import io.github.nn4j.layers.AddConstant;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.MulConstant;
import io.github.nn4j.layers.Power;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.Square;

class GraphDrawingTest {

    /**
     * Whether Java2D can draw text here: a headless JVM on a machine without any font throws an
     * {@link Error} on the first text; the PNG tests are skipped there (DOT needs no fonts).
     *
     * @return true if text can be rendered
     */
    static boolean canRenderText() {
        try {
            java.awt.Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12));
            g.drawString("x", 0, 1);
            g.dispose();
            return true;
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    @Test
    void example2HasEveryValueAndGradientOnItsEdges() {
        GraphDrawing d = GraphDrawing.of(new AddMultiply().picture());
        assertEquals(List.of(
                "x -> q: -2.00 / -4.00",
                "y -> q: 5.00 / -4.00",
                "q -> f: 3.00 / -4.00",
                "z -> f: -4.00 / 3.00",
                "f -> f: -12.00 / 1.00"), d.edgeLabels());
        assertEquals(6, d.nodeCount()); // x, y, z, the two gates, the output
    }

    @Test
    void aForkShowsEachEdgesShareOfTheGradient() {
        // example 1 has no fork; build z = x² + x·... through the sigmoid circuit instead:
        GraphDrawing d = GraphDrawing.of(new SigmoidNeuron().picture());
        assertTrue(d.edgeLabels().contains("w2 -> z: -3.00 / 0.20"), d.edgeLabels().toString());
        assertTrue(d.edgeLabels().contains("x0 -> w0*x0: -1.00 / 0.39"), d.edgeLabels().toString());
    }

    @Test
    void dotTextColoursValuesGreenAndGradientsRed() {
        String dot = GraphDrawing.of(new AddMultiply().picture()).toDot();
        assertTrue(dot.startsWith("digraph \"nn.gModule(x, y, z -> f)\" {\n  rankdir=LR;"), dot);
        assertTrue(dot.contains("[label=\"+\", shape=circle, xlabel=\"q\"]"), dot);
        assertTrue(dot.contains("[label=<<font color=\"#008000\">-2.00</font><br/><font color=\"#cc0000\">-4.00</font>>]"),
                dot);
        assertTrue(dot.endsWith("}\n"));
    }

    @Test
    void pngIsWrittenHeadlessWithGreenAndRedText(@TempDir Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(canRenderText(), "no fonts on this machine");
        Path png = dir.resolve("example2.png");
        GraphDrawing.of(new AddMultiply().picture()).writePng(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 400 && img.getHeight() > 200, img.getWidth() + "x" + img.getHeight());
        int green = 0;
        int red = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (rgb == (GraphDrawing.VALUE_COLOR.getRGB() & 0xffffff)) {
                    green++;
                } else if (rgb == (GraphDrawing.GRADIENT_COLOR.getRGB() & 0xffffff)) {
                    red++;
                }
            }
        }
        assertTrue(green > 200 && red > 200, "green " + green + ", red " + red);
    }

    @Test
    void lectureDrawWritesPngAndDotPerExample(@TempDir Path dir) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(canRenderText(), "no fonts on this machine");
        List<Path> files = Lecture.draw(2, dir.resolve("pictures"));
        assertEquals(List.of(dir.resolve("pictures/lecture-example2.png"), dir.resolve("pictures/lecture-example2.dot")),
                files);
        for (Path p : files) {
            assertTrue(Files.size(p) > 100, p.toString());
        }
    }

    @Test
    void aSequentialIsDrawnAsAChainOfItsModules() {
        Linear linear = new Linear(2, 1);
        linear.weight().copy(Tensor.of(2, -3));
        linear.bias().copy(Tensor.of(-3));
        Sequential<Tensor, Tensor> s = new Sequential<Tensor, Tensor>().add(linear).add(new Sigmoid());
        Tensor x = Tensor.of(-1, -2);
        s.forward(x);
        s.backward(x, Tensor.of(1.0));
        GraphDrawing d = GraphDrawing.of(s, x);
        assertEquals(List.of(
                "input -> Linear(2 -> 1): [-1.00, -2.00] / [0.39, -0.59]",
                "Linear(2 -> 1) -> σ: 1.00 / 0.20",
                "σ -> output: 0.73 / "), d.edgeLabels());
    }

    @Test
    void gatesShowTheirOperation() {
        assertEquals("1/x", GraphDrawing.symbol(new Power(-1)));
        assertEquals("x^3", GraphDrawing.symbol(new Power(3)));
        assertEquals("+1", GraphDrawing.symbol(new AddConstant(1)));
        assertEquals("-2.5", GraphDrawing.symbol(new AddConstant(-2.5)));
        assertEquals("*0.125", GraphDrawing.symbol(new MulConstant(0.125)));
        assertEquals("*-1", GraphDrawing.symbol(new MulConstant(-1)));
        assertEquals("x²", GraphDrawing.symbol(new Square()));
        assertEquals("σ", GraphDrawing.symbol(new Sigmoid()));
    }

    @Test
    void valuesAreFormattedAsInTheLecture() {
        assertEquals("0.73", GraphDrawing.format(Tensor.of(0.7310585786)));
        assertEquals("[0.39, -0.59]", GraphDrawing.format(Tensor.of(0.393, -0.5898)));
        assertEquals("3x4", GraphDrawing.format(Tensor.zeros(3, 4)));
        assertEquals("", GraphDrawing.format(null));
        assertEquals("", GraphDrawing.format(Tensor.empty()));
    }
}
