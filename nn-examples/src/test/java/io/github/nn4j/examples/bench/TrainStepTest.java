package io.github.nn4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import io.github.nn4j.examples.Nn4jCommand;

class TrainStepTest {

    @Test
    void repeatedStepsOnOneBatchLowerItsLoss() {
        TrainStep step = new TrainStep(TrainStep.Workload.tiny, 3);
        double first = step.step();
        double last = first;
        for (int i = 0; i < 200; i++) {
            last = step.step();
        }
        assertTrue(Double.isFinite(first));
        assertTrue(last < first, "loss " + first + " -> " + last);
    }

    @Test
    void skippingTheFirstLayersGradInputTrainsTheSameBits() {
        TrainStep skip = new TrainStep(TrainStep.Workload.tiny, 5);
        TrainStep full = new TrainStep(TrainStep.Workload.tiny, 5, true);
        assertFalse(skip.inputGradient());
        assertTrue(full.inputGradient());
        for (int i = 0; i < 20; i++) {
            assertEquals(full.step(), skip.step(), 0.0, "loss of step " + i);
        }
        assertNull(skip.model().get(0).gradInput(), "the first Linear computed no gradInput");
        assertNotNull(full.model().get(0).gradInput());
        for (int p = 0; p < full.model().parameters().size(); p++) {
            assertArrayEquals(full.model().parameters().get(p).value().data(),
                    skip.model().parameters().get(p).value().data(), "parameter " + p);
        }
    }

    @Test
    void benchRunsThroughJmhAndSaysWhetherTheFirstLayerComputesItsGradInput() {
        for (boolean inputGrad : new boolean[] {false, true}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            String[] args = inputGrad
                    ? new String[] {"bench", "--workload", "tiny", "--forks", "0", "--warmup", "0", "--iterations", "1",
                        "--time", "1", "--quiet", "--input-grad"}
                    : new String[] {"bench", "--workload", "tiny", "--forks", "0", "--warmup", "0", "--iterations", "1",
                        "--time", "1", "--quiet"};
            int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
            assertEquals(0, code, err.toString());
            String[] lines = out.toString().split("\n");
            assertTrue(lines[0].contains(inputGrad ? "with the first layer's gradInput"
                    : "first layer without gradInput, as PyTorch"), lines[0]);
            assertEquals(3, lines.length, out.toString());
            String[] row = lines[2].trim().split("\\s+");
            assertEquals("tiny", row[0]);
            double steps = Double.parseDouble(row[4]);
            assertEquals(steps * 300, Double.parseDouble(row[5]), 300 * 0.1, lines[2]);
        }
    }

    @Test
    void workloadsAreTheThreeOfTheBenchmark() {
        assertEquals("2-100-3, batch 300", TrainStep.Workload.tiny.describe());
        assertEquals("784-256-10, batch 64", TrainStep.Workload.mnist.describe());
        assertEquals("784-1024-1024-10, batch 256", TrainStep.Workload.wide.describe());
    }

    @Test
    void wrongWorkloadIsAClearError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "--workload",
                "huge");
        assertEquals(2, code);
        assertTrue(err.toString().contains("Invalid value for option '--workload'"), err.toString());
        code = Nn4jCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "bench", "--iterations", "0");
        assertEquals(2, code);
    }
}
