/**
 * Benchmarks of the matrix-product facade {@link io.github.nn4j.linalg.Gemm} against plain EJML:
 * {@link io.github.nn4j.examples.bench.GemmBench} (a quick table for the command line) and
 * {@link io.github.nn4j.examples.bench.GemmBenchmark} (the JMH benchmark), both over the shapes
 * listed in {@link io.github.nn4j.examples.bench.GemmShape}.
 */
package io.github.nn4j.examples.bench;
