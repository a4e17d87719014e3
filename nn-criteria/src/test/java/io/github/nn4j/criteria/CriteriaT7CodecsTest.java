package io.github.nn4j.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.nn4j.Criterion;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * Every codec of {@link CriteriaT7Codecs}: each criterion saves (binary and ascii) and reloads to
 * one of the same class, options and results; the written fields are Torch's; ignoreIndex is
 * shifted between Lua's 1-based and nn4j's 0-based labels, sentinels kept.
 */
class CriteriaT7CodecsTest {

    /** A criterion with an input and a target it accepts. */
    record Sample(Supplier<Criterion<Tensor, Tensor>> criterion, Supplier<Tensor> input, Supplier<Tensor> target) {
    }

    private static Tensor labels() {
        return Tensor.of(2, 0, 3);
    }

    static Map<String, Sample> samples() {
        Map<String, Sample> s = new LinkedHashMap<>();
        s.put("nn.MSECriterion", new Sample(() -> new MSECriterion(false),
                () -> Tensor.uniform(-1, 1, 3, 4), () -> Tensor.uniform(-1, 1, 3, 4)));
        s.put("nn.BCECriterion", new Sample(() -> new BCECriterion(Tensor.of(1, 2, 0.5, 3)),
                () -> Tensor.uniform(0.1, 0.9, 3, 4), () -> Tensor.uniform(0, 1, 3, 4)));
        s.put("nn.MultiMarginCriterion", new Sample(() -> new MultiMarginCriterion(2, Tensor.of(1, 2, 3, 4), 0.5),
                () -> Tensor.uniform(-1, 1, 3, 4), CriteriaT7CodecsTest::labels));
        s.put("nn.ClassNLLCriterion", new Sample(() -> new ClassNLLCriterion(Tensor.of(1, 2, 3, 4), false, 3),
                () -> Tensor.uniform(-3, 0, 3, 4), CriteriaT7CodecsTest::labels));
        s.put("nn.CrossEntropyCriterion", new Sample(() -> new CrossEntropyCriterion(Tensor.of(4, 3, 2, 1), false),
                () -> Tensor.uniform(-1, 1, 3, 4), CriteriaT7CodecsTest::labels));
        return s;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String name : samples().keySet()) {
            out.add(Arguments.of(name, false));
            out.add(Arguments.of(name, true));
        }
        return out.stream();
    }

    @Test
    void everyRegisteredClassHasASample() {
        Set<String> registered = new TreeSet<>();
        for (T7Codec<?> c : new CriteriaT7Codecs().codecs()) {
            registered.add(c.torchClass());
        }
        assertEquals(registered, new TreeSet<>(samples().keySet()));
        assertTrue(T7Bridge.supportedClasses().containsAll(registered), "found through ServiceLoader");
    }

    @ParameterizedTest(name = "{0} ascii={1}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void savesAndReloadsToTheSameCriterion(String torchClass, boolean ascii, @TempDir Path dir) throws Exception {
        TorchRandom.manualSeed(5);
        Sample s = samples().get(torchClass);
        Criterion<Tensor, Tensor> c = s.criterion().get();
        Tensor x = s.input().get();
        Tensor t = s.target().get();
        double loss = c.forward(x, t);
        Tensor grad = c.backward(x, t).clone();

        Path f = dir.resolve("c.t7");
        T7Bridge.save(f, c, ascii);
        T7Object raw = assertInstanceOf(T7Object.class, Torch7.load(f));
        assertEquals(torchClass, raw.className());
        assertTrue(!raw.has("_type") && !raw.has("train"), "criteria have no _type or train");
        Criterion<Tensor, Tensor> back = (Criterion<Tensor, Tensor>) T7Bridge.loadCriterion(f);
        assertSame(c.getClass(), back.getClass());
        assertEquals(c.toString(), back.toString());
        assertEquals(c.sizeAverage(), back.sizeAverage());
        assertEquals(loss, back.forward(x, t), 0.0, torchClass + " loss");
        assertEquals(0.0, grad.maxAbsDiff(back.backward(x, t)), torchClass + " gradInput");
    }

    @Test
    void writesTorchFieldNames() throws Exception {
        assertEquals(Set.of(), own(new MSECriterion()));
        assertEquals(Set.of("weights"), own(new BCECriterion(Tensor.of(1, 2))));
        assertEquals(Set.of(), own(new BCECriterion()));
        assertEquals(Set.of("p", "margin"), own(new MultiMarginCriterion()));
        assertEquals(Set.of("ignoreIndex", "output_tensor", "total_weight_tensor", "target"),
                own(new ClassNLLCriterion()));
        assertEquals(Set.of("lsm", "nll", "oldSizeAverage"), own(new CrossEntropyCriterion()));

        T7Object nll = (T7Object) T7Bridge.toT7(new ClassNLLCriterion());
        T7Tensor target = nll.getTensor("target");
        assertEquals("torch.LongTensor", target.className());
        assertEquals(-100.0, nll.getNumber("ignoreIndex"));
        T7Object ce = (T7Object) T7Bridge.toT7(new CrossEntropyCriterion(Tensor.of(1, 2), false));
        assertEquals("nn.LogSoftMax", ce.getObject("lsm").className());
        T7Object inner = ce.getObject("nll");
        assertEquals("nn.ClassNLLCriterion", inner.className());
        assertEquals(false, inner.getBoolean("sizeAverage"));
        assertEquals(false, ce.getBoolean("sizeAverage"));
        assertEquals(2, inner.getTensor("weights").numel());
    }

    @Test
    void ignoreIndexIsShiftedAndSentinelsAreKept() throws Exception {
        assertEquals(4.0, ((T7Object) T7Bridge.toT7(new ClassNLLCriterion(null, true, 3))).getNumber("ignoreIndex"));
        assertEquals(-1.0, ((T7Object) T7Bridge.toT7(new ClassNLLCriterion(null, true, -1))).getNumber("ignoreIndex"));
        assertEquals(2, nllWithLuaIgnoreIndex(3).ignoreIndex());
        assertEquals(-100, nllWithLuaIgnoreIndex(-100).ignoreIndex());
        assertEquals(-1, nllWithLuaIgnoreIndex(0).ignoreIndex(), "Lua 0 names no class");

        // Lua ignoreIndex 2 skips the samples of (1-based) class 2, i.e. Java label 1
        ClassNLLCriterion c = nllWithLuaIgnoreIndex(2);
        Tensor x = Tensor.of(new double[][] {{-1, -2}, {-3, -4}});
        assertEquals(1.0, c.forward(x, Tensor.of(0, 1)), 0.0);
    }

    @Test
    void crossEntropyWithAClassIgnoreIndexIsRejected() {
        T7Object nll = T7Object.withFields("nn.ClassNLLCriterion");
        nll.fields().put("ignoreIndex", 2.0);
        T7Object ce = T7Object.withFields("nn.CrossEntropyCriterion");
        ce.fields().put("nll", nll);
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(ce));
        assertTrue(e.getMessage().contains("nll.ignoreIndex naming class 2"), e.getMessage());

        T7Object mm = T7Object.withFields("nn.MultiMarginCriterion");
        mm.fields().put("p", 3.0);
        e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(mm));
        assertTrue(e.getMessage().contains("p must be 1 or 2, got 3.0"), e.getMessage());
    }

    private static ClassNLLCriterion nllWithLuaIgnoreIndex(double lua) throws T7ModuleException {
        T7Object o = T7Object.withFields("nn.ClassNLLCriterion");
        o.fields().put("ignoreIndex", lua);
        return assertInstanceOf(ClassNLLCriterion.class, T7Bridge.toJava(o));
    }

    private static Set<String> own(Criterion<?, ?> c) throws T7ModuleException {
        T7Object o = (T7Object) T7Bridge.toT7(c);
        Set<String> keys = new TreeSet<>(o.fields().stringKeys());
        keys.removeAll(Set.of("output", "gradInput", "sizeAverage"));
        return keys;
    }
}
