package io.github.nn4j.examples.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.examples.Nn4jCommand;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.linalg.Precision;

/** {@code nn4j train --precision float32} holds for that run only. */
class TrainPrecisionTest {

    @TempDir
    Path dir;

    @Test
    void aFloat32RunGivesBackThePrecisionItFound() {
        assertEquals(Precision.FLOAT64, Gemm.precision());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "train", "iris",
                "--precision", "float32", "--epochs", "2", "--out", dir.toString());
        assertEquals(0, code, err.toString());
        // a later in-process command (e.g. torch7 backward at 1e-10) must not run in float32
        assertEquals(Precision.FLOAT64, Gemm.precision());
    }
}
