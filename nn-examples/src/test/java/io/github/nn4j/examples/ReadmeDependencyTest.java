package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's dependency snippet for a separate project names artifacts this build makes, at
 * this build's version and with the versions the build itself uses.
 */
class ReadmeDependencyTest {

    @Test
    void theReadmeSnippetNamesThisBuildsArtifactsAndVersions() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String pom = Files.readString(Path.of("..", "pom.xml"));
        Matcher version = Pattern.compile("<artifactId>nn4j-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertTrue(version.find(), "no version in pom.xml");
        Matcher slf4j = Pattern.compile("<slf4j.version>([^<]+)</slf4j.version>").matcher(pom);
        assertTrue(slf4j.find(), "no slf4j.version in pom.xml");
        Matcher snippet = Pattern.compile("```xml\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(snippet.find(), "no xml block in README.md");
        String xml = snippet.group(1);
        assertTrue(xml.contains("<maven.compiler.release>17</maven.compiler.release>"), xml);
        Matcher dep = Pattern.compile("<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(xml);
        int nn4j = 0;
        while (dep.find()) {
            if (dep.group(1).equals("io.github.nn4j")) {
                assertTrue(Files.isRegularFile(Path.of("..", dep.group(2), "pom.xml")), dep.group(2) + " is not a module");
                assertEquals(version.group(1), dep.group(3), dep.group(2));
                nn4j++;
            } else {
                assertEquals("org.slf4j", dep.group(1));
                assertEquals(slf4j.group(1), dep.group(3), dep.group(2));
            }
        }
        assertEquals(2, nn4j, "nn4j dependencies in the README snippet");
    }
}
