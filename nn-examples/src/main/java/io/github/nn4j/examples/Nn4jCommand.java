package io.github.nn4j.examples;

import java.util.concurrent.Callable;

import io.github.nn4j.examples.bench.BenchCommand;
import io.github.nn4j.examples.lecture.LectureCommand;
import io.github.nn4j.examples.train.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nn4j} command line: the entry point of {@code nn-examples/target/nn4j.jar}.
 *
 * <p>Subcommands are added by the issues that build them (training, the lecture, the {@code .t7}
 * tools, benchmarks). Without a subcommand it prints its usage.
 */
@Command(name = "nn4j", mixinStandardHelpOptions = true, version = "nn4j 0.1.0-SNAPSHOT",
        subcommands = {TrainCommand.class, LectureCommand.class, BenchCommand.class, Torch7Command.class},
        description = "nn4j: Lua Torch7's nn in pure Java. Train, inspect and check neural networks.")
public final class Nn4jCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /**
     * Runs the command line and returns its exit code (for tests).
     *
     * @param args the command-line arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /**
     * Runs the command line with the given output streams and returns its exit code.
     *
     * @param out where normal output goes
     * @param err where errors go
     * @param args the command-line arguments
     * @return the exit code
     */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return commandLine().setOut(out).setErr(err).execute(args);
    }

    /**
     * The command line with nn4j's handling of usage errors: one line on stderr naming the
     * command and the problem, and exit code 2 (no usage dump; {@code --help} shows it).
     *
     * @return a new command line
     */
    static CommandLine commandLine() {
        return new CommandLine(new Nn4jCommand()).setParameterExceptionHandler(Nn4jCommand::usageError);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String name = cmd.getCommandSpec().qualifiedName();
        String message = String.valueOf(e.getMessage()).replace('\n', ' ').strip();
        cmd.getErr().println(name + ": " + message + " (see '" + name + " --help')");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * The {@code java -jar nn4j.jar} entry point: matrix products use every core
     * ({@code Gemm.setNumThreads}), then the command runs.
     *
     * @param args the command-line arguments
     */
    public static void main(String[] args) {
        // the library multiplies on one thread by default; the command line uses every core
        io.github.nn4j.linalg.Gemm.setNumThreads(Runtime.getRuntime().availableProcessors());
        System.exit(run(args));
    }
}
