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
        assertEquals(String.join("\n", "--add-modules", "jdk.incubator.vector", "-jar",
                dir + "/nn4j.jar", "train", "mnist", "--lr", "a b") + "\n", launch(dir, "train", "mnist", "--lr", "a b"));
        assertEquals(String.join("\n", "--add-modules", "jdk.incubator.vector", "-jar",
                dir + "/nn4j.jar", "torch7", "forward", "m.t7") + "\n", launch(dir, "torch7", "forward", "m.t7"));
    }

    /**
     * JAVA_OPTS reach the JVM split on spaces, before the jar, and a {@code *} in them stays literal
     * even with a file its pattern would match in the working directory.
     */
    @Test
    void javaOptsComeBeforeTheJarUnglobbed(@TempDir Path dir) throws IOException, InterruptedException {
        Files.createFile(dir.resolve("-XX:CompileCommand=print,x.y"));
        assertEquals(String.join("\n", "--add-modules", "jdk.incubator.vector", "-Xmx1g",
                "-XX:CompileCommand=print,x.*", "-jar", dir + "/nn4j.jar", "bench") + "\n",
                launchWith(dir, dir, "-Xmx1g -XX:CompileCommand=print,x.*", "bench"));
    }

    /** Issue #15, item 5: help, version and {@code torch7 info} start on C1 and the serial collector. */
    @Test
    void shortCommandsStartOnTheClientCompiler(@TempDir Path dir) throws IOException, InterruptedException {
        String quick = String.join("\n", "--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-jar", dir + "/nn4j.jar");
        assertEquals(quick + "\n--help\n", launch(dir, "--help"));
        assertEquals(quick + "\n", launch(dir));
        assertEquals(quick + "\ntrain\nmnist\n-h\n", launch(dir, "train", "mnist", "-h"));
        assertEquals(quick + "\n-V\n", launch(dir, "-V"));
        assertEquals(quick + "\ntorch7\ninfo\nm.t7\n", launch(dir, "torch7", "info", "m.t7"));
    }

    private static String launch(Path dir, String... args) throws IOException, InterruptedException {
        return launchWith(dir, null, null, args);
    }

    /**
     * Runs the launcher copied into {@code dir}, in the working directory {@code cwd} (null: this one),
     * with {@code JAVA_OPTS} set to {@code javaOpts} (null: unset).
     */
    private static String launchWith(Path dir, Path cwd, String javaOpts, String... args)
            throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
        Path script = dir.resolve("nn4j");
        if (!Files.exists(script)) {
            Files.copy(Path.of("src", "launcher", "nn4j"), script);
            Path bin = Files.createDirectories(dir.resolve("jdk").resolve("bin"));
            Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/bin/sh", script.toString()));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().remove("JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("JAVA_OPTS", javaOpts);
        }
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
