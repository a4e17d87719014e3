package io.github.nn4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the read-only {@code shared/} folder (real Torch files, golden data) is: the system
 * property {@code nn4j.shared} if set, else {@code ../shared} beside the project root, i.e.
 * {@code ../../shared} from a module's folder (Surefire runs tests in the module folder).
 */
public final class SharedFixtures {

    private SharedFixtures() {
    }

    /**
     * The shared folder (it may not exist).
     *
     * @return the path
     */
    public static Path root() {
        String p = System.getProperty("nn4j.shared");
        if (p != null && !p.isEmpty()) {
            return Path.of(p);
        }
        return Path.of("..", "..", "shared").toAbsolutePath().normalize();
    }

    /**
     * A folder under {@code shared/}, skipping the calling test (JUnit assumption) when it is
     * absent.
     *
     * @param relative for example {@code "fixtures/t7-wild"}
     * @return the folder
     */
    public static Path requireDir(String relative) {
        Path dir = root().resolve(relative);
        assumeTrue(Files.isDirectory(dir), "shared fixtures not present: " + dir);
        return dir;
    }
}
