package io.github.nn4j.examples.bench;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nn4j bench load}: the time to load a large {@code .t7} model ({@link T7LoadBenchmark}) as
 * the file's objects and as a module, against the time to read its bytes, measured with JMH.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Load time of a large .t7 model (a Sequential of Linear(1024, 1024), FloatTensor and "
                + "DoubleTensor files) against reading its bytes, measured with JMH: Files.readAllBytes, "
                + "Torch7.load (the file's objects) and T7Bridge.loadModule (the nn4j module), ms per load."})
public final class LoadCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--size", paramLabel = "MB", description = "File size in megabytes (default: ${DEFAULT-VALUE}).")
    int sizeMb = 100;

    @Option(names = "--type", split = ",", paramLabel = "T[,T...]",
            description = "Stored tensor types: float, double (default: both).")
    List<String> types = List.of("float", "double");

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up iterations (default: ${DEFAULT-VALUE}).")
    int warmup = 3;

    @Option(names = "--iterations", paramLabel = "N", description = "Measured iterations (default: ${DEFAULT-VALUE}).")
    int iterations = 5;

    @Option(names = "--time", paramLabel = "SECONDS", description = "Seconds per iteration (default: ${DEFAULT-VALUE}).")
    int seconds = 2;

    @Option(names = "--forks", paramLabel = "N", description = "JMH forks; 0 runs in this JVM (default: ${DEFAULT-VALUE}).")
    int forks = 1;

    @Option(names = "--quiet", description = "Hide JMH's own progress output.")
    boolean quiet;

    @Override
    public Integer call() throws RunnerException {
        if (sizeMb < 1 || warmup < 0 || iterations < 1 || seconds < 1 || forks < 0 || types.isEmpty()
                || !List.of("float", "double").containsAll(types)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "need --size >= 1, --warmup >= 0, "
                    + "--iterations >= 1, --time >= 1, --forks >= 0 and --type float and/or double");
        }
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(T7LoadBenchmark.class.getName() + "\\.(readBytes|loadObjects|loadModule)")
                .param("type", types.toArray(String[]::new))
                .param("sizeMb", Integer.toString(sizeMb))
                .forks(forks)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.seconds(seconds))
                .verbosity(quiet ? VerboseMode.SILENT : VerboseMode.NORMAL)
                .build()).run();
        print(spec.commandLine().getOut(), results);
        return 0;
    }

    private void print(PrintWriter out, Collection<RunResult> results) {
        Map<String, Map<String, Result<?>>> byType = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            String method = label.substring(label.lastIndexOf('.') + 1);
            byType.computeIfAbsent(r.getParams().getParam("type"), k -> new LinkedHashMap<>())
                    .put(method, r.getPrimaryResult());
        }
        out.printf(Locale.ROOT, "loading a %d MB .t7 model (Sequential of Linear(1024, 1024)); Java %s, %d processors; "
                + "ms per load (± 99.9%%)%n", sizeMb, Runtime.version(), Runtime.getRuntime().availableProcessors());
        out.printf(Locale.ROOT, "%-7s %18s %18s %18s %10s%n", "type", "read bytes", "Torch7.load", "loadModule",
                "module/read");
        for (Map.Entry<String, Map<String, Result<?>>> e : byType.entrySet()) {
            Result<?> read = e.getValue().get("readBytes");
            Result<?> objects = e.getValue().get("loadObjects");
            Result<?> module = e.getValue().get("loadModule");
            out.printf(Locale.ROOT, "%-7s %18s %18s %18s %10s%n", e.getKey(), cell(read), cell(objects), cell(module),
                    read == null || module == null ? "-"
                            : String.format(Locale.ROOT, "%.2f", module.getScore() / read.getScore()));
        }
        out.flush();
    }

    private static String cell(Result<?> r) {
        if (r == null) {
            return "-";
        }
        double err = r.getScoreError();
        return String.format(Locale.ROOT, "%.1f ± %.1f", r.getScore(), Double.isNaN(err) ? 0 : err);
    }
}
