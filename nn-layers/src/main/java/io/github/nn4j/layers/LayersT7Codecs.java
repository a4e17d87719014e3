package io.github.nn4j.layers;

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
        c.add(codec("nn.Linear", Linear.class, LayersT7Codecs::readLinear, LayersT7Codecs::writeParameters));
        c.add(codec("nn.Add", Add.class, LayersT7Codecs::readAdd, (m, f, out) -> {
            writeParameters(m, f, out);
            if (m.isScalar()) {
                f.put("scalar", true);
            }
            f.put("_ones", T7Tensor.fromTensor(Tensor.of(1)));
        }));
        c.add(codec("nn.Mul", Mul.class, (o, in) -> readParameters(new Mul(), o, in),
                LayersT7Codecs::writeParameters));
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

    /**
     * A Lua dimension or index field as nn4j's: {@code d ≥ 1} becomes {@code d − 1}; a negative
     * value counts from the end in both languages and is kept.
     *
     * @param o the object
     * @param key the field
     * @param defaultValue Lua's default, or {@code null} when the field is required
     * @param in for errors
     * @return the 0-based (or negative) value
     * @throws T7ModuleException if the field is absent without default, not an integer, or 0
     */
    static int dimensionFromLua(T7Object o, String key, Integer defaultValue, T7Bridge.Reading in)
            throws T7ModuleException {
        if (o.get(key) == null && defaultValue == null) {
            throw in.error(o.className() + ": missing field " + key);
        }
        int d = defaultValue == null ? o.getInt(key) : o.getInt(key, defaultValue);
        if (d == 0) {
            throw in.error(o.className() + ": " + key + " 0 is not a Lua (1-based) position");
        }
        return d > 0 ? d - 1 : d;
    }

    /**
     * nn4j's 0-based (or negative, counted from the end) dimension or index as Lua's.
     *
     * @param d the Java value
     * @return {@code d + 1} for {@code d ≥ 0}, else {@code d}
     */
    static int dimensionToLua(int d) {
        return d >= 0 ? d + 1 : d;
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

    // ------------------------------------------------------------------ helpers

    /**
     * Lua truthiness of a field: everything but {@code nil} and {@code false} is true.
     *
     * @param v the field value
     * @return whether Lua treats it as true
     */
    static boolean truthy(Object v) {
        return v != null && !Boolean.FALSE.equals(v);
    }

    /**
     * Copies the file's parameter tensors into the module's own (same names as Torch's fields:
     * {@code weight}, {@code bias}; gradients {@code gradWeight}, {@code gradBias} when present).
     */
    static <M extends Module<?, ?>> M readParameters(M m, T7Object o, T7Bridge.Reading in) throws T7ModuleException {
        for (Parameter p : m.parameters()) {
            Tensor v = in.tensor(o, p.name());
            if (!v.sameSizeAs(p.value())) {
                throw in.error(o.className() + ": " + p.name() + " has size " + v.shapeString() + ", expected "
                        + p.value().shapeString());
            }
            p.value().copy(v);
            Tensor g = in.optTensor(o, gradName(p.name()));
            if (g != null && g.sameSizeAs(p.grad())) {
                p.grad().copy(g);
            }
        }
        return m;
    }

    /** Writes the module's parameters and gradients under Torch's field names. */
    static void writeParameters(Module<?, ?> m, T7Table f, T7Bridge.Writing out) {
        for (Parameter p : m.parameters()) {
            f.put(p.name(), out.tensor(p.value()));
            f.put(gradName(p.name()), out.tensor(p.grad()));
        }
    }

    private static String gradName(String name) {
        return "grad" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * A {@code torch.LongStorage} holding the given values.
     *
     * @param values the values
     * @return the storage
     */
    static T7Storage longStorage(int... values) {
        long[] l = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            l[i] = values[i];
        }
        return T7Storage.wrap(l);
    }

    /**
     * The values of a field holding sizes: a {@code torch.LongStorage}, a tensor, or a Lua array
     * of numbers.
     *
     * @param o the object
     * @param key the field
     * @param in for errors
     * @return the values, or {@code null} when the field is absent
     * @throws T7ModuleException if the field is something else or holds non-integers
     */
    static int[] sizes(T7Object o, String key, T7Bridge.Reading in) throws T7ModuleException {
        Object v = o.get(key);
        if (v == null) {
            return null;
        }
        double[] d;
        if (v instanceof T7Storage s) {
            d = s.toDoubleArray();
        } else if (v instanceof T7Tensor t) {
            d = t.toDoubleArray();
        } else if (v instanceof T7Table t && t.isList()) {
            List<Object> list = t.list();
            d = new double[list.size()];
            for (int i = 0; i < d.length; i++) {
                if (!(list.get(i) instanceof Double x)) {
                    throw in.error(o.className() + ": field " + key + " holds a non-number");
                }
                d[i] = x;
            }
        } else {
            throw in.error(o.className() + ": field " + key + " should be a torch.LongStorage, got "
                    + v.getClass().getSimpleName());
        }
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                throw in.error(o.className() + ": field " + key + " holds " + d[i] + ", not an integer");
            }
            out[i] = (int) d[i];
        }
        return out;
    }

    /** An empty {@code torch.LongStorage}. */
    static T7Storage emptyLongStorage() {
        return T7Storage.allocate(T7ElementType.LONG, 0);
    }

    static <J> T7Codec<J> codec(String torchClass, Class<J> javaClass, T7Codec.Reader<J> reader,
            T7Codec.Writer<J> writer) {
        return T7Codec.of(torchClass, javaClass, reader, writer);
    }

    private static <J> T7Codec<J> stateless(String torchClass, Class<J> javaClass, java.util.function.Supplier<J> make) {
        return codec(torchClass, javaClass, (o, in) -> make.get(), (m, f, out) -> { });
    }
}
