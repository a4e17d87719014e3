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
        assertEquals("nn4j: Unknown option: '--no-such-option' (see 'nn4j --help')", err.toString().strip());
    }

    @Test
    void usageErrorsOfSubcommandsAreOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "torch7", "forward", "m.t7");
        assertEquals(2, code);
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("nn4j torch7 forward: Missing required parameters"), text);
    }
}
