package io.github.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #15 item 11: every {@code java} block of README.md, read from the file as it is, compiles
 * as a separate user program would, against the built library classes only (nn-api, nn-layers,
 * nn-criteria, EJML, slf4j-api), with {@code -Xlint:all -Werror}: an unchecked cast or a
 * {@code @SuppressWarnings}-needing call in the README fails it. The program's imports are one
 * per class, as the README tells users to write them; the variables a block uses without
 * declaring (a file, an input) become parameters of its method, and a block that declares a
 * class (a user's own layer) becomes a nested class of the program.
 */
class ReadmeUserProgramTest {

    /**
     * Where a user's imports come from, searched in this order for each capitalised name of the
     * blocks (one import per class, as the README says: {@code import io.github.nn4j.*} would make
     * {@code Module} clash with {@code java.lang.Module}); a name found nowhere is the README's own
     * class ({@code Swish}) or a {@code java.lang} one.
     */
    private static final List<String> PACKAGES = List.of("io.github.nn4j", "io.github.nn4j.layers",
            "io.github.nn4j.criteria", "io.github.nn4j.check", "io.github.nn4j.optim", "io.github.nn4j.torch7",
            "io.github.nn4j.onnx", "java.lang", "java.util", "java.nio.file");

    /** The variables the README's prose supplies, and their types. */
    private static final Map<String, String> GIVEN = new LinkedHashMap<>();

    static {
        for (String file : List.of("modelFile", "trainedFile", "dataFile", "inputFile", "luaFile", "savedFile",
                "tunedFile", "dir")) {
            GIVEN.put(file, "Path");
        }
        GIVEN.put("input", "Tensor");
        GIVEN.put("x", "Tensor");
        GIVEN.put("gradOutput", "Tensor");
        GIVEN.put("myModule", "Module<Tensor, Tensor>");
        GIVEN.put("model", "Module<Tensor, Tensor>");
        GIVEN.put("criterion", "Criterion<Tensor, Tensor>");
        GIVEN.put("train", "Dataset");
        GIVEN.put("validation", "Dataset");
        GIVEN.put("data", "Dataset");
        GIVEN.put("net", "Module<Tensor, Tensor>");
        GIVEN.put("images", "Tensor");
        GIVEN.put("labels", "Tensor");
    }

    @TempDir
    Path out;

    @Test
    void everyJavaBlockOfTheReadmeCompilesWithLintAsErrors() throws IOException {
        List<String> blocks = javaBlocks(Files.readString(Path.of("..", "README.md")));
        assertTrue(blocks.size() >= 8, "java blocks found in README.md: " + blocks.size());
        StringBuilder methods = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            methods.append(member(i, blocks.get(i)));
        }
        String diagnostics = compile(program(methods.toString()));
        assertEquals("", diagnostics, "README.md's java blocks, compiled as a user program with -Xlint:all -Werror");
    }

    @Test
    void anUncheckedCastFailsTheSameCompilation() throws IOException {
        // the README's porting line before loadTensorModule: it needed a cast that -Werror refuses
        String body = "Module<Tensor, Tensor> net = (Module<Tensor, Tensor>) T7Bridge.loadModule(modelFile);\n"
                + "Tensor y = net.forward(input);\n";
        String diagnostics = compile(program(method(0, body)));
        assertFalse(diagnostics.isEmpty(), "the unchecked cast must fail");
        assertTrue(diagnostics.contains("unchecked"), diagnostics);
    }

    private static List<String> javaBlocks(String readme) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** A block that declares a class becomes a nested class; any other, a method. */
    private static String member(int index, String block) {
        Matcher type = Pattern.compile("^(public\\s+)?((?:final\\s+)?(?:class|interface|record)\\s)").matcher(block);
        return type.find() ? type.replaceFirst("public static $2").indent(4) + "\n" : method(index, block);
    }

    /** One block as a method; the variables it uses without declaring are its parameters. */
    private static String method(int index, String block) {
        List<String> params = new ArrayList<>();
        for (Map.Entry<String, String> g : GIVEN.entrySet()) {
            String name = Pattern.quote(g.getKey());
            boolean used = Pattern.compile("(?<![\\w.\"])" + name + "\\b(?!\")").matcher(block).find();
            boolean declared = Pattern.compile("[\\w>\\]]\\s+" + name + "\\s*=").matcher(block).find();
            if (used && !declared) {
                params.add(g.getValue() + " " + g.getKey());
            }
        }
        return "    static void block" + index + "(" + String.join(", ", params) + ") throws Exception {\n"
                + block.indent(8) + "    }\n\n";
    }

    private static String program(String methods) {
        StringBuilder src = new StringBuilder("package user;\n\n");
        java.util.Set<String> names = new java.util.TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.])[A-Z]\\w*").matcher(methods);
        while (m.find()) {
            names.add(m.group());
        }
        for (String name : names) {
            for (String pkg : PACKAGES) {
                if (exists(pkg + "." + name)) {
                    if (!pkg.equals("java.lang")) {
                        src.append("import ").append(pkg).append('.').append(name).append(";\n");
                    }
                    break;
                }
            }
        }
        return src.append("\npublic final class ReadmeProgram {\n\n").append(methods).append("}\n").toString();
    }

    private static boolean exists(String className) {
        try {
            Class.forName(className, false, ReadmeUserProgramTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private String compile(String source) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = new SimpleJavaFileObject(java.net.URI.create("string:///user/ReadmeProgram.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:all", "-Werror", "-d", out.toString(),
                "-classpath", libraryClassPath());
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null, options, null, List.of(file)).call();
        String text = diagnostics.toString();
        return ok && text.isEmpty() ? "" : (text.isEmpty() ? "compilation failed" : text) + "\n--- source ---\n" + source;
    }

    /** Only the library: the jars or class folders of nn-api, nn-layers, nn-criteria, EJML and slf4j-api. */
    private static String libraryClassPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(io.github.nn4j.Tensor.class, io.github.nn4j.layers.Linear.class,
                io.github.nn4j.criteria.MSECriterion.class, org.ejml.data.DMatrixRMaj.class,
                org.ejml.dense.row.CommonOps_DDRM.class, org.slf4j.Logger.class)) {
            try {
                String p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!entries.contains(p)) {
                    entries.add(p);
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
