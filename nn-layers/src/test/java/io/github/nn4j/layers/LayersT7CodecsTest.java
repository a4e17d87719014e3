package io.github.nn4j.layers;

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

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;
import io.github.nn4j.torch7.Torch7;

/**
 * Every codec of {@link LayersT7Codecs}: each module saves (binary and ascii) and reloads to a
 * module of the same class, parameters, mode and outputs; the written fields are Torch's; Lua's
 * 1-based values are shifted both ways.
 */
class LayersT7CodecsTest {

    /** A sample of every registered class, with an input it accepts. */
    record Sample(Supplier<Module<?, ?>> module, Supplier<Data> input) {
    }

    private static Supplier<Data> t(int... size) {
        return () -> Tensor.uniform(-1, 1, size);
    }

    private static Supplier<Data> tables(int n) {
        return () -> {
            Table tb = new Table();
            for (int i = 0; i < n; i++) {
                tb.add(Tensor.uniform(-1, 1, 3, 5));
            }
            return tb;
        };
    }

    static Map<String, Sample> samples() {
        Map<String, Sample> s = new LinkedHashMap<>();
        s.put("nn.Linear", new Sample(() -> new Linear(4, 3), t(2, 4)));
        s.put("nn.Add", new Sample(() -> new Add(5), t(3, 5)));
        s.put("nn.Mul", new Sample(Mul::new, t(3, 5)));
        s.put("nn.CMul", new Sample(() -> new CMul(1, 5), t(3, 5)));
        s.put("nn.MulConstant", new Sample(() -> new MulConstant(-2.5), t(3, 5)));
        s.put("nn.Threshold", new Sample(() -> new Threshold(0.1, -0.5), t(3, 5)));
        s.put("nn.ReLU", new Sample(ReLU::new, t(3, 5)));
        s.put("nn.Dropout", new Sample(() -> new Dropout(0.3, true).evaluate(), t(3, 5)));
        s.put("nn.Sigmoid", new Sample(Sigmoid::new, t(3, 5)));
        s.put("nn.Tanh", new Sample(Tanh::new, t(3, 5)));
        s.put("nn.SoftMax", new Sample(SoftMax::new, t(3, 5)));
        s.put("nn.LogSoftMax", new Sample(LogSoftMax::new, t(3, 5)));
        s.put("nn.Identity", new Sample(Identity::new, t(3, 5)));
        s.put("nn.Max", new Sample(() -> new Max(0, 1), t(3, 5)));
        s.put("nn.Min", new Sample(() -> new Min(-1), t(3, 5)));
        s.put("nn.View", new Sample(() -> new View(-1, 3).setNumInputDims(2), t(2, 2, 3)));
        s.put("nn.Reshape", new Sample(() -> new Reshape(new int[] {5, 3}, true), t(2, 15)));
        s.put("nn.CAddTable", new Sample(CAddTable::new, tables(3)));
        s.put("nn.CSubTable", new Sample(CSubTable::new, tables(2)));
        s.put("nn.CMulTable", new Sample(CMulTable::new, tables(3)));
        s.put("nn.CMaxTable", new Sample(CMaxTable::new, tables(3)));
        s.put("nn.JoinTable", new Sample(() -> new JoinTable(1), tables(2)));
        s.put("nn.SelectTable", new Sample(() -> new SelectTable(-2), tables(3)));
        s.put("nn.Sequential", new Sample(() -> new Sequential<Tensor, Tensor>().add(new Linear(5, 4)).add(new Tanh())
                .add(new Dropout(0.2).evaluate()), t(3, 5)));
        s.put("nn.ConcatTable", new Sample(() -> new ConcatTable<Tensor>().add(new Linear(5, 2)).add(new Identity()),
                t(3, 5)));
        s.put("nn.ParallelTable", new Sample(() -> new ParallelTable().add(new Add(5)).add(new Sigmoid()),
                tables(2)));
        s.put("nn.Concat", new Sample(() -> new Concat(1).add(new Linear(5, 2)).add(new CMul(5)), t(3, 5)));
        s.put("nn.Square", new Sample(Square::new, t(3, 5)));
        s.put("nn.Exp", new Sample(Exp::new, t(3, 5)));
        s.put("nn.Log", new Sample(Log::new, () -> Tensor.uniform(0.5, 2, 3, 5)));
        s.put("nn.Abs", new Sample(Abs::new, t(3, 5)));
        s.put("nn.Power", new Sample(() -> new Power(3), t(3, 5)));
        s.put("nn.Sqrt", new Sample(() -> new Sqrt(1e-3), () -> Tensor.uniform(0.5, 2, 3, 5)));
        s.put("nn.AddConstant", new Sample(() -> new AddConstant(-1.5), t(3, 5)));
        transferFunctionSamples(s);
        // normalisation
        s.put("nn.BatchNormalization", new Sample(() -> new BatchNormalization(5, 1e-3, 0.2), t(3, 5)));
        s.put("nn.SpatialBatchNormalization",
                new Sample(() -> new SpatialBatchNormalization(2, 1e-5, 0.1, false), t(3, 2, 2, 3)));
        s.put("nn.SpatialCrossMapLRN", new Sample(() -> new SpatialCrossMapLRN(3, 0.5, 0.7, 2), t(2, 4, 2, 3)));
        s.put("nn.SpatialSubtractiveNormalization",
                new Sample(() -> new SpatialSubtractiveNormalization(2, Tensor.of(1, 2, 1)), t(2, 2, 3, 4)));
        s.put("nn.SpatialDivisiveNormalization", new Sample(
                () -> new SpatialDivisiveNormalization(2, Tensor.filled(1, 3, 3), 0.1, 0.2), t(2, 2, 3, 4)));
        s.put("nn.SpatialContrastiveNormalization",
                new Sample(() -> new SpatialContrastiveNormalization(2, Tensor.filled(1, 3, 3)), t(2, 3, 4)));
        s.put("nn.SpatialSoftMax", new Sample(SpatialSoftMax::new, t(2, 3, 2, 2)));
        s.put("nn.SpatialLogSoftMax", new Sample(SpatialLogSoftMax::new, t(3, 2, 2)));
        // ---- tables, distances and products (helper "table")
        s.put("nn.SplitTable", new Sample(() -> new SplitTable(0, 1), t(3, 5)));
        s.put("nn.NarrowTable", new Sample(() -> new NarrowTable(1, 2), tables(4)));
        s.put("nn.FlattenTable", new Sample(FlattenTable::new, () -> Table.of(Tensor.uniform(-1, 1, 2),
                Table.of(Tensor.uniform(-1, 1, 3), Tensor.uniform(-1, 1, 2, 2)))));
        s.put("nn.Parallel", new Sample(() -> new Parallel(0, 1).add(new Linear(5, 2)).add(new Tanh()), t(2, 3, 5)));
        s.put("nn.DepthConcat", new Sample(() -> new DepthConcat(1).add(new Linear(5, 2)).add(new Identity()),
                t(3, 5)));
        s.put("nn.MixtureTable", new Sample(MixtureTable::new, () -> Table.of(Tensor.uniform(-1, 1, 3, 2),
                Tensor.uniform(-1, 1, 3, 2, 5))));
        s.put("nn.CDivTable", new Sample(CDivTable::new, () -> Table.of(Tensor.uniform(-1, 1, 3, 5),
                Tensor.uniform(0.5, 2, 3, 5))));
        s.put("nn.CMinTable", new Sample(CMinTable::new, tables(3)));
        s.put("nn.MapTable", new Sample(() -> new MapTable(new Linear(5, 2)), tables(3)));
        s.put("nn.Euclidean", new Sample(() -> new Euclidean(5, 3), t(3, 5)));
        s.put("nn.WeightedEuclidean", new Sample(() -> new WeightedEuclidean(5, 3), t(3, 5)));
        s.put("nn.Cosine", new Sample(() -> new Cosine(5, 3), t(3, 5)));
        s.put("nn.CosineDistance", new Sample(CosineDistance::new, tables(2)));
        s.put("nn.DotProduct", new Sample(DotProduct::new, tables(2)));
        s.put("nn.PairwiseDistance", new Sample(() -> new PairwiseDistance(3), tables(2)));
        // ---- end of tables, distances and products
        // ---- convolution
        s.put("nn.SpatialConvolution", new Sample(() -> new SpatialConvolution(2, 3, 3, 2, 2, 1, 1, 0), t(2, 2, 5, 4)));
        s.put("nn.SpatialConvolutionMM", new Sample(() -> new SpatialConvolutionMM(2, 3, 3, 3, 1, 1, 1, 1),
                t(2, 5, 4)));
        s.put("nn.SpatialDilatedConvolution", new Sample(() -> new SpatialDilatedConvolution(2, 3, 3, 2, 1, 1, 1, 1, 2, 1)
                .noBias(), t(2, 2, 5, 4)));
        s.put("nn.SpatialFullConvolution", new Sample(() -> new SpatialFullConvolution(2, 3, 3, 3, 2, 2, 1, 1, 1, 0),
                t(2, 2, 3, 4)));
        s.put("nn.SpatialConvolutionLocal", new Sample(() -> new SpatialConvolutionLocal(2, 3, 4, 5, 3, 3, 1, 1, 1, 1),
                t(2, 2, 5, 4)));
        s.put("nn.SpatialSubSampling", new Sample(() -> new SpatialSubSampling(2, 2, 2, 2, 1), t(2, 2, 5, 4)));
        // ---- end of convolution
        PoolingCodecSamples.addTo(s);  // pooling, padding and resampling
        // shapes, copies and embeddings
        s.put("nn.Copy", new Sample(() -> new Copy("torch.DoubleTensor", "torch.FloatTensor"), t(3, 5)));
        s.put("nn.Contiguous", new Sample(Contiguous::new, t(3, 5)));
        s.put("nn.Mean", new Sample(() -> new Mean(0, 1), t(3, 5)));
        s.put("nn.Sum", new Sample(() -> new Sum(-1, 0, true, false), t(3, 5)));
        s.put("nn.Transpose", new Sample(() -> new Transpose(new int[] {0, 2}, new int[] {1, 2}), t(2, 3, 5)));
        s.put("nn.Narrow", new Sample(() -> new Narrow(1, 1, -2), t(3, 5)));
        s.put("nn.Select", new Sample(() -> new Select(1, -2), t(3, 5)));
        s.put("nn.Index", new Sample(() -> new Index(1), () -> Table.of(Tensor.uniform(-1, 1, 3, 5), Tensor.of(4, 0, 4))));
        s.put("nn.Replicate", new Sample(() -> new Replicate(2, 1, 1), t(3, 5)));
        s.put("nn.Squeeze", new Sample(() -> new Squeeze(1, 2), t(3, 1, 5)));
        s.put("nn.Unsqueeze", new Sample(() -> new Unsqueeze(1, 1), t(3, 5)));
        s.put("nn.MaskedSelect", new Sample(MaskedSelect::new, () -> Table.of(Tensor.uniform(-1, 1, 2, 3),
                Tensor.of(new double[][] {{1, 0, 1}, {0, 0, 1}}))));
        s.put("nn.Padding", new Sample(() -> new Padding(0, -2, 1, 0.5, 1), t(3, 5)));
        s.put("nn.Bottle", new Sample(() -> new Bottle(new Linear(5, 2)), t(2, 3, 5)));
        s.put("nn.LookupTable", new Sample(() -> new LookupTable(6, 3, 2, 1.5, 1), () -> Tensor.of(new double[][] {{0, 5}, {2, 5}})));
        s.put("nn.SparseLinear", new Sample(() -> new SparseLinear(6, 3, true).setWeightDecay(0.01),
                () -> Tensor.of(new double[][] {{0, 0.5}, {4, -1}})));
        TemporalVolumetricT7CodecsTest.addSamples(s);
        ForeignCodecSamples.addTo(s);  // dpnn, fast-neural-style, CycleGAN
        return s;
    }

    /** The transfer functions, Normalize and L1Penalty. */
    private static void transferFunctionSamples(Map<String, Sample> s) {
        s.put("nn.HardTanh", new Sample(() -> new HardTanh(-0.5, 0.5, true), t(3, 5)));
        s.put("nn.Clamp", new Sample(() -> new Clamp(-0.3, 0.7), t(3, 5)));
        s.put("nn.LeakyReLU", new Sample(() -> new LeakyReLU(0.2), t(3, 5)));
        s.put("nn.ELU", new Sample(() -> new ELU(0.7), t(3, 5)));
        s.put("nn.PReLU", new Sample(() -> new PReLU(5), t(3, 5)));
        s.put("nn.RReLU", new Sample(() -> new RReLU(0.1, 0.2).evaluate(), t(3, 5)));
        s.put("nn.SoftPlus", new Sample(() -> new SoftPlus(2, 10), t(3, 5)));
        s.put("nn.SoftSign", new Sample(SoftSign::new, t(3, 5)));
        s.put("nn.SoftShrink", new Sample(() -> new SoftShrink(0.3), t(3, 5)));
        s.put("nn.HardShrink", new Sample(() -> new HardShrink(0.3), t(3, 5)));
        s.put("nn.TanhShrink", new Sample(TanhShrink::new, t(3, 5)));
        s.put("nn.LogSigmoid", new Sample(LogSigmoid::new, t(3, 5)));
        s.put("nn.SoftMin", new Sample(SoftMin::new, t(3, 5)));
        s.put("nn.ReLU6", new Sample(() -> new ReLU6(true), () -> Tensor.uniform(-8, 8, 3, 5)));
        s.put("nn.GradientReversal", new Sample(() -> new GradientReversal(0.7), t(3, 5)));
        s.put("nn.Normalize", new Sample(() -> new Normalize(1.5, 1e-6), t(3, 5)));
        s.put("nn.L1Penalty", new Sample(() -> new L1Penalty(0.3, true), t(3, 5)));
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
        for (T7Codec<?> c : new LayersT7Codecs().codecs()) {
            registered.add(c.torchClass());
        }
        registered.remove("nn.gModule");  // loading only: see GraphT7CodecTest
        assertEquals(registered, new TreeSet<>(samples().keySet()));
        assertTrue(T7Bridge.supportedClasses().containsAll(registered), "found through ServiceLoader");
    }

    @ParameterizedTest(name = "{0} ascii={1}")
    @MethodSource("cases")
    @SuppressWarnings("unchecked")
    void savesAndReloadsToTheSameModule(String torchClass, boolean ascii, @TempDir Path dir) throws Exception {
        TorchRandom.manualSeed(11);
        Sample sample = samples().get(torchClass);
        Module<Data, Data> m = (Module<Data, Data>) sample.module().get();
        Data x = sample.input().get();
        Data y = m.forward(x);
        Data expected = y instanceof Tensor yt ? yt.clone() : ((Table) y).deepCopy();
        for (Parameter p : m.parameters()) {
            p.grad().copy(Tensor.uniform(-1, 1, p.grad().sizes()));
        }

        Path f = dir.resolve("m.t7");
        T7Bridge.save(f, m, ascii);
        T7Object raw = assertInstanceOf(T7Object.class, Torch7.load(f));
        assertEquals(torchClass, raw.className());
        Module<Data, Data> back = (Module<Data, Data>) T7Bridge.loadModule(f);
        assertSame(m.getClass(), back.getClass());
        assertEquals(m.toString(), back.toString());
        assertEquals(m.isTraining(), back.isTraining());
        assertEquals(m.parameters().size(), back.parameters().size());
        for (int i = 0; i < m.parameters().size(); i++) {
            Parameter a = m.parameters().get(i);
            Parameter b = back.parameters().get(i);
            assertEquals(a.name(), b.name());
            assertTrue(a.value().sameSizeAs(b.value()));
            assertEquals(0.0, a.value().maxAbsDiff(b.value()), "value of " + a.name());
            assertEquals(0.0, a.grad().maxAbsDiff(b.grad()), "grad of " + a.name());
        }
        Data y2 = back.forward(x);
        assertEquals(0.0, maxAbsDiff(expected, y2), torchClass + " output after reload");
    }

    @Test
    void writesTorchFieldNames() throws Exception {
        assertEquals(Set.of("weight", "bias", "gradWeight", "gradBias"), own(new Linear(2, 3)));
        assertEquals(Set.of("weight", "gradWeight"), own(new Linear(2, 3, false)));
        assertEquals(Set.of("bias", "gradBias", "_ones"), own(new Add(3)));
        assertEquals(Set.of("bias", "gradBias", "_ones", "scalar"), own(new Add(3, true)));
        assertEquals(Set.of("weight", "gradWeight", "size"), own(new CMul(2, 3)));
        assertEquals(Set.of("constant_scalar", "inplace"), own(new MulConstant(2)));
        assertEquals(Set.of("threshold", "val", "inplace"), own(new ReLU()));
        assertEquals(Set.of("p", "v2", "inplace", "stochastic_inference", "noise"), own(new Dropout()));
        assertEquals(Set.of(), own(new Tanh()));
        assertEquals(Set.of("dimension", "nInputDims"), own(new Max(0, 1)));
        assertEquals(Set.of("dimension"), own(new Min(1)));
        assertEquals(Set.of("size", "numElements", "numInputDims"), own(new View(-1).setNumInputDims(2)));
        assertEquals(Set.of("size", "batchsize", "nelement"), own(new Reshape(2, 3)));
        assertEquals(Set.of("dimension", "size"), own(new JoinTable(1)));
        assertEquals(Set.of("index"), own(new SelectTable(0)));
        assertEquals(Set.of("maxIdx", "mask", "maxVals", "gradMaxVals"), own(new CMaxTable()));
        assertEquals(Set.of("modules"), own(new Sequential<>()));
        assertEquals(Set.of("modules", "dimension", "outputSize"), own(new Concat(0)));
        assertEquals(Set.of("pow"), own(new Power(2)));
        assertEquals(Set.of("eps"), own(new Sqrt()));
        assertEquals(Set.of("constant_scalar", "inplace"), own(new AddConstant(1)));
        assertEquals(Set.of(), own(new Square()));

        T7Object cmul = (T7Object) T7Bridge.toT7(new CMul(2, 3));
        T7Storage size = cmul.getStorage("size");
        assertEquals("torch.LongStorage", size.className());
        assertEquals(List.of(2.0, 3.0), List.of(size.getDouble(0), size.getDouble(1)));
        T7Object common = (T7Object) T7Bridge.toT7(new Tanh());
        assertEquals("torch.DoubleTensor", common.getString("_type"));
        assertTrue(common.getBoolean("train"));
    }

    @Test
    void luaPositionsAreShiftedBothWays() throws Exception {
        T7Object max = (T7Object) T7Bridge.toT7(new Max(0, 1));
        assertEquals(1.0, max.getNumber("dimension"));
        assertEquals(1.0, max.getNumber("nInputDims"));
        assertEquals(-1.0, ((T7Object) T7Bridge.toT7(new Min(-1))).getNumber("dimension"));
        assertEquals(2.0, ((T7Object) T7Bridge.toT7(new JoinTable(1))).getNumber("dimension"));
        assertEquals(3.0, ((T7Object) T7Bridge.toT7(new SelectTable(2))).getNumber("index"));
        assertEquals(-1.0, ((T7Object) T7Bridge.toT7(new SelectTable(-1))).getNumber("index"));
        assertEquals(2.0, ((T7Object) T7Bridge.toT7(new Concat(1))).getNumber("dimension"));

        T7Object sel = T7Object.withFields("nn.SelectTable");
        sel.fields().put("index", 2.0);
        assertEquals(1, assertInstanceOf(SelectTable.class, T7Bridge.toJava(sel)).index());
        sel.fields().put("index", -1.0);
        assertEquals(-1, assertInstanceOf(SelectTable.class, T7Bridge.toJava(sel)).index());
        sel.fields().put("index", 0.0);
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(sel));
        assertTrue(e.getMessage().contains("index 0 is not a Lua (1-based) position"), e.getMessage());
        // Torch's default Max dimension is 1, the first
        assertEquals(0, assertInstanceOf(Max.class, T7Bridge.toJava(T7Object.withFields("nn.Max"))).dimension());

        T7Object view = (T7Object) T7Bridge.toT7(new View(2, -1));
        T7Storage size = view.getStorage("size");
        assertEquals("torch.LongStorage", size.className());
        assertEquals(List.of(2.0, -1.0), List.of(size.getDouble(0), size.getDouble(1)));
        assertEquals(2.0, view.getNumber("numElements"));
        T7Object reshape = (T7Object) T7Bridge.toT7(new Reshape(2, 3));
        assertEquals(List.of(1.0, 2.0, 3.0), List.of(reshape.getStorage("batchsize").toDoubleArray()[0],
                reshape.getStorage("batchsize").toDoubleArray()[1], reshape.getStorage("batchsize").toDoubleArray()[2]));
        assertEquals(6.0, reshape.getNumber("nelement"));
    }

    @Test
    void childrenKeepTheirPlaceInErrors() {
        T7Object seq = T7Object.withFields("nn.Sequential");
        T7Object inner = T7Object.withFields("nn.ConcatTable");
        inner.fields().put("modules", T7Table.listOf(T7Object.withFields("nn.Tanh"),
                T7Object.withFields("nn.SpatialConvolutionMap")));
        seq.fields().put("modules", T7Table.listOf(T7Object.withFields("nn.Identity"), inner));
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(seq));
        assertEquals("modules[2].modules[2]: nn.SpatialConvolutionMap is not supported", e.getMessage());
    }

    @Test
    void dropoutFlagsAreTorchs() throws Exception {
        T7Object o = (T7Object) T7Bridge.toT7(new Dropout(0.25, true, true, true));
        assertEquals(0.25, o.getNumber("p"));
        assertEquals(false, o.getBoolean("v2"));
        assertEquals(true, o.getBoolean("inplace"));
        assertEquals(true, o.getBoolean("stochastic_inference"));
        Dropout d = assertInstanceOf(Dropout.class, T7Bridge.toJava(o));
        assertTrue(d.isV1() && d.isInplace() && d.isStochasticInference() && d.isTraining());

        // a file from before Torch's v2 has no v2 field: nil is false in Lua, so it is v1
        T7Object old = T7Object.withFields("nn.Dropout");
        old.fields().put("p", 0.5).put("train", true);
        assertTrue(assertInstanceOf(Dropout.class, T7Bridge.toJava(old)).isV1());
    }

    @Test
    void readsTorchsDefaultsAndChecksShapes() throws Exception {
        Threshold th = assertInstanceOf(Threshold.class, T7Bridge.toJava(T7Object.withFields("nn.Threshold")));
        assertEquals(1e-6, th.threshold());
        assertEquals(0.0, th.value());

        T7Object relu = T7Object.withFields("nn.ReLU");
        relu.fields().put("threshold", 0.5);
        T7ModuleException e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(relu));
        assertTrue(e.getMessage().contains("nn.ReLU with threshold 0.5"), e.getMessage());

        T7Object lin = T7Object.withFields("nn.Linear");
        lin.fields().put("weight", T7Tensor.fromTensor(Tensor.zeros(6)));
        e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(lin));
        assertTrue(e.getMessage().contains("weight must be 2-D"), e.getMessage());

        T7Object lin2 = T7Object.withFields("nn.Linear");
        lin2.fields().put("weight", T7Tensor.fromTensor(Tensor.zeros(2, 3)))
                .put("bias", T7Tensor.fromTensor(Tensor.zeros(3)));
        e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(lin2));
        assertTrue(e.getMessage().contains("bias has size [3], expected [2]"), e.getMessage());

        T7Table seq = T7Table.listOf(lin2);
        e = assertThrows(T7ModuleException.class, () -> T7Bridge.toJava(seq));
        assertTrue(e.getMessage().startsWith("[1]: nn.Linear"), e.getMessage());
    }

    private static Set<String> own(Module<?, ?> m) throws T7ModuleException {
        T7Object o = (T7Object) T7Bridge.toT7(m);
        Set<String> keys = new TreeSet<>(o.fields().stringKeys());
        keys.removeAll(Set.of("output", "gradInput", "_type", "train"));
        return keys;
    }

    static double maxAbsDiff(Data a, Data b) {
        if (a instanceof Tensor ta && b instanceof Tensor tb) {
            assertTrue(ta.sameSizeAs(tb), ta.shapeString() + " vs " + tb.shapeString());
            return ta.maxAbsDiff(tb);
        }
        Table x = (Table) a;
        Table y = (Table) b;
        assertEquals(x.size(), y.size());
        double m = 0;
        for (int i = 0; i < x.size(); i++) {
            m = Math.max(m, maxAbsDiff(x.get(i), y.get(i)));
        }
        return m;
    }
}
