package io.github.nn4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.layers.SpatialBatchNormalization;
import io.github.nn4j.layers.SpatialConvolution;

class ConvWorkloadTest {

    private static long parameterCount(TrainStep step) {
        long n = 0;
        for (Parameter p : step.model().parameters()) {
            n += p.value().numel();
        }
        return n;
    }

    @Test
    void resnet20HasThePaperStructureAndTheHeadersCounts() {
        TrainStep step = new TrainStep(TrainStep.Workload.resnet20, 1);
        // pytorch_cnn.py's header: 272,474 parameters, 1,568 of them BatchNorm scale/shift
        assertEquals(272_474, parameterCount(step));
        long bn = 0;
        int convs = 0;
        for (var m : step.model().listModules()) {
            if (m instanceof SpatialBatchNormalization b) {
                for (Parameter p : b.parameters()) {
                    bn += p.value().numel();
                }
            }
            if (m instanceof SpatialConvolution) {
                convs++;
            }
        }
        assertEquals(1_568, bn);
        assertEquals(21, convs, "19 on the main path + 2 projections");
        // (3 x 40,813,184 - 442,368) x 2 x 32 and (3 x 40,813,184) x 2 x 32
        assertEquals((3 * 40_813_184.0 - 442_368) * 2 * 32 / 1e6, step.mflopPerStep(), 1e-9);
        assertEquals(7807.82, step.mflopPerStep(), 0.005);
        assertEquals(7836.13, new TrainStep(TrainStep.Workload.resnet20, 1, true).mflopPerStep(), 0.005);
        assertArrayEquals(new int[] {32, 10}, step.model().forward(inputOf(step)).sizes());
    }

    @Test
    void lenetHasTheHeadersCounts() {
        TrainStep step = new TrainStep(TrainStep.Workload.lenet, 1);
        // 6·25+6 + 16·150+16 + 400·120+120 + 120·84+84 + 84·10+10
        assertEquals(61_706, parameterCount(step));
        assertEquals((3 * 416_520.0 - 117_600) * 2 * 64 / 1e6, step.mflopPerStep(), 1e-9);
        assertEquals(144.89, step.mflopPerStep(), 0.005);
        assertEquals(159.94, new TrainStep(TrainStep.Workload.lenet, 1, true).mflopPerStep(), 0.005);
        assertArrayEquals(new int[] {64, 10}, step.model().forward(inputOf(step)).sizes());
    }

    private static Tensor inputOf(TrainStep step) {
        int[] s = step.workload().sample();
        return Tensor.zeros(step.workload().batch(), s[0], s[1], s[2]);
    }

    @Test
    void skippingTheFirstConvolutionsGradInputTrainsTheSameBits() {
        for (TrainStep.Workload w : new TrainStep.Workload[] {TrainStep.Workload.lenet, TrainStep.Workload.resnet20}) {
            TrainStep skip = new TrainStep(w, 4);
            TrainStep full = new TrainStep(w, 4, true);
            int steps = w == TrainStep.Workload.lenet ? 30 : 3;
            double first = 0;
            double last = 0;
            for (int i = 0; i < steps; i++) {
                last = skip.step();
                assertEquals(full.step(), last, 0.0, w + " loss of step " + i);
                first = i == 0 ? last : first;
            }
            assertTrue(last < first, w + ": loss " + first + " -> " + last);
            for (int p = 0; p < full.model().parameters().size(); p++) {
                assertArrayEquals(full.model().parameters().get(p).value().data(),
                        skip.model().parameters().get(p).value().data(), w + " parameter " + p);
            }
        }
    }
}
