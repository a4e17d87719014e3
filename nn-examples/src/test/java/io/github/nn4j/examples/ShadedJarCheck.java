package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15, item 5: the shaded {@code target/nn4j.jar} holds only what the command line runs, and
 * still runs every command whose classes the shade plugin's {@code minimizeJar} could have left out.
 * Not a unit test: the surefire execution {@code shaded-jar} runs it in the {@code integration-test}
 * phase, after {@code package} wrote the jar ({@code -Dshaded.check.skip=true} leaves it out).
 */
class ShadedJarCheck {

    private static final Path JAR = Path.of("target", "nn4j.jar");

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run java(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + command);
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theJarHoldsNoPdfLibraryAndOneLoggingProvider() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing: run after mvn package");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> unwanted = jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("org/apache/pdfbox/") || n.startsWith("org/apache/fontbox/")
                            || n.startsWith("org/knowm/xchart/") || n.startsWith("de/rototor/")
                            || n.startsWith("ch/qos/logback/"))
                    .limit(5).collect(Collectors.toList());
            assertEquals(List.of(), unwanted, "classes the command line never runs");
            String providers = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.slf4j.spi.SLF4JServiceProvider")).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("org.slf4j.simple.SimpleServiceProvider", providers.strip());
        }
    }

    @Test
    void helpRunsWithoutLoggingNoise() throws IOException, InterruptedException {
        Run r = java(dir, "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: nn4j"), r.out());
        assertFalse(r.err().contains("SLF4J"), r.err());
    }

    @Test
    void benchRunsJmhWithItsStatistics() throws IOException, InterruptedException {
        // two measured iterations: JMH's error bound needs commons-math3's t distribution; --prof-gc its
        // option parser (jopt-simple); one fork: JMH starts a JVM on the jar's ForkedMain
        Run r = java(dir, "bench", "--workload", "tiny", "--warmup", "0", "--iterations", "2", "--time", "1",
                "--forks", "1", "--prof-gc", "--quiet");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("tiny ")), r.out());
    }

    @Test
    void trainDrawsItsChartsAndLecturesDrawTheirGraphs() throws IOException, InterruptedException {
        Run r = java(dir, "train", "spiral", "--epochs", "2", "--points", "20", "--out", "charts");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(dir.resolve("charts").resolve("spiral-training.png")) > 0);
        assertTrue(Files.size(dir.resolve("charts").resolve("spiral-regions.png")) > 0);
        assertTrue(r.err().contains("INFO spiral epoch   2/2: "), r.err());
        Run lecture = java(dir, "lecture", "--draw", "graphs");
        assertEquals(0, lecture.code(), lecture.err());
        try (var files = Files.list(dir.resolve("graphs"))) {
            assertTrue(files.anyMatch(f -> f.toString().endsWith(".png")), "no PNG from lecture --draw");
        }
    }
}
