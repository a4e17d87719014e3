package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.SharedFixtures;
import io.github.nn4j.testing.TorchGolden2;
import io.github.nn4j.testing.TorchGolden3;
import io.github.nn4j.torch7.T7Bridge;

/**
 * A guard on the eight {@code nn.InstanceNormalization} cases of {@code torch-golden-3} that
 * {@code TorchGolden3} leaves out of its {@code FOREIGN} list: it passes while their
 * {@code expected.t7} still holds the wrong formula and fails, saying so, once the set is
 * corrected, so that the cases are moved into {@code TorchGolden3.FOREIGN} (and this test removed).
 *
 * <p><b>The defect.</b> Their {@code expected.t7} is an evaluation-mode batch normalisation with
 * fresh running statistics (running_mean 0, running_var 1):
 * <pre>
 *   output = x·w_c/√(1 + eps) + b_c,   gradInput = g·w_c/√(1 + eps),
 *   gradWeight_c = Σ_{n,h,w} g·x/√(1 + eps),   gradBias_c = Σ_{n,h,w} g
 * </pre>
 * ({@code w = 1}, {@code b = 0} when not affine), not the per-instance normalisation
 * {@code (x − mean_nc)/√(var_nc + eps)·w_c + b_c} of {@link InstanceNormalization}. The evidence that
 * the files, not nn4j, are wrong: both Lua classes (fast-neural-style's
 * {@code fast_neural_style/InstanceNormalization.lua} and CycleGAN's
 * {@code util/InstanceNormalization.lua}) call their inner {@code bn:training()} before every forward,
 * so its running statistics never enter the output; the set's own README and the manifest's notes
 * describe per-instance statistics and say that {@code evaluate()} changes nothing; and the used
 * files ({@code instnorm_jj_used}, {@code instnorm_jj_b1}, {@code instnorm_cyclegan_used_eval}),
 * whose inner {@code bn} ({@code train = true}, momentum 0.1) went through {@code G3.use}'s training
 * forward, still store running_mean 0 and running_var 1 in it (and CycleGAN's outer running_mean,
 * momentum 0.1, is 0 too), which one training forward would have moved.
 * {@link InstanceNormalizationReferenceTest} checks nn4j's class against PyTorch's
 * {@code instance_norm} instead.
 *
 * <p>Per case: (a) nn4j's output differs from {@code expected.t7}'s by far more than the set's
 * tolerance (the defect is still there); (b) for the seven single-module cases, {@code expected.t7}'s
 * output, gradInput and parameter gradients are the formulas above, computed here from
 * {@code input.t7}, {@code gradOutput.t7} and the model's weight, bias and eps, at relative 1e-10
 * (plus the set's absolute tolerance).
 * {@code fast_neural_style_in} (a whole transformer network) gets (a) only.
 */
class TorchGolden3InstanceNormDefectTest {

    /** The cases; {@code fast_neural_style_in} is a network, the others one module. */
    private static final List<String> NAMES = List.of("instnorm_jj", "instnorm_jj_b1", "instnorm_jj_eval",
            "instnorm_jj_used", "instnorm_cyclegan", "instnorm_cyclegan_noaffine", "instnorm_cyclegan_used_eval",
            "fast_neural_style_in");

    /** Tolerance of (b): the set's normalisation tolerance. */
    private static final double REL = 1e-10;

    /** (a): nn4j's output must be off by more than this, relative to the largest output magnitude. */
    private static final double FAR = 1e-3;

    private static Path root() {
        return SharedFixtures.requireDir("fixtures/torch-golden-3");
    }

    static List<TorchGolden2.Case> cases() {
        return TorchGolden2.casesIn(root(), "module").stream().filter(c -> NAMES.contains(c.name())).toList();
    }

    private static String moveIt(TorchGolden2.Case c) {
        return "torch-golden-3's " + c + " now matches nn4j: move it into TorchGolden3.FOREIGN";
    }

    private static String formulaGone(TorchGolden2.Case c, String what) {
        return "torch-golden-3's " + c + " " + what + " is no longer the evaluation-mode formula"
                + " x*w/sqrt(1+eps)+b: the set has changed; if nn4j now matches it, move it into"
                + " TorchGolden3.FOREIGN and delete this test";
    }

    @Test
    void theSetStillHasTheEightCases() {
        Path root = root();
        for (String name : NAMES) {
            assertTrue(Files.isRegularFile(root.resolve(name).resolve("expected.t7")),
                    "torch-golden-3 has no case " + name + " any more: update this test and TorchGolden3.FOREIGN");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nn4jStillDiffersFromTheFixture(TorchGolden2.Case c) throws IOException {
        Module<?, ?> m = T7Bridge.loadModule(c.file("model.t7"));
        Tensor expected = (Tensor) c.expected().get("output");
        Tensor got = (Tensor) TorchGolden2BridgeTest.run(m, c).output();
        double scale = expected.clone().abs().max();
        assertTrue(got.maxAbsDiff(expected) > FAR * scale, moveIt(c) + " (largest difference "
                + got.maxAbsDiff(expected) + ", output magnitude " + scale + ")");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theFixtureIsAnEvaluationModeBatchNormalisation(TorchGolden2.Case c) throws IOException {
        if (c.name().equals("fast_neural_style_in")) {
            return;
        }
        InstanceNormalization m = assertInstanceOf(InstanceNormalization.class, T7Bridge.loadModule(c.file("model.t7")),
                c + ": model.t7");
        Tensor x = (Tensor) c.load("input.t7");
        Tensor g = (Tensor) c.load("gradOutput.t7");
        int planes = m.nOutput();
        assertEquals(4, x.dim(), c + ": input.t7 is a batch");
        int inner = x.size(2) * x.size(3);
        double[] w = new double[planes];
        double[] b = new double[planes];
        if (m.isAffine()) {
            w = m.parameters().get(0).value().data().clone();
            b = m.parameters().get(1).value().data().clone();
        } else {
            Arrays.fill(w, 1);
        }
        double k = 1 / Math.sqrt(1 + m.eps());
        Tensor y = x.zerosLike();
        Tensor gi = x.zerosLike();
        Tensor gw = Tensor.zeros(planes);
        Tensor gb = Tensor.zeros(planes);
        double[] xd = x.data();
        double[] gd = g.data();
        for (int i = 0; i < x.numel(); i++) {
            int p = (i / inner) % planes;
            y.data()[i] = xd[i] * w[p] * k + b[p];
            gi.data()[i] = gd[i] * w[p] * k;
            gw.data()[p] += gd[i] * xd[i] * k;
            gb.data()[p] += gd[i];
        }
        Map<Object, Object> expected = c.expected();
        TorchGolden2.assertClose((Data) expected.get("output"), y, REL, formulaGone(c, "output"));
        TorchGolden2.assertClose((Data) expected.get("gradInput"), gi, REL, formulaGone(c, "gradInput"));
        Table grads = TorchGolden2.table(expected.get("gradParams"));
        assertEquals(m.isAffine() ? 2 : 0, grads.size(), formulaGone(c, "gradParams"));
        if (m.isAffine()) {
            TorchGolden2.assertClose(grads.get(0), gw, REL, TorchGolden3.ABS, formulaGone(c, "gradWeight"));
            TorchGolden2.assertClose(grads.get(1), gb, REL, TorchGolden3.ABS, formulaGone(c, "gradBias"));
        }
    }
}
