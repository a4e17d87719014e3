package io.github.nn4j.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.nn4j.Tensor;
import org.junit.jupiter.api.Test;

/** CS231n's two helpers (issue #15 item 8) on functions whose gradient is known in closed form. */
class NumericalGradientTest {

    @Test
    void centralDifferencesOfARegularisedLoss() {
        // README numerical gradient example begin
        Tensor w = Tensor.uniform(-1, 1, 3, 4);
        double reg = 0.1;
        // L(W) = sum(exp(W)) + reg * sum(W²): dL/dW = exp(W) + 2·reg·W
        java.util.function.ToDoubleFunction<Tensor> loss =
                v -> v.clone().exp().sum() + reg * v.dot(v);
        Tensor numeric = NumericalGradient.of(loss, w, 1e-5);
        Tensor analytic = Tensor.add(Tensor.empty(), w.clone().exp(), 2 * reg, w);
        SparseGradientReport r = NumericalGradient.checkSparse(loss, w, analytic, 5, 1e-5, 42);
        r.assertPassed(1e-7);   // AssertionError listing each coordinate over the tolerance
        String table = r.toString(); // "[1, 2] numerical: … analytic: … relative error: …", one line each
        // README numerical gradient example end
        double[] wv = w.data();
        for (int i = 0; i < 12; i++) {
            assertEquals(Math.exp(wv[i]) + 2 * reg * wv[i], numeric.data()[i], 1e-8);
        }
        assertEquals(5, r.entries().size());
        assertEquals(5, table.split("\n").length);
        assertTrue(table.contains("relative error"));
        assertTrue(r.maxRelError() < 1e-8, r::toString);
    }

    @Test
    void xIsRestoredAndTheStepIsTheOneGiven() {
        Tensor x = Tensor.of(0.3, -0.7);
        double[] before = x.toArray();
        // f(x) = x0³: the central difference is 3·x0² + h², so h shows in the result
        double h = 0.1;
        Tensor g = NumericalGradient.of(v -> Math.pow(v.data()[0], 3), x, h);
        assertEquals(3 * 0.09 + h * h, g.data()[0], 1e-12);
        assertEquals(0.0, g.data()[1]);
        assertEquals(before[0], x.data()[0]);
        assertEquals(before[1], x.data()[1]);
        assertThrows(IllegalArgumentException.class, () -> NumericalGradient.of(v -> 0, x, 0));
    }

    @Test
    void aWrongAnalyticGradientIsReportedPerCoordinate() {
        Tensor x = Tensor.of(1, 2, 3, 4);
        Tensor wrong = Tensor.of(2, 4, 6, 8).mul(1.01); // d(sum x²)/dx = 2x, off by 1 %
        SparseGradientReport r = NumericalGradient.checkSparse(v -> v.dot(v), x, wrong, 3, 1e-5, 1);
        for (SparseGradientReport.Entry e : r.entries()) {
            assertEquals(0.01 / 2.01, e.relError(), 1e-8);
        }
        AssertionError err = assertThrows(AssertionError.class, () -> r.assertPassed(1e-5));
        assertTrue(err.getMessage().contains("relative error"), err.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumericalGradient.checkSparse(v -> 0, x, Tensor.zeros(3), 1, 1e-5, 1));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[4]"), e.getMessage());
    }

    /** The README shows the block between the markers above, less its indentation. */
    @Test
    void readmeShowsThisTestsCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String self = Files.readString(Path.of("src/test/java/io/github/nn4j/check/NumericalGradientTest.java"));
        Matcher m = Pattern.compile("// README numerical gradient example begin\\n(.*?)\\n\\s*// README numerical gradient example end",
                Pattern.DOTALL).matcher(self);
        assertTrue(m.find(), "markers");
        String code = m.group(1).replaceAll("(?m)^ {8}", "");
        assertTrue(readme.contains(code), "README.md lacks, as written in the test:\n" + code);
    }
}
