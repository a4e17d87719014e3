package io.github.nn4j.examples.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code nn4j bench}: training-step throughput. Runs {@link TrainStepBenchmark} through JMH's API
 * (one fork, a few short iterations) for the chosen workloads and prints, per workload, steps per
 * second and examples per second (steps × batch size) with JMH's 99.9 % error bound and, with
 * {@code --prof-gc}, the bytes allocated per step. The first layer skips its gradInput unless
 * {@code --input-grad} is given (see {@link TrainStep}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {GemmCommand.class, LoadCommand.class},
        description = {"Training-step throughput (forward, CrossEntropy, zeroGradParameters, backward, SGD update) "
                + "of three MLPs and two CNNs, measured with JMH: tiny 2-100-3 batch 300, mnist 784-256-10 batch 64, "
                + "wide 784-1024-1024-10 batch 256, lenet (LeNet-5 on 1x28x28) batch 64, resnet20 (CIFAR-10 "
                + "ResNet-20 on 3x32x32, BatchNorm in training mode) batch 32, as pytorch_cnn.py. The first layer skips the gradient of its input, as "
                + "PyTorch's baseline does (--input-grad computes it).", "Prints examples per second per workload."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--workload", split = ",", paramLabel = "W[,W...]",
            description = "Workloads: ${COMPLETION-CANDIDATES} (default: all).")
    List<TrainStep.Workload> workloads = new ArrayList<>(List.of(TrainStep.Workload.values()));

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmup = 3;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
    int iterations = 5;

    @Option(names = "--time", paramLabel = "SECONDS", description = "Seconds per iteration (default: ${DEFAULT-VALUE}).")
    int seconds = 1;

    @Option(names = "--forks", paramLabel = "N", description = "JMH forks; 0 runs in this JVM (default: ${DEFAULT-VALUE}).")
    int forks = 1;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the matrix products (default: ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--precision", paramLabel = "float64|float32", converter = io.github.nn4j.examples.PrecisionConverter.class,
            description = io.github.nn4j.examples.PrecisionConverter.DESCRIPTION)
    io.github.nn4j.linalg.Precision precision = io.github.nn4j.linalg.Precision.FLOAT64;

    @Option(names = "--input-grad", description = "The first layer also computes the gradient of the input, as a "
            + "plain Torch Sequential does (by default it skips it, like PyTorch's baseline, whose input needs no gradient).")
    boolean inputGrad;

    @Option(names = "--prof-gc", description = "Also measure the allocation per step (JMH's gc profiler).")
    boolean profGc;

    @Option(names = "--quiet", description = "Hide JMH's own progress output.")
    boolean quiet;

    @Override
    public Integer call() throws RunnerException {
        if (threads < 1 || warmup < 0 || iterations < 1 || seconds < 1 || forks < 0 || workloads.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "need --warmup >= 0, --iterations >= 1, --time >= 1, "
                    + "--forks >= 0, --threads >= 1 and at least one --workload");
        }
        String[] names = workloads.stream().map(Enum::name).distinct().toArray(String[]::new);
        ChainedOptionsBuilder opts = new OptionsBuilder()
                .include(TrainStepBenchmark.class.getName() + ".trainStep")
                .param("workload", names)
                .param("threads", Integer.toString(threads))
                .param("inputGrad", Boolean.toString(inputGrad))
                .param("precision", precision.name())
                .forks(forks)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .verbosity(quiet ? VerboseMode.SILENT : VerboseMode.NORMAL);
        if (profGc) {
            opts.addProfiler("gc");
        }
        Collection<RunResult> results = new Runner(opts.build()).run();
        print(spec.commandLine().getOut(), results);
        return 0;
    }

    private void print(PrintWriter out, Collection<RunResult> results) {
        // what the benchmark really ran with, as JMH reports its parameters
        boolean ranWithInputGrad = results.stream().findFirst()
                .map(r -> Boolean.parseBoolean(r.getParams().getParam("inputGrad"))).orElse(inputGrad);
        out.printf(Locale.ROOT, "training step: forward, CrossEntropy, zeroGradParameters, backward (%s), SGD update; "
                + "%d thread(s), %s products; Java %s, %d processors%n",
                ranWithInputGrad ? "with the first layer's gradInput" : "first layer without gradInput, as PyTorch",
                threads, precision.name().toLowerCase(Locale.ROOT), Runtime.version(), Runtime.getRuntime().availableProcessors());
        // the median beside JMH's mean: pytorch_mlp.py reports the median of its repetitions, and on a
        // shared machine one slow iteration moves the mean much more than the median
        out.printf(Locale.ROOT, "%-8s %-27s %12s %14s %10s %14s %10s%s%n", "name", "network", "steps/s", "examples/s",
                "± (99.9%)", "median ex/s", "GFLOPS", profGc ? "    bytes/step" : "");
        for (RunResult r : results) {
            TrainStep.Workload w = TrainStep.Workload.valueOf(r.getParams().getParam("workload"));
            Result<?> primary = r.getPrimaryResult();
            double steps = primary.getScore();
            double error = primary.getScoreError();
            double median = primary.getStatistics().getPercentile(50);
            String alloc = "";
            if (profGc) {
                for (String key : r.getSecondaryResults().keySet()) {
                    if (key.endsWith("gc.alloc.rate.norm")) {
                        Result<?> bytes = r.getSecondaryResults().get(key);
                        alloc = String.format(Locale.ROOT, " %13.0f", bytes.getScore());
                    }
                }
            }
            double mflop = new TrainStep(w, 1, ranWithInputGrad).mflopPerStep();
            out.printf(Locale.ROOT, "%-8s %-27s %12.1f %14.0f %10.0f %14.0f %10.2f%s%n", w.name(), w.describe(), steps,
                    steps * w.batch(), Double.isNaN(error) ? 0 : error * w.batch(), median * w.batch(),
                    mflop * steps / 1000, alloc);
        }
        out.flush();
    }
}
