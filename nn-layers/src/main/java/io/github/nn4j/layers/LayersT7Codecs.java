package io.github.nn4j.layers;

import static io.github.nn4j.layers.LuaFields.codec;
import static io.github.nn4j.layers.LuaFields.dimensionFromLua;
import static io.github.nn4j.layers.LuaFields.dimensionToLua;
import static io.github.nn4j.layers.LuaFields.emptyLongStorage;
import static io.github.nn4j.layers.LuaFields.longStorage;
import static io.github.nn4j.layers.LuaFields.readParameters;
import static io.github.nn4j.layers.LuaFields.sizes;
import static io.github.nn4j.layers.LuaFields.stateless;
import static io.github.nn4j.layers.LuaFields.truthy;
import static io.github.nn4j.layers.LuaFields.writeParameters;

import java.util.ArrayList;
import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Codec;
import io.github.nn4j.torch7.T7CodecProvider;
import io.github.nn4j.torch7.T7ElementType;
import io.github.nn4j.torch7.T7ModuleException;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Storage;
import io.github.nn4j.torch7.T7Table;
import io.github.nn4j.torch7.T7Tensor;

/**
 * The {@code .t7} codecs of every module of this package, found by
 * {@link io.github.nn4j.torch7.T7Bridge} through {@link java.util.ServiceLoader}: a Torch file
 * holding {@code nn.Linear}, {@code nn.Sequential}, ... loads as the Java module, and a Java module
 * saves as the object Torch's own {@code torch.load} reads back.
 *
 * <p><b>Fields read and written</b> (beyond the common {@code output}, {@code gradInput},
 * {@code _type}, {@code train} that the bridge handles), as Torch's constructors set them:
 * <table>
 * <caption>Torch fields per class</caption>
 * <tr><th>class</th><th>fields</th></tr>
 * <tr><td>Linear</td><td>{@code weight} (out × in), {@code bias} (absent after {@code noBias}),
 *     {@code gradWeight}, {@code gradBias}; no {@code gradInput} after {@code noGradInput}
 *     (Torch's {@code gradInput = nil})</td></tr>
 * <tr><td>Add</td><td>{@code bias}, {@code gradBias}, {@code scalar}, {@code _ones}</td></tr>
 * <tr><td>Mul, CMul</td><td>{@code weight}, {@code gradWeight}; CMul also {@code size}
 *     (LongStorage)</td></tr>
 * <tr><td>MulConstant</td><td>{@code constant_scalar}, {@code inplace}</td></tr>
 * <tr><td>Threshold, ReLU</td><td>{@code threshold}, {@code val}, {@code inplace}</td></tr>
 * <tr><td>Dropout</td><td>{@code p}, {@code v2}, {@code inplace}, {@code stochastic_inference},
 *     {@code noise}</td></tr>
 * <tr><td>Max, Min</td><td>{@code dimension} (1-based), {@code nInputDims} (if set)</td></tr>
 * <tr><td>View</td><td>{@code size} (LongStorage, −1 inferred), {@code numElements},
 *     {@code numInputDims} (if set)</td></tr>
 * <tr><td>Reshape</td><td>{@code size}, {@code batchsize} (LongStorages), {@code nelement},
 *     {@code batchMode} (if forced)</td></tr>
 * <tr><td>JoinTable</td><td>{@code dimension} (1-based), {@code nInputDims} (if set), {@code size}</td></tr>
 * <tr><td>SelectTable</td><td>{@code index} (1-based; negative counts from the end)</td></tr>
 * <tr><td>CAddTable</td><td>{@code inplace} (if set)</td></tr>
 * <tr><td>CMaxTable</td><td>the buffers {@code maxIdx}, {@code mask}, {@code maxVals},
 *     {@code gradMaxVals}</td></tr>
 * <tr><td>Sequential, ConcatTable, ParallelTable</td><td>{@code modules} (a Lua array)</td></tr>
 * <tr><td>Concat</td><td>{@code modules}, {@code dimension} (1-based), {@code outputSize}</td></tr>
 * <tr><td>Power</td><td>{@code pow}</td></tr>
 * <tr><td>Sqrt</td><td>{@code eps}</td></tr>
 * <tr><td>AddConstant</td><td>{@code constant_scalar}, {@code inplace}</td></tr>
 * <tr><td>Sigmoid, Tanh, SoftMax, LogSoftMax, Identity, CSubTable, CMulTable, Square, Exp, Log,
 *     Abs</td><td>none</td></tr>
 * <tr><td>gModule (nngraph)</td><td>loaded from {@code forwardnodes}; saved with the
 *     {@code fg}/{@code bg} graphs, node lists and {@code modules} nngraph builds: see
 *     {@link GraphT7Codec}</td></tr>
 * </table>
 *
 * <p><b>Lua's 1-based values</b> are shifted here, at the boundary: a dimension or index
 * {@code d ≥ 1} in the file is {@code d − 1} in Java and back; a negative one counts from the end
 * in both and is kept (0 is rejected: no Lua position is 0). Parameter
 * gradients are loaded as stored (a file saved after {@code zeroGradParameters} holds zeros;
 * other files may hold Torch's uninitialised memory, as Torch itself would).
 *
 * <p><b>Difference from Torch:</b> building a module runs its constructor, whose {@code reset()}
 * draws from {@link io.github.nn4j.TorchRandom#global()} before the stored weights overwrite the
 * draw; Torch's {@code torch.load} draws nothing.
 */
public final class LayersT7Codecs implements T7CodecProvider {

    /** The provider instance {@link java.util.ServiceLoader} creates. */
    public LayersT7Codecs() {
    }

    @Override
    public List<T7Codec<?>> codecs() {
        List<T7Codec<?>> c = new ArrayList<>();
        c.add(codec("nn.Linear", Linear.class, LayersT7Codecs::readLinear, LuaFields::writeParameters));
        c.add(codec("nn.Add", Add.class, LayersT7Codecs::readAdd, (m, f, out) -> {
            writeParameters(m, f, out);
            if (m.isScalar()) {
                f.put("scalar", true);
            }
            f.put("_ones", T7Tensor.fromTensor(Tensor.of(1)));
        }));
        c.add(codec("nn.Mul", Mul.class, (o, in) -> readParameters(new Mul(), o, in),
                LuaFields::writeParameters));
        c.add(codec("nn.CMul", CMul.class, LayersT7Codecs::readCMul, (m, f, out) -> {
            writeParameters(m, f, out);
            f.put("size", longStorage(m.weight().sizes()));
        }));
        c.add(codec("nn.MulConstant", MulConstant.class,
                (o, in) -> new MulConstant(o.getNumber("constant_scalar"), truthy(o.get("inplace"))),
                (m, f, out) -> {
                    f.put("constant_scalar", m.constant());
                    f.put("inplace", m.isInplace());
                }));
        c.add(codec("nn.Threshold", Threshold.class,
                (o, in) -> new Threshold(o.getNumber("threshold", 1e-6), o.getNumber("val", 0),
                        truthy(o.get("inplace"))),
                LayersT7Codecs::writeThreshold));
        c.add(codec("nn.ReLU", ReLU.class, LayersT7Codecs::readReLU, LayersT7Codecs::writeThreshold));
        c.add(codec("nn.Dropout", Dropout.class, LayersT7Codecs::readDropout, (m, f, out) -> {
            f.put("p", m.p());
            f.put("v2", !m.isV1());
            f.put("inplace", m.isInplace());
            f.put("stochastic_inference", m.isStochasticInference());
            f.put("noise", out.tensor(m.noise()));
        }));
        c.add(stateless("nn.Sigmoid", Sigmoid.class, Sigmoid::new));
        c.add(stateless("nn.Tanh", Tanh.class, Tanh::new));
        c.add(stateless("nn.SoftMax", SoftMax.class, SoftMax::new));
        c.add(stateless("nn.LogSoftMax", LogSoftMax.class, LogSoftMax::new));
        c.add(stateless("nn.Identity", Identity.class, Identity::new));
        addReshapingCodecs(c);
        addTableCodecs(c);
        addContainerCodecs(c);
        addElementWiseCodecs(c);
        c.add(GraphT7Codec.INSTANCE);

        // ---- convolution
        // (SpatialConvolution, SpatialConvolutionMM, SpatialDilatedConvolution, SpatialFullConvolution, SpatialConvolutionLocal, SpatialSubSampling)
        // one line per module: c.add(Module.T7);
        // ---- end of convolution

        // ---- temporal and volumetric
        // (TemporalConvolution, TemporalMaxPooling, TemporalSubSampling, VolumetricConvolution, VolumetricMaxPooling, SpatialDropout, VolumetricDropout)
        // one line per module: c.add(Module.T7);
        c.add(TemporalConvolution.T7);
        c.add(TemporalMaxPooling.T7);
        c.add(TemporalSubSampling.T7);
        c.add(VolumetricConvolution.T7);
        c.add(VolumetricMaxPooling.T7);
        c.add(SpatialDropout.T7);
        c.add(VolumetricDropout.T7);
        // ---- end of temporal and volumetric

        // ---- pooling, padding and resampling
        // (SpatialMaxPooling, SpatialAveragePooling, SpatialAdaptive*Pooling, SpatialMaxUnpooling, SpatialLPPooling, Spatial*Padding, SpatialUpSampling*)
        // one line per module: c.add(Module.T7);
        // ---- end of pooling, padding and resampling

        // ---- normalisation
        // (BatchNormalization, SpatialBatchNormalization, SpatialCrossMapLRN, Spatial*Normalization, SpatialSoftMax, SpatialLogSoftMax)
        // one line per module: c.add(Module.T7);
        // ---- end of normalisation

        // ---- transfer functions
        // (HardTanh, Clamp, LeakyReLU, ELU, PReLU, RReLU, SoftPlus, SoftSign, SoftShrink, HardShrink, TanhShrink, LogSigmoid, SoftMin, ReLU6, GradientReversal)
        // one line per module: c.add(Module.T7);
        // ---- end of transfer functions

        // ---- shapes, copies and embeddings
        // (Copy, Contiguous, Mean, Sum, Transpose, Narrow, Select, Index, Replicate, Squeeze, Unsqueeze, MaskedSelect, Padding, Bottle, LookupTable, SparseLinear)
        // one line per module: c.add(Module.T7);
        // ---- end of shapes, copies and embeddings

        // ---- tables
        // (SplitTable, NarrowTable, FlattenTable, Parallel, DepthConcat, MixtureTable, CDivTable, CMinTable, MapTable, Normalize, L1Penalty)
        // one line per module: c.add(Module.T7);
        // ---- end of tables

        // ---- distances and products
        // (Euclidean, WeightedEuclidean, Cosine, CosineDistance, DotProduct, PairwiseDistance, MM, MV, Bilinear)
        // one line per module: c.add(Module.T7);
        c.add(MM.T7);
        c.add(MV.T7);
        c.add(Bilinear.T7);
        // ---- end of distances and products

        return c;
    }

    /** Square, Power, Exp, Log, AddConstant, Abs, Sqrt. */
    private static void addElementWiseCodecs(List<T7Codec<?>> c) {
        c.add(stateless("nn.Square", Square.class, Square::new));
        c.add(stateless("nn.Exp", Exp.class, Exp::new));
        c.add(stateless("nn.Log", Log.class, Log::new));
        c.add(stateless("nn.Abs", Abs.class, Abs::new));
        c.add(codec("nn.Power", Power.class, (o, in) -> new Power(o.getNumber("pow")),
                (m, f, out) -> f.put("pow", m.power())));
        c.add(codec("nn.Sqrt", Sqrt.class, (o, in) -> new Sqrt(o.getNumber("eps", 0)),
                (m, f, out) -> f.put("eps", m.eps())));
        c.add(codec("nn.AddConstant", AddConstant.class,
                (o, in) -> new AddConstant(o.getNumber("constant_scalar"), truthy(o.get("inplace"))),
                (m, f, out) -> {
                    f.put("constant_scalar", m.constant());
                    f.put("inplace", m.isInplace());
                }));
    }

    /** Max, Min, View, Reshape. */
    private static void addReshapingCodecs(List<T7Codec<?>> c) {
        c.add(codec("nn.Max", Max.class,
                (o, in) -> new Max(dimensionFromLua(o, "dimension", 1, in), o.getInt("nInputDims", 0)),
                LayersT7Codecs::writeArgReduce));
        c.add(codec("nn.Min", Min.class,
                (o, in) -> new Min(dimensionFromLua(o, "dimension", 1, in), o.getInt("nInputDims", 0)),
                LayersT7Codecs::writeArgReduce));
        c.add(codec("nn.View", View.class, LayersT7Codecs::readView, (m, f, out) -> {
            int[] size = m.sizes();
            f.put("size", longStorage(size));
            int n = 1;
            for (int s : size) {
                n *= s >= 0 ? s : 1;
            }
            f.put("numElements", (double) n);
            if (m.numInputDims() > 0) {
                f.put("numInputDims", (double) m.numInputDims());
            }
        }));
        c.add(codec("nn.Reshape", Reshape.class, LayersT7Codecs::readReshape, (m, f, out) -> {
            int[] size = m.sizes();
            int[] batch = new int[size.length + 1];
            batch[0] = 1;
            System.arraycopy(size, 0, batch, 1, size.length);
            int n = 1;
            for (int s : size) {
                n *= s;
            }
            f.put("size", longStorage(size));
            f.put("batchsize", longStorage(batch));
            f.put("nelement", (double) n);
            if (m.batchMode() != null) {
                f.put("batchMode", m.batchMode());
            }
        }));
    }

    /** CAddTable, CSubTable, CMulTable, CMaxTable, JoinTable, SelectTable. */
    private static void addTableCodecs(List<T7Codec<?>> c) {
        c.add(codec("nn.CAddTable", CAddTable.class, (o, in) -> new CAddTable(truthy(o.get("inplace"))),
                (m, f, out) -> {
                    if (m.isInplace()) {
                        f.put("inplace", true);
                    }
                }));
        c.add(stateless("nn.CSubTable", CSubTable.class, CSubTable::new));
        c.add(stateless("nn.CMulTable", CMulTable.class, CMulTable::new));
        c.add(codec("nn.CMaxTable", CMaxTable.class, (o, in) -> new CMaxTable(), (m, f, out) -> {
            // the buffers Torch's constructor makes (its updateOutput uses them without checking)
            for (String buffer : new String[] {"maxIdx", "mask", "maxVals", "gradMaxVals"}) {
                f.put(buffer, out.tensor(Tensor.empty()));
            }
        }));
        c.add(codec("nn.JoinTable", JoinTable.class,
                (o, in) -> new JoinTable(dimensionFromLua(o, "dimension", null, in), o.getInt("nInputDims", 0)),
                (m, f, out) -> {
                    f.put("dimension", (double) dimensionToLua(m.dimension()));
                    if (m.nInputDims() > 0) {
                        f.put("nInputDims", (double) m.nInputDims());
                    }
                    f.put("size", emptyLongStorage());
                }));
        c.add(codec("nn.SelectTable", SelectTable.class,
                (o, in) -> new SelectTable(dimensionFromLua(o, "index", null, in)),
                (m, f, out) -> f.put("index", (double) dimensionToLua(m.index()))));
    }

    /** Sequential, ConcatTable, ParallelTable, Concat. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void addContainerCodecs(List<T7Codec<?>> c) {
        c.add(codec("nn.Sequential", (Class<Sequential>) (Class) Sequential.class, (o, in) -> {
            Sequential<?, ?> s = new Sequential<>();
            for (Module<?, ?> m : in.children(o)) {
                s.add(m);
            }
            return s;
        }, LayersT7Codecs::writeChildren));
        c.add(codec("nn.ConcatTable", (Class<ConcatTable>) (Class) ConcatTable.class, (o, in) -> {
            ConcatTable<?> s = new ConcatTable<>();
            for (Module<?, ?> m : in.children(o)) {
                s.add(m);
            }
            return s;
        }, LayersT7Codecs::writeChildren));
        c.add(codec("nn.ParallelTable", ParallelTable.class, (o, in) -> {
            ParallelTable s = new ParallelTable();
            for (Module<?, ?> m : in.children(o)) {
                s.add(m);
            }
            return s;
        }, LayersT7Codecs::writeChildren));
        c.add(codec("nn.Concat", Concat.class, (o, in) -> {
            Concat s = new Concat(dimensionFromLua(o, "dimension", null, in));
            for (Module<?, ?> m : in.children(o)) {
                s.add(m);
            }
            return s;
        }, (m, f, out) -> {
            writeChildren(m, f, out);
            f.put("dimension", (double) dimensionToLua(m.dimension()));
            f.put("outputSize", emptyLongStorage());
        }));
    }

    private static void writeChildren(Module<?, ?> m, T7Table f, T7Bridge.Writing out) throws T7ModuleException {
        T7Table modules = new T7Table();
        for (Module<?, ?> child : m.children()) {
            modules.append(out.convert(child));
        }
        f.put("modules", modules);
        // before its first forward/backward a container has no output or gradInput of its own
        // (they are its children's); Torch's constructors give it empty ones, which its read expects
        boolean tableOut = m instanceof ConcatTable<?> || m instanceof ParallelTable;
        if (!f.has("output")) {
            f.put("output", tableOut ? new T7Table() : out.tensor(Tensor.empty()));
        }
        if (!f.has("gradInput")) {
            f.put("gradInput", m instanceof ParallelTable ? new T7Table() : out.tensor(Tensor.empty()));
        }
    }

    private static void writeArgReduce(ArgReduce m, T7Table f, T7Bridge.Writing out) {
        f.put("dimension", (double) dimensionToLua(m.dimension()));
        if (m.nInputDims() > 0) {
            f.put("nInputDims", (double) m.nInputDims());
        }
    }

    private static View readView(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        int[] size = sizes(o, "size", in);
        if (size == null || size.length == 0) {
            throw in.error("nn.View: missing its size (field size, a torch.LongStorage)");
        }
        View v = new View(size);
        int n = o.getInt("numInputDims", 0);
        if (n > 0) {
            v.setNumInputDims(n);
        }
        return v;
    }

    private static Reshape readReshape(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        int[] size = sizes(o, "size", in);
        if (size == null || size.length == 0) {
            throw in.error("nn.Reshape: missing its size (field size, a torch.LongStorage)");
        }
        Object batchMode = o.get("batchMode");
        if (batchMode instanceof Boolean b) {
            return new Reshape(size, b);
        }
        return new Reshape(size);
    }

    // ------------------------------------------------------------------ layers

    private static Linear readLinear(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        Tensor w = in.tensor(o, "weight");
        if (w.dim() != 2) {
            throw in.error("nn.Linear: weight must be 2-D (outputSize x inputSize), got " + w.shapeString());
        }
        boolean withBias = o.get("bias") != null;
        Linear linear = readParameters(new Linear(w.size(1), w.size(0), withBias), o, in);
        // Linear.lua computes its gradInput only `if self.gradInput`: a file without the field
        // comes from `linear.gradInput = nil`
        return o.get("gradInput") == null ? linear.noGradInput() : linear;
    }

    private static Add readAdd(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        Tensor b = in.tensor(o, "bias");
        boolean scalar = truthy(o.get("scalar"));
        if (b.dim() != 1 || (scalar && b.numel() != 1)) {
            throw in.error("nn.Add: expected a 1-D bias" + (scalar ? " of 1 element" : "") + ", got "
                    + b.shapeString());
        }
        return readParameters(new Add(b.numel(), scalar), o, in);
    }

    private static CMul readCMul(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        Tensor w = in.tensor(o, "weight");
        if (w.dim() == 0) {
            throw in.error("nn.CMul: the weight is empty");
        }
        return readParameters(new CMul(w.sizes()), o, in);
    }

    private static ReLU readReLU(T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        double th = o.getNumber("threshold", 0);
        double val = o.getNumber("val", 0);
        if (th != 0 || val != 0) {
            throw in.error("nn.ReLU with threshold " + th + " and val " + val
                    + " is not supported (save it as an nn.Threshold)");
        }
        return new ReLU(truthy(o.get("inplace")));
    }

    private static void writeThreshold(Threshold m, T7Table f, T7Bridge.Writing out) {
        f.put("threshold", m.threshold());
        f.put("val", m.value());
        f.put("inplace", m.isInplace());
    }

    private static Dropout readDropout(T7Object o, T7Bridge.Reading in) {
        // a file without v2 predates Torch's inverted dropout: nil is falsy, so it runs as v1
        boolean v1 = !truthy(o.get("v2"));
        Dropout d = new Dropout(o.getNumber("p", 0.5), v1, truthy(o.get("inplace")),
                truthy(o.get("stochastic_inference")));
        if (!truthy(o.get("train"))) {
            d.evaluate();
        }
        return d;
    }

}
