package io.github.nn4j.criteria;

import java.util.List;

import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7CodecProvider;

/**
 * The index of the {@code .t7} codecs of this package, found by
 * {@link io.github.nn4j.torch7.T7Bridge} through {@link java.util.ServiceLoader}. Each codec
 * lives beside its criterion ({@code X.T7}, with the Torch fields it reads and writes in its
 * javadoc; the shared helpers are in {@link LuaFields}); this class only lists them, one line
 * each.
 *
 * <p><b>ignoreIndex</b> of {@code nn.ClassNLLCriterion}: Lua compares it with 1-based labels,
 * nn4j with 0-based ones, so it shifts by one for every value, like the targets
 * ({@link LuaFields#ignoreIndexFromLua}).
 */
public final class CriteriaT7Codecs implements T7CodecProvider {

    /** The provider instance {@link java.util.ServiceLoader} creates. */
    public CriteriaT7Codecs() {
    }

    @Override
    public List<T7Codec<?>> codecs() {
        return List.of(
                MSECriterion.T7,
                BCECriterion.T7,
                MultiMarginCriterion.T7,
                ClassNLLCriterion.T7,
                CrossEntropyCriterion.T7,
                AbsCriterion.T7,
                SmoothL1Criterion.T7,
                DistKLDivCriterion.T7,
                MarginCriterion.T7,
                SoftMarginCriterion.T7,
                HingeEmbeddingCriterion.T7,
                L1HingeEmbeddingCriterion.T7,
                CosineEmbeddingCriterion.T7,
                MarginRankingCriterion.T7,
                MultiLabelMarginCriterion.T7,
                MultiLabelSoftMarginCriterion.T7,
                MultiCriterion.T7,
                ParallelCriterion.T7,
                ClassSimplexCriterion.T7,
                SpatialClassNLLCriterion.T7,
                L1Cost.T7,
                WeightedMSECriterion.T7);
    }
}
