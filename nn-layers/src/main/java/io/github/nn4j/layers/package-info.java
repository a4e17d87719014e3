/**
 * The simple layers of Torch {@code nn}, one class per Torch module and named as in Torch:
 * {@link io.github.nn4j.layers.Linear}, the element-wise transfer functions
 * ({@link io.github.nn4j.layers.ReLU}, {@link io.github.nn4j.layers.Threshold},
 * {@link io.github.nn4j.layers.Sigmoid}, {@link io.github.nn4j.layers.Tanh}), the learnable
 * scalings and biases ({@link io.github.nn4j.layers.Add}, {@link io.github.nn4j.layers.Mul},
 * {@link io.github.nn4j.layers.CMul}, {@link io.github.nn4j.layers.MulConstant}),
 * {@link io.github.nn4j.layers.SoftMax}, {@link io.github.nn4j.layers.LogSoftMax},
 * {@link io.github.nn4j.layers.Identity} and {@link io.github.nn4j.layers.Dropout}.
 *
 * <p>Every layer computes exactly what Lua Torch7 computes (verified against files written by
 * real Torch, see the golden tests), initialises its parameters by drawing from
 * {@link io.github.nn4j.TorchRandom#global()} in Torch's order (so
 * {@code TorchRandom.manualSeed(s)} followed by a constructor gives the weights of
 * {@code torch.manualSeed(s)} followed by the same constructor in Lua), and reuses its
 * {@code output}/{@code gradInput} buffers: a training step of a steady batch size allocates
 * nothing. Matrix products go through {@link io.github.nn4j.linalg.Gemm}; element-wise layers
 * are single loops over the backing arrays.
 *
 * <p>Batch mode means the first dimension is the batch, as in Torch. Indices are 0-based.
 */
package io.github.nn4j.layers;
