package io.github.nn4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;

/**
 * Issue #15 item 6: {@code training()}, {@code evaluate()}, {@code reset()} and
 * {@code reset(stdv)} return the module's own class, so {@code Linear l = new Linear(3, 2).evaluate();}
 * needs no cast. The first test compiles only with the self-typed methods (on the old code each
 * assignment below is an "incompatible types" error); the second finds every concrete module of
 * the package by reflection, so a new module without the four overrides fails.
 */
class SelfTypedModulesTest {

    @Test
    void everyContainerAndLayerKeepsItsTypeThroughModesAndResets() {
        Linear linear = new Linear(3, 2).evaluate();
        Linear trained = new Linear(3, 2).evaluate().training().reset(0.1);
        ReLU relu = new ReLU().evaluate();
        Dropout dropout = new Dropout(0.5).evaluate().reset();
        SpatialConvolution conv = new SpatialConvolution(1, 2, 3, 3).evaluate();
        BatchNormalization bn = new BatchNormalization(4).training().evaluate();
        Sequential<Tensor, Tensor> seq = new Sequential<Tensor, Tensor>().add(new Linear(3, 3)).evaluate().reset(0.1);
        ConcatTable<Tensor> concatTable = new ConcatTable<Tensor>().add(new Linear(3, 2)).add(new Identity()).evaluate();
        ParallelTable parallelTable = new ParallelTable().add(new Linear(3, 2)).add(new Identity()).evaluate();
        Parallel parallel = new Parallel(0, 0).add(new Linear(3, 2)).add(new Linear(3, 2)).evaluate();
        Concat concat = new Concat(0).add(new Linear(3, 2)).add(new Identity()).evaluate().reset();
        DepthConcat depthConcat = new DepthConcat(0).add(new Linear(3, 2)).add(new Linear(3, 4)).training().evaluate();
        Bottle bottle = new Bottle(new Linear(3, 2)).evaluate().reset(0.1);
        MapTable mapTable = new MapTable(new Linear(3, 2)).evaluate().reset();
        SpatialLPPooling lpPooling = new SpatialLPPooling(2, 2, 2, 2).evaluate();
        Graph graph = Graph.builder().inputs("x").node("y", new Dropout(0.5), "x").output("y").build().evaluate();

        List<Module<?, ?>> all = List.of(linear, relu, dropout, conv, bn, seq, concatTable, parallelTable, parallel,
                concat, depthConcat, bottle, mapTable, lpPooling, graph);
        assertTrue(trained.isTraining());
        for (Module<?, ?> m : all) {
            // evaluate() on a container reaches its children
            for (Module<?, ?> d : m.listModules()) {
                assertFalse(d.isTraining(), d + " in " + m);
            }
        }
        Table out = concatTable.forward(Tensor.of(1, 2, 3));
        assertEquals(2, out.size());
    }

    @Test
    void everyConcreteModuleReturnsItsOwnClass() throws ReflectiveOperationException {
        List<Class<?>> modules = ModuleCoverageTest.concreteModules(ModuleCoverageTest.classNames(Linear.class));
        assertTrue(modules.size() > 100 && modules.contains(Graph.class), "the scan must find the modules: " + modules);
        assertEquals(new TreeSet<String>(), notSelfTyped(modules),
                "modules whose training()/evaluate()/reset()/reset(double) do not return their own class"
                        + " (override them: `public X evaluate() { super.evaluate(); return this; }`)");
    }

    @Test
    void aModuleWithoutTheOverridesIsReported() throws ReflectiveOperationException {
        // Recorder is a test-only module that inherits Module's methods
        assertEquals(Set.of("io.github.nn4j.layers.Recorder.training()", "io.github.nn4j.layers.Recorder.evaluate()",
                "io.github.nn4j.layers.Recorder.reset()", "io.github.nn4j.layers.Recorder.reset(double)"),
                notSelfTyped(List.of(Recorder.class, Linear.class)));
        assertFalse(notSelfTyped(List.of(SelfTypedModulesTest.Subclass.class)).isEmpty(),
                "a subclass inheriting its parent's overrides returns the parent's type");
    }

    /** A subclass of a self-typed layer that does not override: its methods return Linear. */
    static final class Subclass extends Linear {
        Subclass() {
            super(2, 2);
        }
    }

    private static Set<String> notSelfTyped(List<Class<?>> modules) throws ReflectiveOperationException {
        Set<String> bad = new TreeSet<>();
        for (Class<?> c : modules) {
            for (Method m : List.of(c.getMethod("training"), c.getMethod("evaluate"), c.getMethod("reset"),
                    c.getMethod("reset", double.class))) {
                if (m.getReturnType() != c) {
                    String params = m.getParameterCount() == 0 ? "()" : "(double)";
                    bad.add(c.getName() + "." + m.getName() + params);
                }
            }
        }
        return bad;
    }
}
