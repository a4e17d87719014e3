package io.github.nn4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.github.nn4j.Criterion;
import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.layers.BatchNormalization;
import io.github.nn4j.onnx.OnnxExport;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.T7Tree;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nn4j torch7}: inspect and run Lua Torch7 models ({@code .t7} files, binary or ascii)
 * with nn4j, writing results that Lua Torch reads back.
 *
 * <pre>
 * nn4j torch7 info FILE                                      the module tree and parameter count
 * nn4j torch7 info --raw FILE                                the stored object tree, for any classes
 * nn4j torch7 forward MODEL INPUT OUT                        OUT = model:forward(input)
 * nn4j torch7 backward MODEL INPUT GRADOUTPUT OUT            OUT = {output=, gradInput=, gradParams={...}}
 * nn4j torch7 criterion CRITERION INPUT TARGET OUT           OUT = {loss=, gradInput=}
 * nn4j torch7 onnx MODEL OUT --input-shape 1x3x32x32 [--double]   OUT = the model as ONNX (evaluate mode)
 * </pre>
 *
 * Results are written as {@code torch.DoubleTensor}s (binary, or ascii with {@code --ascii}).
 * Models run in the mode stored in the file (Torch's {@code train} field) unless
 * {@code --evaluate} is given. Class targets are Lua's 1-based labels, as Torch saved them (a
 * number, a tensor, or a Lua array of them for a table criterion such as ParallelCriterion); they
 * are shifted to nn4j's 0-based labels here, each by the criterion that takes it. Any error prints one line
 * on stderr, naming the file and the problem, and exits with code 1 ({@code --verbose} adds the
 * stack trace).
 */
@Command(name = "torch7", mixinStandardHelpOptions = true,
        description = "Inspect and run Lua Torch7 models (.t7 files, binary or ascii).",
        subcommands = {Torch7Command.Info.class, Torch7Command.Forward.class, Torch7Command.Backward.class,
            Torch7Command.CriterionCommand.class, Torch7Command.Onnx.class})
public final class Torch7Command implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Created by picocli. */
    public Torch7Command() {
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** The options of the subcommands that write a result file. */
    static final class Output {
        @Option(names = "--ascii", description = "Write Torch's ascii encoding instead of binary.")
        boolean ascii;
    }

    /** The options of the subcommands that run a model. */
    static final class Mode {
        @Option(names = "--evaluate", description = "Run the model in evaluation mode, whatever the file says.")
        boolean evaluate;
    }

    /** A failure to report on one line: the file it concerns and what went wrong. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        Failure(Path file, String message, Throwable cause) {
            super(message, cause);
            this.file = file;
        }
    }

    /** The error handling and file access the subcommands share. */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--verbose", description = "Print the stack trace of an error.")
        boolean verbose;

        @Override
        public final Integer call() {
            try {
                run(spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (Failure f) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(oneLine(f.file + ": " + f.getMessage()));
                if (verbose) {
                    (f.getCause() != null ? f.getCause() : f).printStackTrace(err);
                }
                err.flush();
                return 1;
            }
        }

        abstract void run(PrintWriter out) throws Failure;

        static String oneLine(String s) {
            return s.replace("\r", "").replace('\n', ' ').trim();
        }

        /** Reads a file's plain objects (no conversion); every error becomes a {@link Failure} naming it. */
        static Object loadRaw(Path file) throws Failure {
            try {
                return io.github.nn4j.torch7.Torch7.load(file);
            } catch (NoSuchFileException e) {
                throw new Failure(file, "no such file", e);
            } catch (IOException | RuntimeException e) {
                throw new Failure(file, message(e), e);
            }
        }

        /** Loads and converts a file; every error becomes a {@link Failure} naming it. */
        static Object load(Path file) throws Failure {
            try {
                return T7Bridge.load(file);
            } catch (NoSuchFileException e) {
                throw new Failure(file, "no such file", e);
            } catch (IOException | RuntimeException e) {
                throw new Failure(file, message(e), e);
            }
        }

        @SuppressWarnings("unchecked")
        static Module<Data, Data> module(Path file, boolean evaluate) throws Failure {
            Object o = load(file);
            if (!(o instanceof Module<?, ?> m)) {
                throw new Failure(file, "expected an nn module, found " + describe(o), null);
            }
            if (evaluate) {
                m.evaluate();
            }
            return (Module<Data, Data>) m;
        }

        static Data data(Path file, String what) throws Failure {
            Object o = load(file);
            if (o instanceof Data d) {
                return d;
            }
            throw new Failure(file, "expected " + what + " (a tensor or a table of tensors), found " + describe(o),
                    null);
        }

        static void save(Path file, Object value, boolean ascii) throws Failure {
            try {
                T7Bridge.save(file, value, ascii);
            } catch (IOException | RuntimeException e) {
                throw new Failure(file, "cannot write: " + IoReasons.reason(e), e);
            }
        }

        static String message(Throwable e) {
            String m = e.getMessage();
            return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        }

        static String describe(Object o) {
            if (o == null) {
                return "nil";
            }
            if (o instanceof Criterion<?, ?> c) {
                return c.torchTypeName();
            }
            if (o instanceof Module<?, ?> m) {
                return m.torchTypeName();
            }
            if (o instanceof T7Object t) {
                return t.className();
            }
            if (o instanceof Double) {
                return "a number";
            }
            if (o instanceof String) {
                return "a string";
            }
            if (o instanceof Map<?, ?>) {
                return "a Lua table";
            }
            return o.getClass().getSimpleName();
        }
    }

    /** {@code nn4j torch7 info FILE}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print the module tree (as Torch prints it) and the parameter count, or the object held.")
    static final class Info extends Base {
        @Parameters(index = "0", paramLabel = "FILE", description = "A .t7 file, binary or ascii.")
        Path file;

        @Option(names = "--raw", description = "Print the file's object tree as stored, for any classes: "
                + "classes and versions, fields, tensor types and shapes; &N marks an object referenced "
                + "more than once, *N a further reference to it.")
        boolean raw;

        @Override
        void run(PrintWriter out) throws Failure {
            if (raw) {
                out.print(T7Tree.of(loadRaw(file)));
                return;
            }
            Object o;
            try {
                o = load(file);
            } catch (Failure f) {
                if (f.getCause() instanceof T7ModuleException) {
                    throw new Failure(file, f.getMessage() + " (torch7 info --raw prints the file's objects)",
                            f.getCause());
                }
                throw f;
            }
            if (o instanceof Module<?, ?> m) {
                out.println(m);
                out.println("parameters: " + m.parameterCount() + " in " + m.parameters().size() + " tensors");
            } else if (o instanceof Criterion<?, ?> c) {
                out.println(c);
            } else if (o instanceof Tensor t) {
                out.println(storedType(t.toString()));
            } else {
                out.println(plain(o));
            }
        }

        /** A tensor's printout with the type stored in the file (it is read as doubles). */
        private String storedType(String printed) throws Failure {
            try {
                if (io.github.nn4j.torch7.Torch7.load(file) instanceof T7Tensor raw) {
                    return printed.replace("torch.DoubleTensor", raw.className());
                }
                return printed;
            } catch (IOException | RuntimeException e) {
                throw new Failure(file, message(e), e);
            }
        }

        private static String plain(Object o) {
            if (o instanceof Tensor t) {
                return t.toString();
            }
            if (o instanceof Table t) {
                return "table of " + t.size() + ": " + t.shapeString();
            }
            if (o instanceof Map<?, ?> m) {
                StringBuilder sb = new StringBuilder("{");
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append("\n  ").append(key(e.getKey())).append(" : ").append(brief(e.getValue()));
                }
                return sb.append(m.isEmpty() ? "}" : "\n}").toString();
            }
            if (o instanceof Double d) {
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
            }
            return String.valueOf(o);
        }

        private static String key(Object k) {
            return k instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(k);
        }

        private static String brief(Object v) {
            if (v instanceof Tensor t) {
                return "DoubleTensor - size: " + t.shapeString();
            }
            if (v instanceof Table t) {
                return "table: " + t.shapeString();
            }
            if (v instanceof Map<?, ?> m) {
                return "table of " + m.size();
            }
            if (v instanceof Module<?, ?> || v instanceof Criterion<?, ?>) {
                return oneLine(String.valueOf(v));
            }
            if (v instanceof T7Object t) {
                return t.className();
            }
            if (v instanceof T7Tensor t) {
                return t.toString();
            }
            return plain(v);
        }
    }

    /** {@code nn4j torch7 forward MODEL INPUT OUT}. */
    @Command(name = "forward", mixinStandardHelpOptions = true,
            description = "Run model:forward(input) and write the output (tensor or table) to OUT.")
    static final class Forward extends Base {
        @Mixin
        Output output = new Output();

        @Mixin
        Mode mode = new Mode();

        @Parameters(index = "0", paramLabel = "MODEL", description = "The module (.t7).")
        Path model;

        @Parameters(index = "1", paramLabel = "INPUT", description = "The input: a tensor or a table of tensors (.t7).")
        Path input;

        @Parameters(index = "2", paramLabel = "OUT", description = "Where to write the output.")
        Path outFile;

        @Override
        void run(PrintWriter out) throws Failure {
            Module<Data, Data> m = module(model, mode.evaluate);
            Data x = T7Bridge.inputFromLua(m, data(input, "an input"));
            Data y;
            try {
                y = m.forward(x);
            } catch (RuntimeException e) {
                throw new Failure(model, "forward failed: " + message(e), e);
            }
            save(outFile, y, output.ascii);
        }
    }

    /** {@code nn4j torch7 onnx MODEL OUT --input-shape 1x3x32x32 [--double]}. */
    @Command(name = "onnx", mixinStandardHelpOptions = true,
            description = "Write the model as an ONNX model (opset " + OnnxExport.OPSET
                    + ") computing its forward in evaluation mode, for inputs of the given sizes.")
    static final class Onnx extends Base {
        @Parameters(index = "0", paramLabel = "MODEL", description = "The module (.t7).")
        Path model;

        @Parameters(index = "1", paramLabel = "OUT", description = "Where to write the .onnx file.")
        Path outFile;

        @Option(names = "--input-shape", required = true, paramLabel = "SIZES",
                description = "The input's sizes, e.g. 1x3x32x32; for a table of inputs, one per entry "
                        + "separated by commas (2x10,2x20): graph inputs input_0, input_1, ...")
        String shape;

        @Option(names = "--double", description = "Write float64 (default float32).")
        boolean doublePrecision;

        @Override
        void run(PrintWriter out) throws Failure {
            List<int[]> shapes = parseShapes(shape);
            Module<Data, Data> m = module(model, false);
            OnnxExport.Precision p = doublePrecision ? OnnxExport.Precision.FLOAT64
                    : OnnxExport.Precision.FLOAT32;
            try {
                if (shape.contains(",")) {
                    OnnxExport.write(m, shapes, outFile, p);
                } else {
                    OnnxExport.write(m, shapes.get(0), outFile, p);
                }
            } catch (IOException e) {
                throw new Failure(outFile, "cannot write: " + IoReasons.reason(e), e);
            } catch (RuntimeException e) {
                throw new Failure(model, "cannot export: " + message(e), e);
            }
        }

        private List<int[]> parseShapes(String text) throws Failure {
            List<int[]> shapes = new ArrayList<>();
            for (String one : text.split(",", -1)) {
                String[] parts = one.trim().split("x", -1);
                int[] s = new int[parts.length];
                try {
                    for (int i = 0; i < parts.length; i++) {
                        s[i] = Integer.parseInt(parts[i].trim());
                        if (s[i] <= 0) {
                            throw new NumberFormatException();
                        }
                    }
                } catch (NumberFormatException e) {
                    throw new Failure(model, "--input-shape: expected sizes such as 1x3x32x32 (positive integers "
                            + "joined by x, entries of a table separated by commas), got '" + text + "'", e);
                }
                shapes.add(s);
            }
            return shapes;
        }
    }

    /** {@code nn4j torch7 backward MODEL INPUT GRADOUTPUT OUT}. */
    @Command(name = "backward", mixinStandardHelpOptions = true,
            description = "Zero the gradients, run forward and backward (scale 1), write "
                    + "{output=, gradInput=, gradParams={...}} to OUT (gradParams in parameters() order; "
                    + "a batch normalisation also gives runningMean=, runningVar= after the forward, and "
                    + "runningStd= for an fbnn.SpatialBatchNormalization).")
    static final class Backward extends Base {
        @Mixin
        Output output = new Output();

        @Mixin
        Mode mode = new Mode();

        @Parameters(index = "0", paramLabel = "MODEL", description = "The module (.t7).")
        Path model;

        @Parameters(index = "1", paramLabel = "INPUT", description = "The input (.t7).")
        Path input;

        @Parameters(index = "2", paramLabel = "GRADOUTPUT", description = "The gradient of the output (.t7).")
        Path gradOutput;

        @Parameters(index = "3", paramLabel = "OUT", description = "Where to write the result table.")
        Path outFile;

        @Override
        void run(PrintWriter out) throws Failure {
            Module<Data, Data> m = module(model, mode.evaluate);
            Data x = T7Bridge.inputFromLua(m, data(input, "an input"));
            Data g = data(gradOutput, "a gradOutput");
            Data y;
            Data gi;
            try {
                m.zeroGradParameters();
                y = m.forward(x);
            } catch (RuntimeException e) {
                throw new Failure(model, "forward failed: " + message(e), e);
            }
            try {
                gi = m.backward(x, g, 1.0);
            } catch (RuntimeException e) {
                throw new Failure(model, "backward failed: " + message(e), e);
            }
            List<Data> grads = new ArrayList<>();
            for (Parameter p : m.parameters()) {
                grads.add(p.grad());
            }
            Map<Object, Object> result = new LinkedHashMap<>();
            result.put("output", y);
            result.put("gradInput", T7Bridge.gradInputToLua(m, gi));
            result.put("gradParams", Table.of(grads));
            if ((Object) m instanceof BatchNormalization bn) {
                // the statistics after this forward, as Torch's running_mean/running_var
                result.put("runningMean", bn.runningMean());
                result.put("runningVar", bn.runningVar());
                if (bn.usesFbnnRunningStd()) {
                    // fbnn.SpatialBatchNormalization's own statistic (an average of 1/std)
                    result.put("runningStd", bn.runningStd());
                }
            }
            save(outFile, result, output.ascii);
        }
    }

    /** {@code nn4j torch7 criterion CRITERION INPUT TARGET OUT}. */
    @Command(name = "criterion", mixinStandardHelpOptions = true,
            description = "Run criterion:forward(input, target) and backward, write {loss=, gradInput=} to OUT. "
                    + "Class targets are Lua's 1-based labels (a number, a tensor, or a table of them).")
    static final class CriterionCommand extends Base {
        @Mixin
        Output output = new Output();

        @Parameters(index = "0", paramLabel = "CRITERION", description = "The criterion (.t7).")
        Path criterion;

        @Parameters(index = "1", paramLabel = "INPUT", description = "The input (.t7).")
        Path input;

        @Parameters(index = "2", paramLabel = "TARGET", description = "The target (.t7): a number, a tensor, or a Lua array of them.")
        Path target;

        @Parameters(index = "3", paramLabel = "OUT", description = "Where to write the result table.")
        Path outFile;

        @Override
        void run(PrintWriter out) throws Failure {
            Object o = load(criterion);
            if (!(o instanceof Criterion<?, ?> raw)) {
                throw new Failure(criterion, "expected an nn criterion, found " + describe(o), null);
            }
            @SuppressWarnings("unchecked")
            Criterion<Data, Data> c = (Criterion<Data, Data>) raw;
            Data x = data(input, "an input");
            Data t = target(target, c);
            double loss;
            Data gi;
            try {
                loss = c.forward(x, t);
                gi = c.backward(x, t);
            } catch (RuntimeException e) {
                throw new Failure(criterion, "criterion failed: " + message(e), e);
            }
            Map<Object, Object> result = new LinkedHashMap<>();
            result.put("loss", loss);
            result.put("gradInput", gi);
            save(outFile, result, output.ascii);
        }

        /**
         * Loads a target: a Lua number becomes a 1-element tensor, a tensor stays, a Lua array (of
         * tensors, numbers or arrays, e.g. a ParallelCriterion's {t1, 3}) becomes a table of the
         * same; class labels and indices are then shifted to 0-based by the criterion
         * ({@link T7Bridge#targetFromLua}, which a container criterion delegates to its children).
         */
        static Data target(Path file, Criterion<?, ?> c) throws Failure {
            Data t = targetData(load(file), file);
            try {
                return T7Bridge.targetFromLua(c, t);
            } catch (RuntimeException e) {
                throw new Failure(file, "target not accepted: " + message(e), e);
            }
        }

        /** A loaded target value as Data: numbers as 1-element tensors, Lua arrays as tables. */
        private static Data targetData(Object o, Path file) throws Failure {
            if (o instanceof Double d) {
                return Tensor.of(d);
            }
            if (o instanceof Data d) {
                return d;
            }
            if (o instanceof Map<?, ?> map && isArray(map)) {
                Table out = new Table();
                for (int i = 1; i <= map.size(); i++) {
                    out.add(targetData(map.get((double) i), file));
                }
                return out;
            }
            throw new Failure(file, "expected a target (a number, a tensor or a Lua array of them), found "
                    + describe(o), null);
        }

        /** Whether a converted Lua table is an array: keys exactly 1..n. */
        private static boolean isArray(Map<?, ?> map) {
            if (map.isEmpty()) {
                return false;
            }
            for (int i = 1; i <= map.size(); i++) {
                if (!map.containsKey((double) i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
