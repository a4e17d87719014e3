/**
 * The loss functions of Torch {@code nn}, one class per Torch criterion:
 * <ul>
 *   <li>classification: {@link io.github.nn4j.criteria.ClassNLLCriterion},
 *       {@link io.github.nn4j.criteria.CrossEntropyCriterion}, {@link io.github.nn4j.criteria.BCECriterion},
 *       {@link io.github.nn4j.criteria.ClassSimplexCriterion}, {@link io.github.nn4j.criteria.MarginCriterion},
 *       {@link io.github.nn4j.criteria.SoftMarginCriterion}, {@link io.github.nn4j.criteria.MultiMarginCriterion},
 *       {@link io.github.nn4j.criteria.MultiLabelMarginCriterion},
 *       {@link io.github.nn4j.criteria.MultiLabelSoftMarginCriterion},
 *       {@link io.github.nn4j.criteria.SpatialClassNLLCriterion};</li>
 *   <li>regression: {@link io.github.nn4j.criteria.MSECriterion}, {@link io.github.nn4j.criteria.AbsCriterion},
 *       {@link io.github.nn4j.criteria.SmoothL1Criterion}, {@link io.github.nn4j.criteria.WeightedMSECriterion},
 *       {@link io.github.nn4j.criteria.DistKLDivCriterion}, {@link io.github.nn4j.criteria.L1Cost};</li>
 *   <li>embedding (pairs): {@link io.github.nn4j.criteria.HingeEmbeddingCriterion},
 *       {@link io.github.nn4j.criteria.L1HingeEmbeddingCriterion},
 *       {@link io.github.nn4j.criteria.CosineEmbeddingCriterion},
 *       {@link io.github.nn4j.criteria.MarginRankingCriterion};</li>
 *   <li>combinations: {@link io.github.nn4j.criteria.MultiCriterion},
 *       {@link io.github.nn4j.criteria.ParallelCriterion}.</li>
 * </ul>
 * Criteria whose input or target is a pair or a table ({@code Criterion<Table, Tensor>},
 * {@code Criterion<Table, Data>}) take a {@link io.github.nn4j.Table} and return one from
 * {@code backward}: no casts.
 *
 * <p>Every criterion computes the same numbers as Lua Torch (nn at {@code 8726825}), including its
 * averaging divisor ({@code sizeAverage}, on by default), and reuses its {@code gradInput} buffer.
 *
 * <p><b>Class labels are 0-based.</b> The classification criteria take as target a tensor of class
 * indices {@code 0 … C−1} (Lua Torch: {@code 1 … C}; subtract 1 when porting Lua code or reading a
 * Lua target), of size {@code B} for a {@code B × C} input or of one element for a {@code C} input,
 * or the same labels as plain {@code int}s through the {@code forward(input, int[])} and
 * {@code forward(input, int)} overloads. A label outside {@code [0, C)}, or one that is not an
 * integer, is an {@link java.lang.IllegalArgumentException} naming its position, its value and
 * {@code C} (Torch aborts on an assertion instead).
 *
 * <p><b>Lua Torch files.</b> Every criterion loads from and saves to Torch's {@code .t7} format
 * through {@link io.github.nn4j.torch7.T7Bridge}; each codec sits beside its criterion and
 * {@link io.github.nn4j.criteria.CriteriaT7Codecs} lists them. Criteria whose target holds Lua
 * indices implement {@link io.github.nn4j.torch7.LuaIndexed}: the bridge subtracts 1 from every
 * entry, so a class {@code k} becomes {@code k − 1}, {@code ClassNLLCriterion}'s stored
 * {@code ignoreIndex} shifts the same way, and {@code MultiLabelMarginCriterion}'s terminating Lua
 * 0 becomes −1 (PyTorch's terminator). Container criteria hand each child its own target.
 */
package io.github.nn4j.criteria;
