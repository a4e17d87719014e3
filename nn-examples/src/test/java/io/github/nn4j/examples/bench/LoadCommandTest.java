package io.github.nn4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.nn4j.Module;
import io.github.nn4j.examples.Nn4jCommand;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ElementType;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/** {@code nn4j bench load} and the model its benchmark writes. */
class LoadCommandTest {

    @Test
    void theBenchmarkModelHasTheSizeAndTypeAsked(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.t7");
        int layers = T7LoadBenchmark.writeModel(f, T7ElementType.FLOAT, 20);
        assertEquals(2, layers); // 2 x (weight, bias and gradients of Linear(1024, 1024)) in floats = 16.8 MB
        assertEquals(20e6, Files.size(f), 4e6);
        T7Object seq = (T7Object) Torch7.load(f);
        T7Object first = (T7Object) ((T7Table) seq.get("modules")).getAt(1);
        assertEquals(T7ElementType.FLOAT, ((T7Tensor) first.get("weight")).elementType());
        Module<?, ?> m = T7Bridge.loadModule(f);
        assertEquals(2, ((Sequential<?, ?>) m).size());
        assertTrue(((Sequential<?, ?>) m).get(0) instanceof Linear);
    }

    @Test
    void benchLoadPrintsTheThreeTimesAndTheirRatio() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "load", "--size",
                "2", "--type", "double", "--forks", "0", "--warmup", "0", "--iterations", "1", "--time", "1", "--quiet");
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().split("\n");
        assertEquals(3, lines.length, out.toString());
        assertTrue(lines[0].startsWith("loading a 2 MB .t7 model"), lines[0]);
        String[] row = lines[2].trim().split("\\s+");
        assertEquals("double", row[0]);
        double read = Double.parseDouble(row[1]);
        double module = Double.parseDouble(row[7]);
        double ratio = Double.parseDouble(row[10]);
        // the times are printed to 0.1 ms, the ratio from the unrounded ones
        assertEquals(module / read, ratio, 0.1 * ratio + 0.01, lines[2]);
    }
}
