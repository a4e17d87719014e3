/**
 * Torch's {@code nn} layers, gates and containers, one class per Torch module and named as in
 * Torch; here also nngraph's computational graph, {@link io.github.nn4j.layers.Graph}
 * ({@code nn.gModule}), and the element-wise functions a backpropagation lecture builds its
 * circuits from ({@link io.github.nn4j.layers.Square}, {@link io.github.nn4j.layers.Power},
 * {@link io.github.nn4j.layers.Exp}, {@link io.github.nn4j.layers.Log},
 * {@link io.github.nn4j.layers.AddConstant}, {@link io.github.nn4j.layers.Abs},
 * {@link io.github.nn4j.layers.Sqrt}).
 *
 * <p>Every module follows the {@link io.github.nn4j.Module} contract: output and gradInput
 * buffers owned by the module and reused from call to call, accumulating parameter gradients,
 * 0-based indices, and an {@link java.lang.IllegalArgumentException} naming the module and both
 * shapes for a wrong input.
 */
package io.github.nn4j.layers;
