package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.TorchGolden2;

/**
 * The convolution cases of torch-golden-2 through the module API: the Java constructor with the
 * case's arguments, weights copied from Torch's {@code model.t7}, forward and backward compared
 * with {@code expected.t7}; and the case's seed plus the constructor give Torch's weights exactly.
 */
class ConvolutionGoldenTest {

    @Test
    void spatialConvolution() {
        check("conv", () -> new SpatialConvolution(3, 5, 3, 3));
        check("conv_3d", () -> new SpatialConvolution(3, 5, 3, 3));
        check("conv_stride_pad", () -> new SpatialConvolution(3, 5, 3, 2, 2, 1, 1, 1));
        check("conv_nobias", () -> new SpatialConvolution(3, 5, 3, 3, 1, 1, 1, 1).noBias());
    }

    @Test
    void spatialConvolutionMM() {
        check("convmm", () -> new SpatialConvolutionMM(3, 5, 3, 3, 1, 1, 1, 1));
        check("convmm_3d", () -> new SpatialConvolutionMM(3, 5, 3, 2, 1, 2, 1, 0));
    }

    @Test
    void spatialDilatedConvolution() {
        check("dilated", () -> new SpatialDilatedConvolution(3, 5, 3, 3, 1, 1, 2, 2, 2, 2));
        check("dilated_3d", () -> new SpatialDilatedConvolution(3, 5, 3, 2, 2, 1, 1, 0, 2, 1));
    }

    @Test
    void spatialFullConvolution() {
        check("fullconv", () -> new SpatialFullConvolution(3, 5, 3, 3, 2, 2, 1, 1, 1, 1));
        check("fullconv_plain", () -> new SpatialFullConvolution(3, 5, 4, 4, 2, 2, 1, 1));
        check("fullconv_3d", () -> new SpatialFullConvolution(3, 5, 3, 2, 1, 2, 0, 1, 0, 1));
    }

    @Test
    void spatialConvolutionLocal() {
        check("convlocal", () -> new SpatialConvolutionLocal(3, 5, 5, 6, 3, 3, 1, 1, 1, 1));
        check("convlocal_3d", () -> new SpatialConvolutionLocal(3, 5, 5, 6, 3, 2, 2, 1));
    }

    @Test
    void spatialSubSampling() {
        check("subsampling", () -> new SpatialSubSampling(3, 2, 2, 2, 2));
        check("subsampling_3d", () -> new SpatialSubSampling(3, 3, 2, 1, 2));
    }

    private static void check(String name, Supplier<Module<Tensor, Tensor>> make) {
        TorchGolden2.Case c = TorchGolden2.get(name);
        Module<?, ?> torch = (Module<?, ?>) c.load("model.t7");
        // same seed, same weights: the constructor draws what Torch's drew
        TorchRandom.manualSeed(c.seed());
        Module<Tensor, Tensor> m = make.get();
        assertEquals(torch.toString(), m.toString(), name + ": toString");
        List<Parameter> mine = m.parameters();
        List<Parameter> theirs = torch.parameters();
        assertEquals(theirs.size(), mine.size(), name + ": number of parameters");
        for (int k = 0; k < mine.size(); k++) {
            Tensor expected = theirs.get(k).value();
            assertEquals(expected.numel(), mine.get(k).value().numel(), name + ": parameter " + k + " size");
            assertEquals(0.0, maxDiff(expected, mine.get(k).value()), name + ": same seed, same " + mine.get(k).name());
        }
        // then Torch's weights through the module API
        for (int k = 0; k < mine.size(); k++) {
            mine.get(k).value().copy(theirs.get(k).value());
        }
        Tensor input = (Tensor) c.load("input.t7");
        Tensor gradOutput = (Tensor) c.load("gradOutput.t7");
        Map<Object, Object> expected = c.expected();
        m.zeroGradParameters();
        Tensor pristine = input.deepCopy();
        TorchGolden2.assertClose((Tensor) expected.get("output"), m.forward(input), c.rel(), name + " output");
        TorchGolden2.assertClose((Tensor) expected.get("gradInput"), m.backward(input, gradOutput), c.rel(),
                name + " gradInput");
        assertEquals(0.0, input.maxAbsDiff(pristine), name + ": the input is unchanged");
        Table grads = new Table();
        for (Parameter p : mine) {
            grads.add(p.grad());
        }
        TorchGolden2.assertClose(TorchGolden2.table(expected.get("gradParams")), grads, c.rel(), name + " gradParams");
    }

    private static double maxDiff(Tensor a, Tensor b) {
        double m = 0;
        for (int i = 0; i < a.numel(); i++) {
            m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
        }
        return m;
    }
}
