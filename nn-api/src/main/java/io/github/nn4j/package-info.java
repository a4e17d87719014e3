/**
 * The core of nn4j, a pure-Java clone of Lua Torch7's {@code nn}: {@link io.github.nn4j.Tensor}
 * and {@link io.github.nn4j.Table} (the sealed {@link io.github.nn4j.Data}),
 * {@link io.github.nn4j.Module}, {@link io.github.nn4j.Container},
 * {@link io.github.nn4j.Criterion}, {@link io.github.nn4j.Parameter} and Torch's random generator
 * {@link io.github.nn4j.TorchRandom}.
 */
package io.github.nn4j;
