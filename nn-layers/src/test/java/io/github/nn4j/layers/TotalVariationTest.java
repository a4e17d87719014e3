package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.check.GradientCheckReport;
import io.github.nn4j.check.GradientChecker;
import io.github.nn4j.testing.ModuleContractTest;

/**
 * The backward is by design not the derivative of the forward (the identity) but that of
 * {@code <y, g> + strength·TV(x)}: the gradient check runs on {@link TvLoss}, whose forward is
 * {@code strength·TV(x)} computed here from the formula and whose backward is the module's added
 * term; {@link #backwardIsGradOutputPlusTheTvTerm} checks the rest.
 */
class TotalVariationTest extends ModuleContractTest {

    private static final double STRENGTH = 0.7;

    @Override
    protected Module<?, ?> createModule() {
        return new TotalVariation(STRENGTH);
    }

    @Override
    protected Data sampleInput() {
        return uniform(3, 4, 5);
    }

    @Override
    protected Data batchInput(int batchSize) {
        return uniform(batchSize, 2, 4, 3);
    }

    @Override
    protected String expectedToString() {
        return "nn.TotalVariation";
    }

    @Override
    protected Data wrongInput() {
        return uniform(4, 5);
    }

    @Override
    protected GradientCheckReport gradientCheck(Module<?, ?> module, Data input) {
        return GradientChecker.check(new TvLoss((TotalVariation) module), input);
    }

    /** ½ Σ over the top-left (H−1)×(W−1) block of each plane of (x[i,j]−x[i,j+1])² + (x[i,j]−x[i+1,j])². */
    static double tv(Tensor x) {
        int h = x.size(x.dim() - 2);
        int w = x.size(x.dim() - 1);
        double[] a = x.data();
        double s = 0;
        for (int p = 0; p < x.numel() / (h * w); p++) {
            for (int i = 0; i < h - 1; i++) {
                for (int j = 0; j < w - 1; j++) {
                    int k = p * h * w + i * w + j;
                    double dx = a[k] - a[k + 1];
                    double dy = a[k] - a[k + w];
                    s += dx * dx + dy * dy;
                }
            }
        }
        return 0.5 * s;
    }

    /** {@code [strength·TV(x)]}, with the module's added term as its backward. */
    static final class TvLoss extends Module<Tensor, Tensor> {
        private final TotalVariation tv;

        TvLoss(TotalVariation tv) {
            super(Tensor.empty(), Tensor.empty());
            this.tv = tv;
        }

        @Override
        public Tensor updateOutput(Tensor input) {
            output = Tensor.of(tv.strength() * tv(input));
            return output;
        }

        @Override
        public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
            tv.forward(input);
            gradInput = tv.backward(input, input.zerosLike()).clone().mul(gradOutput.get(0));
            return gradInput;
        }
    }

    @Test
    void backwardIsGradOutputPlusTheTvTerm() {
        TotalVariation m = new TotalVariation(STRENGTH);
        Tensor x = Tensor.uniform(-2, 2, 2, 3, 5, 6);
        Tensor g = Tensor.uniform(-2, 2, 2, 3, 5, 6);
        Tensor y = m.forward(x);
        assertTrue(y.sharesStorageWith(x), "the output is the input");
        assertEquals(0.0, y.maxAbsDiff(x));
        Tensor term = m.backward(x, x.zerosLike()).clone();
        Tensor full = m.backward(x, g);
        assertTrue(full.maxAbsDiff(term.add(g)) < 1e-15);
        assertEquals(0.0, new TotalVariation(0).backward(x, g).maxAbsDiff(g), "strength 0: the identity");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TotalVariation(Double.NaN));
        TotalVariation m = new TotalVariation(1);
        Tensor x = Tensor.zeros(1, 3, 4, 4);
        m.forward(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.backward(x, Tensor.zeros(1, 3, 4, 3)));
        assertEquals("nn.TotalVariation: gradOutput of size [1, 3, 4, 3] does not match the input of size [1, 3, 4, 4]",
                e.getMessage());
    }
}
