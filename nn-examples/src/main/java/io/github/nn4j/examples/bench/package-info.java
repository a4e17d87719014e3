/**
 * Benchmarks:
 * <ul>
 *   <li>{@link io.github.nn4j.examples.bench.TrainStepBenchmark} (JMH) times one training step
 *       ({@link io.github.nn4j.examples.bench.TrainStep}) of three MLP workloads, and
 *       {@link io.github.nn4j.examples.bench.BenchCommand} ({@code nn4j bench}) runs it through
 *       JMH's API and prints examples per second;</li>
 *   <li>{@link io.github.nn4j.examples.bench.GemmBench} ({@code nn4j bench gemm}) and
 *       {@link io.github.nn4j.examples.bench.GemmBenchmark} (JMH) compare the matrix-product
 *       facade {@link io.github.nn4j.linalg.Gemm} with plain EJML over the shapes listed in
 *       {@link io.github.nn4j.examples.bench.GemmShape}.</li>
 * </ul>
 */
package io.github.nn4j.examples.bench;
