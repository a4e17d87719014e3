package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.nn4j.examples.Nn4jCommand;

/**
 * Issue #15, items 9 and 10: {@code nn4j train} ends with Torch's confusion matrix of the set its
 * final line reports, and calls the held-out samples by one name in the epoch lines and the final
 * line (they were "validation accuracy" in one and "test accuracy" in the other). Runs the command
 * in-process; the epoch lines are captured from the logger {@code io.github.nn4j.examples.train}.
 */
class TrainReportTest {

    private static final Pattern FINAL = Pattern.compile("^iris: held-out accuracy [0-9.]+ % \\((\\d+)/30\\), "
            + "held-out loss .*$");

    @TempDir
    Path dir;

    @Test
    void irisPrintsTheConfusionMatrixAndOneNameForTheHeldOutFlowers() {
        Logger log = (Logger) LoggerFactory.getLogger("io.github.nn4j.examples.train");
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level level = log.getLevel();
        boolean additive = log.isAdditive();
        log.addAppender(events);
        log.setLevel(Level.INFO);
        log.setAdditive(false); // nothing on the console
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "train", "iris", "--epochs",
                    "3", "--out", dir.toString());
        } finally {
            log.detachAppender(events);
            log.setLevel(level);
            log.setAdditive(additive);
        }
        assertEquals(0, code, err.toString());

        List<String> epochLines = new ArrayList<>();
        for (ILoggingEvent e : events.list) {
            if (e.getFormattedMessage().contains(" epoch ")) {
                epochLines.add(e.getFormattedMessage());
            }
        }
        assertEquals(3, epochLines.size(), String.valueOf(epochLines));
        for (String line : epochLines) {
            assertTrue(line.contains(", held-out accuracy "), line);
            assertFalse(line.contains("validation") || line.contains("test"), line);
        }

        String[] lines = out.toString().strip().split("\\R");
        Matcher summary = FINAL.matcher(lines[lines.length - 1]);
        assertTrue(summary.matches(), lines[lines.length - 1]);
        int correct = Integer.parseInt(summary.group(1));

        // the matrix: a header, three rows (true class 0, 1, 2), average and global lines
        int header = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("ConfusionMatrix:")) {
                header = i;
            }
        }
        assertTrue(header > 0, out.toString());
        assertEquals("iris: confusion matrix of the 30 held-out samples (row: true class, column: predicted)",
                lines[header - 1]);
        Pattern row = Pattern.compile("^ ?\\[?\\[\\s*(\\d+)\\s+(\\d+)\\s+(\\d+)\\]\\]?\\s+[0-9.]+% \t\\[class: (\\d)\\]$");
        long diagonal = 0;
        for (int t = 0; t < 3; t++) {
            Matcher m = row.matcher(lines[header + 1 + t]);
            assertTrue(m.matches(), lines[header + 1 + t]);
            assertEquals(t, Integer.parseInt(m.group(4)));
            int sum = Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(3));
            // the split holds out flower i when i mod 5 == 4: 10 of each species' 50
            assertEquals(10, sum, "held-out flowers of species " + t);
            diagonal += Integer.parseInt(m.group(t + 1));
        }
        assertEquals(correct, diagonal, "the diagonal is the count of the final line");
        assertTrue(lines[header + 5].startsWith(" + global correct: "), lines[header + 5]);
    }
}
