package io.github.nn4j.examples.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import io.github.nn4j.linalg.Gemm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nn4j bench gemm}: for every product of the three benchmark workloads, one line with the
 * shape, the GFLOPS of nn4j's {@link Gemm} and of plain EJML measured in the same run, and their
 * ratio ({@link GemmBench}); with {@code --scaling N}, the three wide key shapes on one and on
 * {@code N} threads and the speedup ({@link GemmBench#scaling}).
 */
@Command(name = "gemm", mixinStandardHelpOptions = true,
        description = {"Matrix-product speed: nn4j's GEMM against EJML on the workload shapes (GFLOPS, ratio).",
            "Run the JVM with --add-modules jdk.incubator.vector for the Vector API kernel."})
public final class GemmCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--threads", description = "threads for the products (default: ${DEFAULT-VALUE})",
            defaultValue = "1")
    int threads;

    @Option(names = "--seconds", description = "measuring time per shape and kernel (default: ${DEFAULT-VALUE})",
            defaultValue = "0.6")
    double seconds;

    @Option(names = "--precision", paramLabel = "float64|float32", converter = io.github.nn4j.examples.PrecisionConverter.class,
            description = "Precision of nn4j's products (EJML stays float64) (default: float64).")
    io.github.nn4j.linalg.Precision precision = io.github.nn4j.linalg.Precision.FLOAT64;

    @Option(names = "--precision-speedup",
            description = "instead: time every shape in float64 and in float32, alternately, and print the speedup and the float32 error")
    boolean precisionSpeedup;

    @Option(names = "--scaling", paramLabel = "N",
            description = "instead: time the three wide key shapes on 1 and on N threads, alternately, and print the speedup")
    Integer scaling;

    @Override
    public Integer call() {
        if (threads < 1 || !(seconds > 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--threads must be at least 1 and --seconds positive");
        }
        if (scaling != null && scaling < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scaling needs at least 2 threads");
        }
        int before = Gemm.numThreads();
        io.github.nn4j.linalg.Precision beforePrecision = Gemm.precision();
        Gemm.setNumThreads(threads);
        Gemm.setPrecision(precision);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                if (precisionSpeedup) {
                    GemmBench.precisionSpeedup(ps, GemmShape.WORKLOADS, seconds);
                } else if (scaling != null) {
                    GemmBench.scaling(ps, GemmShape.WIDE_KEY, seconds, scaling);
                } else {
                    GemmBench.run(ps, GemmShape.WORKLOADS, seconds);
                }
            }
            spec.commandLine().getOut().print(bytes.toString(StandardCharsets.UTF_8));
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            Gemm.setNumThreads(before);
            Gemm.setPrecision(beforePrecision);
        }
    }
}
