package io.github.nn4j.examples.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of one {@link TrainStep} (forward, cross-entropy, zeroGradParameters, backward,
 * SGD update) for each {@link TrainStep.Workload}, in steps per second. Examples per second are
 * steps per second times the workload's batch size ({@code nn4j bench} prints both).
 *
 * <p>Run it through {@code java -jar nn-examples/target/nn4j.jar bench} or with JMH's own runner:
 * {@code java -cp nn-examples/target/nn4j.jar org.openjdk.jmh.Main TrainStepBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TrainStepBenchmark {

    /** The workload name, see {@link TrainStep.Workload}. */
    @Param({"tiny", "mnist", "wide"})
    public String workload;

    /** Threads for the matrix products ({@code Gemm.setNumThreads}); 1 by default. */
    @Param({"1"})
    public int threads;

    /**
     * Whether the first layer also computes the gradient of the input (Torch's default; PyTorch's
     * baseline skips it); see {@link TrainStep}.
     */
    @Param({"false"})
    public boolean inputGrad;

    /** The precision of the products ({@code Gemm.setPrecision}): {@code FLOAT64} by default. */
    @Param({"FLOAT64"})
    public String precision;

    private TrainStep step;

    /** Builds the network and batch of the workload. */
    @Setup(Level.Trial)
    public void setUp() {
        io.github.nn4j.linalg.Gemm.setNumThreads(threads);
        io.github.nn4j.linalg.Gemm.setPrecision(io.github.nn4j.linalg.Precision.valueOf(precision));
        step = new TrainStep(TrainStep.Workload.valueOf(workload), 1, inputGrad);
    }

    /**
     * One training step.
     *
     * @return the loss, so the work cannot be eliminated
     */
    @Benchmark
    public double trainStep() {
        return step.step();
    }
}
