/**
 * Benchmarks: {@link io.github.nn4j.examples.bench.TrainStepBenchmark} (JMH) times one training
 * step ({@link io.github.nn4j.examples.bench.TrainStep}) of three MLP workloads, and
 * {@link io.github.nn4j.examples.bench.BenchCommand} ({@code nn4j bench}) runs it through JMH's
 * API and prints examples per second.
 */
package io.github.nn4j.examples.bench;
