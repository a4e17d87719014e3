package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class Nn4jCommandTest {

    @Test
    void withoutArgumentsPrintsUsage() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code);
        assertTrue(out.toString().startsWith("Usage: nn4j"), out.toString());
    }

    @Test
    void unknownOptionIsAnError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "--no-such-option");
        assertEquals(2, code);
        assertTrue(err.toString().contains("Unknown option"), err.toString());
    }
}
