package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15, item 4: {@code target/nn4j} (copied from {@code src/launcher/nn4j} by {@code mvn package})
 * runs the jar beside it with the Vector API flag, so the README's command needs no JVM flag. Run
 * here with a stand-in {@code java} that prints its arguments.
 */
class LauncherTest {

    @Test
    void theLauncherPassesTheVectorApiFlagAndTheArguments(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path script = Files.copy(Path.of("src", "launcher", "nn4j"), dir.resolve("nn4j"));
        Path bin = Files.createDirectories(dir.resolve("jdk").resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString(), "train", "mnist", "--lr", "a b");
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().remove("JAVA_OPTS");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals(String.join("\n", "--add-modules", "jdk.incubator.vector", "-jar", dir + "/nn4j.jar", "train",
                "mnist", "--lr", "a b") + "\n", out);
    }
}
