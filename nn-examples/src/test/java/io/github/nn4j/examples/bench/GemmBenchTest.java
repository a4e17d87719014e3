package io.github.nn4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class GemmBenchTest {

    @Test
    void printsOneLinePerShapeWithBothSpeedsAndTheirRatio() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<GemmShape> shapes = List.of(GemmShape.parse("a", "20x30x40:NT", 0), GemmShape.parse("b", "5x3x7:TN", 1));
        GemmBench.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), shapes, 0.01);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(4, lines.length, String.join("\n", lines));
        assertTrue(lines[0].startsWith("GEMM, 1 thread(s), kernel "), lines[0]);
        assertRowIsARatio(lines[2], "20x30x40:NT");
    }

    /** A table row {@code name shape a b a/b}: the shape, two positive speeds and their ratio. */
    private static void assertRowIsARatio(String line, String shape) {
        String[] row = line.trim().split("\\s+");
        assertEquals(shape, row[1]);
        double first = Double.parseDouble(row[2]);
        double second = Double.parseDouble(row[3]);
        double ratio = Double.parseDouble(row[4]);
        assertTrue(first > 0 && second > 0, line);
        // each printed value is the true one rounded to +-0.005: the true ratio lies between the
        // ratios of the extremes, and is printed rounded too
        double lo = (first - 0.005) / (second + 0.005) - 0.005;
        double hi = second > 0.005 ? (first + 0.005) / (second - 0.005) + 0.005 : Double.POSITIVE_INFINITY;
        assertTrue(ratio >= lo - 1e-9 && ratio <= hi + 1e-9, line + ": ratio outside [" + lo + ", " + hi + "]");
    }

    @Test
    void scalingPrintsBothThreadCountsAndTheSpeedupAndRestoresTheSetting() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int before = io.github.nn4j.linalg.Gemm.numThreads();
        GemmBench.scaling(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                List.of(GemmShape.parse("big", "256x256x128:NN", 0)), 0.02, 2);
        assertEquals(before, io.github.nn4j.linalg.Gemm.numThreads());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(3, lines.length, String.join("\n", lines));
        assertTrue(lines[1].contains("2 thr GF/s"), lines[1]);
        String[] row = lines[2].trim().split("\\s+");
        // columns: 1-thread GF/s, 2-thread GF/s, speedup = second / first
        assertRowIsARatio(String.join(" ", row[0], row[1], row[3], row[2], row[4]), "256x256x128:NN");
        assertThrows(IllegalArgumentException.class, () -> GemmBench.scaling(System.err, List.of(), 0.1, 1));
    }

    @Test
    void workloadsListEveryLinearProductOfTheThreeNetworks() {
        assertEquals(21, GemmShape.WORKLOADS.size());
        GemmShape forward = GemmShape.WORKLOADS.get(12);
        assertEquals("wide fc1 forward", forward.name());
        assertEquals("256x1024x784:NT", forward.spec());
        GemmShape gradWeight = GemmShape.WORKLOADS.get(14);
        assertEquals("1024x784x256:TN", gradWeight.spec());
        assertEquals(1.0, gradWeight.beta());
    }

    @Test
    void benchGemmIsASubcommandAndChecksItsOptions() {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int help = io.github.nn4j.examples.Nn4jCommand.run(new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true), "bench", "gemm", "--help");
        assertEquals(0, help);
        assertTrue(out.toString().startsWith("Usage: nn4j bench gemm"), out.toString());
        int bad = io.github.nn4j.examples.Nn4jCommand.run(new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true), "bench", "gemm", "--threads", "0");
        assertEquals(2, bad);
        assertEquals("nn4j bench gemm: --threads must be at least 1 and --seconds positive (see 'nn4j bench gemm --help')",
                err.toString().strip());
    }

    @Test
    void rejectsMalformedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmShape.parse("x", "2x3:NN", 0));
        assertTrue(e.getMessage().contains("2x3:NN"), e.getMessage());
    }
}
