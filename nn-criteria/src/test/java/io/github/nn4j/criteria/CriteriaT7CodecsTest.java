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
import io.github.nn4j.Data;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.testing.TorchGolden2;
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
    record Sample(Supplier<Criterion<?, ?>> criterion, Supplier<Data> input, Supplier<Data> target) {
    }

    private static Table pair(int... size) {
        return Table.of(Tensor.uniform(-1, 1, size), Tensor.uniform(-1, 1, size));
    }

    private static Tensor signs(int n) {
        Tensor t = Tensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.data()[i] = i % 2 == 0 ? 1 : -1;
        }
        return t;
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
        s.put("nn.AbsCriterion", new Sample(() -> new AbsCriterion(false),
                () -> Tensor.uniform(-1, 1, 3, 4), () -> Tensor.uniform(-1, 1, 3, 4)));
        s.put("nn.SmoothL1Criterion", new Sample(() -> new SmoothL1Criterion(false),
                () -> Tensor.uniform(-2, 2, 3, 4), () -> Tensor.uniform(-2, 2, 3, 4)));
        s.put("nn.DistKLDivCriterion", new Sample(() -> new DistKLDivCriterion(false),
                () -> Tensor.uniform(-3, -0.1, 3, 4), () -> Tensor.uniform(0, 1, 3, 4)));
        s.put("nn.MarginCriterion", new Sample(() -> new MarginCriterion(0.7, false),
                () -> Tensor.uniform(-1, 1, 12), () -> signs(12)));
        s.put("nn.SoftMarginCriterion", new Sample(() -> new SoftMarginCriterion(false),
                () -> Tensor.uniform(-1, 1, 12), () -> signs(12)));
        s.put("nn.HingeEmbeddingCriterion", new Sample(() -> new HingeEmbeddingCriterion(0.7),
                () -> Tensor.uniform(0, 2, 12), () -> signs(12)));
        s.put("nn.L1HingeEmbeddingCriterion", new Sample(() -> new L1HingeEmbeddingCriterion(4.5),
                () -> pair(6), () -> Tensor.of(-1)));
        s.put("nn.CosineEmbeddingCriterion", new Sample(() -> new CosineEmbeddingCriterion(0.2, false),
                () -> pair(3, 4), () -> signs(3)));
        s.put("nn.MarginRankingCriterion", new Sample(() -> new MarginRankingCriterion(0.7, false),
                () -> pair(5), () -> signs(5)));
        s.put("nn.MultiLabelMarginCriterion", new Sample(() -> new MultiLabelMarginCriterion(false),
                () -> Tensor.uniform(-1, 1, 2, 4), () -> Tensor.of(new double[][] {{2, 0, -1, 3}, {1, -1, 0, 0}})));
        s.put("nn.MultiLabelSoftMarginCriterion", new Sample(
                () -> new MultiLabelSoftMarginCriterion(Tensor.of(1, 2, 0.5, 3), false),
                () -> Tensor.uniform(-1, 1, 3, 4), () -> Tensor.of(new double[][] {{1, 0, 0, 1}, {0, 0, 1, 1},
                    {1, 1, 1, 0}})));
        s.put("nn.MultiCriterion", new Sample(() -> new MultiCriterion().add(new MSECriterion(), 0.5)
                .add(new AbsCriterion(false), 2), () -> Tensor.uniform(-1, 1, 3, 4), () -> Tensor.uniform(-1, 1, 3, 4)));
        s.put("nn.ParallelCriterion", new Sample(() -> new ParallelCriterion().add(new MSECriterion(), 0.3)
                .add(new ClassNLLCriterion(null, false, 1)), () -> Table.of(Tensor.uniform(-1, 1, 3, 2),
                        Tensor.uniform(-3, 0, 3, 4)), () -> Table.of(Tensor.uniform(-1, 1, 3, 2), labels())));
        s.put("nn.ClassSimplexCriterion", new Sample(() -> new ClassSimplexCriterion(4).setSizeAverage(false),
                () -> Tensor.uniform(-1, 1, 3, 4), CriteriaT7CodecsTest::labels));
        s.put("nn.SpatialClassNLLCriterion", new Sample(() -> new SpatialClassNLLCriterion(Tensor.of(1, 2, 3), false),
                () -> Tensor.uniform(-3, 0, 2, 3, 2, 2), () -> Tensor.fromArray(new double[] {0, 1, 2, 2, 1, 0, 0, 2},
                        2, 2, 2)));
        s.put("nn.L1Cost", new Sample(L1Cost::new, () -> Tensor.uniform(-1, 1, 3, 4), Tensor::empty));
        s.put("nn.WeightedMSECriterion", new Sample(() -> new WeightedMSECriterion(Tensor.of(1, 2, 0.5, 3), false),
                () -> Tensor.uniform(-1, 1, 3, 4), () -> Tensor.uniform(-1, 1, 3, 4)));
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
        Criterion<Data, Data> c = (Criterion<Data, Data>) s.criterion().get();
        Data x = s.input().get();
        Data t = s.target().get();
        double loss = c.forward(x, t);
        Data grad = TorchGolden2CriteriaBridgeTest.copy(c.backward(x, t));

        Path f = dir.resolve("c.t7");
        T7Bridge.save(f, c, ascii);
        T7Object raw = assertInstanceOf(T7Object.class, Torch7.load(f));
        assertEquals(torchClass, raw.className());
        assertTrue(!raw.has("_type") && !raw.has("train"), "criteria have no _type or train");
        Criterion<Data, Data> back = (Criterion<Data, Data>) T7Bridge.loadCriterion(f);
        assertSame(c.getClass(), back.getClass());
        assertEquals(c.toString(), back.toString());
        assertEquals(c.sizeAverage(), back.sizeAverage());
        assertEquals(loss, back.forward(x, t), 0.0, torchClass + " loss");
        TorchGolden2.assertClose(grad, back.backward(x, t), 0, torchClass + " gradInput");
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
        // Java's default −100 (PyTorch's) is saved shifted, as every ignoreIndex: Lua −99, no class either
        assertEquals(-99.0, nll.getNumber("ignoreIndex"));
        T7Object ce = (T7Object) T7Bridge.toT7(new CrossEntropyCriterion(Tensor.of(1, 2), false));
        assertEquals("nn.LogSoftMax", ce.getObject("lsm").className());
        T7Object inner = ce.getObject("nll");
        assertEquals("nn.ClassNLLCriterion", inner.className());
        assertEquals(false, inner.getBoolean("sizeAverage"));
        assertEquals(false, ce.getBoolean("sizeAverage"));
        assertEquals(2, inner.getTensor("weights").numel());
    }

    @Test
    void ignoreIndexShiftsByOneForEveryValueLikeTheTargets() throws Exception {
        assertEquals(4.0, ((T7Object) T7Bridge.toT7(new ClassNLLCriterion(null, true, 3))).getNumber("ignoreIndex"));
        assertEquals(0.0, ((T7Object) T7Bridge.toT7(new ClassNLLCriterion(null, true, -1))).getNumber("ignoreIndex"));
        assertEquals(-100.0, ((T7Object) T7Bridge.toT7(new ClassNLLCriterion(null, true, -101)))
                .getNumber("ignoreIndex"));
        assertEquals(2, nllWithLuaIgnoreIndex(3).ignoreIndex());
        assertEquals(-101, nllWithLuaIgnoreIndex(-100).ignoreIndex(), "Torch's default");
        assertEquals(-1, nllWithLuaIgnoreIndex(0).ignoreIndex(), "Lua 0 names no class");
        assertEquals(-2, nllWithLuaIgnoreIndex(-1).ignoreIndex());
        T7Object absent = T7Object.withFields("nn.ClassNLLCriterion");
        assertEquals(-101, assertInstanceOf(ClassNLLCriterion.class, T7Bridge.toJava(absent)).ignoreIndex(),
                "an absent field is Torch's default −100, shifted");
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> nllWithLuaIgnoreIndex(1.5));
        assertTrue(e.getMessage().contains("ignoreIndex 1.5 is not an integer"), e.getMessage());

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
