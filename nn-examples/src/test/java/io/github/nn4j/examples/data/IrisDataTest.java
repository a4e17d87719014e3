package io.github.nn4j.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Tensor;
import io.github.nn4j.optim.Dataset;

/** The bundled Iris CSV against the values {@code convert_iris.py} computed from the npm JSON. */
class IrisDataTest {

    private static final Expected EXPECTED = new Expected("/io/github/nn4j/examples/data/iris-expected.properties");

    @Test
    void loadsOneHundredFiftyFlowers() throws IOException {
        try (InputStream in = IrisData.class.getResourceAsStream(IrisData.RESOURCE)) {
            assertEquals(EXPECTED.string("csvSha256"), Expected.sha256(in.readAllBytes()));
        }
        Dataset iris = IrisData.load();
        assertEquals(150, iris.size());
        assertEquals(EXPECTED.number("count"), iris.size());
        assertArrayEquals(new int[] {4}, iris.sampleSize());
        assertArrayEquals(new int[] {50, 50, 50}, iris.classCounts());
        // the first flower, as the package's README prints it: [5.1, 3.5, 1.4, 0.2, 'setosa']
        assertEquals(0, iris.range(0, 1).features().maxAbsDiff(Tensor.of(new double[][] {{5.1, 3.5, 1.4, 0.2}})));
        assertEquals(0, iris.label(0));
        assertEquals(1, iris.label(50));
        assertEquals(2, iris.label(149));
        double[] sums = new double[4];
        double[] f = iris.features().data();
        for (int i = 0; i < 150; i++) {
            for (int j = 0; j < 4; j++) {
                sums[j] += f[4 * i + j];
            }
        }
        assertArrayEquals(EXPECTED.decimals("columnSums"), sums, 1e-9);
        assertEquals("versicolor", IrisData.SPECIES.get(1));
    }
}
