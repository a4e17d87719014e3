package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.examples.Nn4jCommand;

/**
 * Issue #15, item 3: every output location is checked before the first epoch (the MNIST default is
 * fifteen epochs, so a check after training would print a summary on standard output first).
 */
class TrainOutputsTest {

    @TempDir
    Path dir;

    private static String[] nn4j(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static void assertRefused(String[] r, String expected) {
        assertEquals("1", r[0], r[2]);
        assertEquals("", r[1], "nothing trained or written");
        assertEquals(1, r[2].lines().count(), r[2]);
        assertEquals(expected, r[2].strip());
    }

    @Test
    void outNamingAFileIsRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        assertRefused(nn4j("train", "mnist", "--out", file.toString()),
                "nn4j train mnist: --out: " + file + " is a file, not a folder");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void saveUnderAFileIsRefusedBeforeTrainingWithTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path save = file.resolve("sub").resolve("m.t7");
        String[] r = nn4j("train", "mnist", "--out", dir.toString(), "--save", save.toString());
        assertEquals("1", r[0], r[2]);
        assertEquals("", r[1]);
        assertTrue(r[2].strip().startsWith("nn4j train mnist: --save: cannot create the folder " + save.getParent()
                + ": "), r[2]);
        assertEquals(1, r[2].lines().count(), r[2]);
    }

    @Test
    void saveNamingAFolderIsRefusedBeforeTraining() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("m.t7"));
        assertRefused(nn4j("train", "mnist", "--out", dir.toString(), "--save", folder.toString()),
                "nn4j train mnist: --save: " + folder + " is a folder; name a file");
    }
}
