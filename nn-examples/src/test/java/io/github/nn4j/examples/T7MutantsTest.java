package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.nn4j.testing.SharedFixtures;

/**
 * A short bounded pass of {@link T7Mutants} over the golden and wild files (skipped when
 * ../shared is absent): only documented outcomes, none slower than 2 s. The long pass is
 * {@link T7Mutants#main}.
 */
class T7MutantsTest {

    @Test
    void mutantsOfRealFilesEndOnlyInDocumentedOutcomes() throws IOException {
        Path fixtures = SharedFixtures.requireDir("fixtures");
        List<byte[]> seeds = T7Mutants.seeds(fixtures);
        assertTrue(seeds.size() > 100, "seeds found: " + seeds.size());
        long seed = System.nanoTime();
        T7Mutants.Counts c = T7Mutants.campaign(seeds, seed, 200_000, System.nanoTime() + 3_000_000_000L);
        assertEquals(List.of(), c.others, "random seed " + seed + ": " + c);
        assertEquals(0, c.slow, "random seed " + seed + ": " + c);
        assertTrue(c.format > 0 && c.loaded > 0, c.toString());
    }
}
