package io.github.nn4j.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.testing.TorchGolden2;

/**
 * The torch-golden-2 criterion cases through the <em>criterion API</em>: each Java criterion is
 * built with its Java constructor from the case's Lua expression (manifest {@code torch} and
 * {@code then}), the Lua target is converted by hand (1-based labels minus 1, a number as a
 * 1-element tensor), and the loss and gradInput must match Torch's {@code expected.t7} at
 * relative 1e-12. (The {@code .t7} bridge is {@link TorchGolden2CriteriaBridgeTest}'s business.)
 */
class TorchGolden2CriteriaTest {

    /** The weights of the cases, as the manifest's Lua expressions give them. */
    private static final Tensor MLSM_W = Tensor.of(1.9773666636901908, 0.728820811433252, 1.3438346338225529,
            1.5566566932830028);
    private static final Tensor SCNLL_W = Tensor.of(1.1561337255407125, 1.1709543887409382, 1.499761383398436,
            1.2540268885204569);
    private static final Tensor WMSE_W = Tensor.of(1.1981551290373318, 1.4055598020204343, 1.0507542532868683,
            1.0643369847675785, 1.2972460048040375, 0.5933175921672955);

    /** How a case's Java criterion is built, and whether its target holds 1-based labels. */
    record Built(Criterion<?, ?> criterion, boolean labels) {
    }

    static Built build(String name) {
        return switch (name) {
            case "abs" -> new Built(new AbsCriterion(), false);
            case "abs_nosizeavg" -> new Built(new AbsCriterion(false), false);
            case "smoothl1" -> new Built(new SmoothL1Criterion(), false);
            case "smoothl1_nosizeavg" -> new Built(new SmoothL1Criterion(false), false);
            case "distkldiv" -> new Built(new DistKLDivCriterion(), false);
            case "distkldiv_nosizeavg" -> new Built(new DistKLDivCriterion().setSizeAverage(false), false);
            case "margin" -> new Built(new MarginCriterion(0.7), false);
            case "margin_default_nosizeavg" -> new Built(new MarginCriterion().setSizeAverage(false), false);
            case "softmargin" -> new Built(new SoftMarginCriterion(), false);
            case "softmargin_nosizeavg" -> new Built(new SoftMarginCriterion().setSizeAverage(false), false);
            case "hingeembedding" -> new Built(new HingeEmbeddingCriterion(), false);
            case "hingeembedding_margin_nosizeavg" ->
                new Built(new HingeEmbeddingCriterion(0.7).setSizeAverage(false), false);
            case "l1hingeembedding_pos" -> new Built(new L1HingeEmbeddingCriterion(), false);
            case "l1hingeembedding_neg" -> new Built(new L1HingeEmbeddingCriterion(4.5), false);
            case "cosineembedding" -> new Built(new CosineEmbeddingCriterion(), false);
            case "cosineembedding_margin_nosizeavg" ->
                new Built(new CosineEmbeddingCriterion(0.2).setSizeAverage(false), false);
            case "marginranking" -> new Built(new MarginRankingCriterion(), false);
            case "marginranking_margin_nosizeavg" ->
                new Built(new MarginRankingCriterion(0.7).setSizeAverage(false), false);
            case "multilabelmargin" -> new Built(new MultiLabelMarginCriterion(), true);
            case "multilabelmargin_nosizeavg" -> new Built(new MultiLabelMarginCriterion().setSizeAverage(false), true);
            case "multilabelsoftmargin" -> new Built(new MultiLabelSoftMarginCriterion(), false);
            case "multilabelsoftmargin_weights" -> new Built(new MultiLabelSoftMarginCriterion(MLSM_W), false);
            case "multilabelsoftmargin_nosizeavg" -> new Built(new MultiLabelSoftMarginCriterion(null, false), false);
            case "multicriterion" -> new Built(new MultiCriterion().add(new MSECriterion(), 0.5).add(new AbsCriterion())
                    .add(new SmoothL1Criterion(false), 2), false);
            case "parallelcriterion" -> new Built(new ParallelCriterion().add(new MSECriterion(), 0.3)
                    .add(new ClassNLLCriterion()), false);
            case "parallelcriterion_repeat" -> new Built(new ParallelCriterion(true).add(new MSECriterion())
                    .add(new AbsCriterion(), 0.5), false);
            case "classsimplex" -> new Built(new ClassSimplexCriterion(4), true);
            case "classsimplex_nosizeavg" -> new Built(new ClassSimplexCriterion(4).setSizeAverage(false), true);
            case "spatialclassnll" -> new Built(new SpatialClassNLLCriterion(), true);
            case "spatialclassnll_weights" -> new Built(new SpatialClassNLLCriterion(SCNLL_W), true);
            case "spatialclassnll_nosizeavg" -> new Built(new SpatialClassNLLCriterion(SCNLL_W, false), true);
            case "l1cost" -> new Built(new L1Cost(), false);
            case "weightedmse" -> new Built(new WeightedMSECriterion(WMSE_W), false);
            case "weightedmse_nosizeavg" -> new Built(new WeightedMSECriterion(WMSE_W).setSizeAverage(false), false);
            default -> null;
        };
    }

    static java.util.List<TorchGolden2.Case> cases() {
        return TorchGolden2.cases("criterion").stream().filter(c -> build(c.name()) != null).toList();
    }

    /** Lua's 1-based labels minus one, by hand. */
    private static Tensor minusOne(Tensor t) {
        Tensor out = t.deepCopy();
        for (int i = 0; i < out.numel(); i++) {
            out.data()[i] -= 1;
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void matchesTorchThroughTheJavaApi(TorchGolden2.Case c) {
        Built b = build(c.name());
        Criterion<Data, Data> crit = (Criterion<Data, Data>) b.criterion();
        Data input = (Data) c.load("input.t7");
        Object raw = c.load("target.t7");
        Data target = raw instanceof Double d ? Tensor.of(d) : (Data) raw;
        if (b.labels()) {
            target = minusOne((Tensor) target);
        }
        if (c.name().equals("parallelcriterion")) {
            Table t = (Table) target;
            target = Table.of(t.get(0), minusOne(t.tensor(1)));
        }
        Map<Object, Object> expected = c.expected();
        double loss = crit.forward(input, target);
        Data gi = crit.backward(input, target);
        TorchGolden2.assertClose((Double) expected.get("loss"), loss, c.rel(), c + " loss");
        TorchGolden2.assertClose((Data) expected.get("gradInput"), gi, c.rel(), c + " gradInput");
    }

    /** Every criterion case of the manifest has a Java construction here. */
    @Test
    void everyCriterionCaseIsBuilt() {
        Set<String> missing = new TreeSet<>();
        for (TorchGolden2.Case c : TorchGolden2.cases("criterion")) {
            if (build(c.name()) == null) {
                missing.add(c.name());
            }
        }
        assertEquals(Set.of(), missing);
    }
}
