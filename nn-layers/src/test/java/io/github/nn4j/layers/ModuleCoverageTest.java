package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.testing.ModuleContractTest;

/**
 * Fails when a concrete {@link Module} in {@code io.github.nn4j.layers} has no contract test: a
 * class {@code <Module>Test} extending {@link ModuleContractTest}, or a
 * {@code ModuleContractTest} annotated {@link ContractFor} naming it. The modules are found by
 * listing the compiled main classes (a directory under Maven, or a jar), so a new layer cannot be
 * forgotten.
 */
class ModuleCoverageTest {

    private static final String PACKAGE = "io.github.nn4j.layers";

    @Test
    void everyConcreteModuleHasAContractTest() {
        List<Class<?>> modules = concreteModules(classNames(Max.class));
        assertTrue(modules.contains(Max.class) && modules.contains(Sequential.class) && modules.contains(SelectTable.class),
                "the scan must find the package's modules, found " + modules);
        Set<Class<?>> annotated = annotatedCoverage(classNames(ModuleCoverageTest.class));
        assertEquals(new TreeSet<String>(), uncovered(modules, annotated),
                "modules without a contract test (add <Module>Test extends ModuleContractTest)");
    }

    @Test
    void aModuleWithoutATestIsReported() {
        // Recorder is a test-only module with no RecorderTest: the check must flag it
        assertEquals(Set.of(Recorder.class.getName()), uncovered(List.of(Recorder.class, Max.class), Set.of()));
        // ... unless a contract test declares it
        assertEquals(Set.of(), uncovered(List.of(Recorder.class), Set.of(Recorder.class)));
    }

    /** The names of the modules in {@code modules} that no contract test covers. */
    static Set<String> uncovered(List<Class<?>> modules, Set<Class<?>> annotated) {
        Set<String> missing = new TreeSet<>();
        for (Class<?> m : modules) {
            if (annotated.contains(m)) {
                continue;
            }
            String testName = m.getName().replace('$', '_') + "Test";
            Class<?> test = load(testName);
            if (test == null || !ModuleContractTest.class.isAssignableFrom(test)) {
                missing.add(m.getName());
            }
        }
        return missing;
    }

    static List<Class<?>> concreteModules(List<String> names) {
        List<Class<?>> out = new ArrayList<>();
        for (String n : names) {
            Class<?> c = load(n);
            if (c != null && Module.class.isAssignableFrom(c) && !Modifier.isAbstract(c.getModifiers())
                    && !c.isInterface() && !c.isAnonymousClass() && !c.isLocalClass() && !c.isSynthetic()) {
                out.add(c);
            }
        }
        return out;
    }

    private static Set<Class<?>> annotatedCoverage(List<String> testNames) {
        Set<Class<?>> covered = new LinkedHashSet<>();
        for (String n : testNames) {
            Class<?> c = load(n);
            if (c != null && ModuleContractTest.class.isAssignableFrom(c)) {
                ContractFor a = c.getAnnotation(ContractFor.class);
                if (a != null) {
                    covered.addAll(List.of(a.value()));
                }
            }
        }
        return covered;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ModuleCoverageTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** The binary names of the classes of this package beside {@code anchor} (directory or jar). */
    static List<String> classNames(Class<?> anchor) {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String prefix = PACKAGE.replace('.', '/') + "/";
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root.resolve(prefix))) {
                    files.filter(p -> p.toString().endsWith(".class"))
                            .forEach(p -> names.add(toName(root.relativize(p).toString().replace('\\', '/'))));
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                        String n = e.nextElement().getName();
                        if (n.startsWith(prefix) && n.endsWith(".class")) {
                            names.add(toName(n));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static String toName(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
