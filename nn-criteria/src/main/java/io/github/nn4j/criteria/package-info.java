/**
 * The loss functions of Torch {@code nn}, one class per Torch criterion:
 * {@link io.github.nn4j.criteria.ClassNLLCriterion}, {@link io.github.nn4j.criteria.CrossEntropyCriterion},
 * {@link io.github.nn4j.criteria.MultiMarginCriterion}, {@link io.github.nn4j.criteria.MSECriterion} and
 * {@link io.github.nn4j.criteria.BCECriterion}.
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
 */
package io.github.nn4j.criteria;
