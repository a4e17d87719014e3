package io.github.nn4j.examples.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.examples.Nn4jCommand;

class LectureCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void lectureNRunsOneExample() {
        Run r = run("lecture", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Example 4: add distributes, max routes, mul switches"), r.out());
        assertTrue(!r.out().contains("Example 3"), r.out());
    }

    @Test
    void drawWritesTheGraphs(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(GraphDrawingTest.canRenderText(), "no fonts on this machine");
        Run r = run("lecture", "2", "--draw", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.size(dir.resolve("lecture-example2.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("lecture-example2.dot")).startsWith("digraph"));
        assertTrue(r.out().contains("wrote " + dir.resolve("lecture-example2.png")), r.out());
    }

    @Test
    void anUnknownExampleIsAUsageError() {
        Run r = run("lecture", "9");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no lecture example 9; the examples are 1 to 6"), r.err());
    }
}
