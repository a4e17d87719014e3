package io.github.nn4j.examples.lecture;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nn4j lecture [N] [--draw DIR]}: runs the backpropagation lecture's examples (all, or
 * example N) and prints values and gradients next to the lecture's numbers; with
 * {@code --draw}, also writes each example's graph as PNG and Graphviz DOT into DIR.
 */
@Command(name = "lecture", mixinStandardHelpOptions = true,
        description = "Runs the backpropagation lecture's worked examples (1-6) and prints values and gradients"
                + " next to the lecture's numbers.")
public final class LectureCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "N", description = "the example to run, 1 to 6 (default: all)")
    Integer example;

    @Option(names = "--draw", paramLabel = "DIR",
            description = "also draw the graphs into DIR as lecture-exampleN.png and lecture-exampleN.dot")
    Path drawDir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (example != null && (example < 1 || example > Lecture.count())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no lecture example " + example + "; the examples are 1 to " + Lecture.count());
        }
        if (example == null) {
            Lecture.runAll(out);
        } else {
            Lecture.run(example, out);
        }
        if (drawDir != null) {
            for (Path p : Lecture.draw(example == null ? 0 : example, drawDir)) {
                out.println("wrote " + p);
            }
        }
        out.flush();
        return 0;
    }
}
