package io.github.nn4j.onnx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import io.github.nn4j.Data;
import io.github.nn4j.Module;
import io.github.nn4j.Table;
import io.github.nn4j.Tensor;
import io.github.nn4j.layers.Abs;
import io.github.nn4j.layers.Add;
import io.github.nn4j.layers.AddConstant;
import io.github.nn4j.layers.BatchNormalization;
import io.github.nn4j.layers.Bilinear;
import io.github.nn4j.layers.Bottle;
import io.github.nn4j.layers.CAddTable;
import io.github.nn4j.layers.CDivTable;
import io.github.nn4j.layers.CMaxTable;
import io.github.nn4j.layers.CMinTable;
import io.github.nn4j.layers.CMul;
import io.github.nn4j.layers.CMulTable;
import io.github.nn4j.layers.CSubTable;
import io.github.nn4j.layers.CharRnnOneHot;
import io.github.nn4j.layers.Clamp;
import io.github.nn4j.layers.Concat;
import io.github.nn4j.layers.ConcatTable;
import io.github.nn4j.layers.Contiguous;
import io.github.nn4j.layers.Copy;
import io.github.nn4j.layers.Cosine;
import io.github.nn4j.layers.CosineDistance;
import io.github.nn4j.layers.DepthConcat;
import io.github.nn4j.layers.DotProduct;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.ELU;
import io.github.nn4j.layers.Euclidean;
import io.github.nn4j.layers.Exp;
import io.github.nn4j.layers.FlattenTable;
import io.github.nn4j.layers.GradientReversal;
import io.github.nn4j.layers.Graph;
import io.github.nn4j.layers.HardShrink;
import io.github.nn4j.layers.HardTanh;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.Inception;
import io.github.nn4j.layers.Index;
import io.github.nn4j.layers.InstanceNormalization;
import io.github.nn4j.layers.JoinTable;
import io.github.nn4j.layers.L1Penalty;
import io.github.nn4j.layers.LeakyReLU;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.Log;
import io.github.nn4j.layers.LogSigmoid;
import io.github.nn4j.layers.LogSoftMax;
import io.github.nn4j.layers.LookupTable;
import io.github.nn4j.layers.MM;
import io.github.nn4j.layers.MV;
import io.github.nn4j.layers.MapTable;
import io.github.nn4j.layers.Max;
import io.github.nn4j.layers.Mean;
import io.github.nn4j.layers.Min;
import io.github.nn4j.layers.MixtureTable;
import io.github.nn4j.layers.Mul;
import io.github.nn4j.layers.MulConstant;
import io.github.nn4j.layers.Narrow;
import io.github.nn4j.layers.NarrowTable;
import io.github.nn4j.layers.Normalize;
import io.github.nn4j.layers.OneHot;
import io.github.nn4j.layers.PReLU;
import io.github.nn4j.layers.Padding;
import io.github.nn4j.layers.PairwiseDistance;
import io.github.nn4j.layers.Parallel;
import io.github.nn4j.layers.ParallelTable;
import io.github.nn4j.layers.Power;
import io.github.nn4j.layers.RReLU;
import io.github.nn4j.layers.ReLU6;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Replicate;
import io.github.nn4j.layers.Reshape;
import io.github.nn4j.layers.Select;
import io.github.nn4j.layers.SelectTable;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.layers.ShaveImage;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.SoftMax;
import io.github.nn4j.layers.SoftMin;
import io.github.nn4j.layers.SoftPlus;
import io.github.nn4j.layers.SoftShrink;
import io.github.nn4j.layers.SoftSign;
import io.github.nn4j.layers.SpatialAdaptiveAveragePooling;
import io.github.nn4j.layers.SpatialAdaptiveMaxPooling;
import io.github.nn4j.layers.SpatialAveragePooling;
import io.github.nn4j.layers.SpatialBatchNormalization;
import io.github.nn4j.layers.SpatialContrastiveNormalization;
import io.github.nn4j.layers.SpatialConvolution;
import io.github.nn4j.layers.SpatialConvolutionLocal;
import io.github.nn4j.layers.SpatialConvolutionMM;
import io.github.nn4j.layers.SpatialCrossMapLRN;
import io.github.nn4j.layers.SpatialDilatedConvolution;
import io.github.nn4j.layers.SpatialDivisiveNormalization;
import io.github.nn4j.layers.SpatialDropout;
import io.github.nn4j.layers.SpatialFullConvolution;
import io.github.nn4j.layers.SpatialLPPooling;
import io.github.nn4j.layers.SpatialLogSoftMax;
import io.github.nn4j.layers.SpatialMaxPooling;
import io.github.nn4j.layers.SpatialMaxUnpooling;
import io.github.nn4j.layers.SpatialReflectionPadding;
import io.github.nn4j.layers.SpatialReplicationPadding;
import io.github.nn4j.layers.SpatialSoftMax;
import io.github.nn4j.layers.SpatialSubSampling;
import io.github.nn4j.layers.SpatialSubtractiveNormalization;
import io.github.nn4j.layers.SpatialUpSamplingBilinear;
import io.github.nn4j.layers.SpatialUpSamplingNearest;
import io.github.nn4j.layers.SpatialZeroPadding;
import io.github.nn4j.layers.SplitTable;
import io.github.nn4j.layers.Sqrt;
import io.github.nn4j.layers.Square;
import io.github.nn4j.layers.Squeeze;
import io.github.nn4j.layers.Sum;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.layers.TanhShrink;
import io.github.nn4j.layers.TemporalConvolution;
import io.github.nn4j.layers.TemporalMaxPooling;
import io.github.nn4j.layers.TemporalSubSampling;
import io.github.nn4j.layers.Threshold;
import io.github.nn4j.layers.TotalVariation;
import io.github.nn4j.layers.Transpose;
import io.github.nn4j.layers.Unsqueeze;
import io.github.nn4j.layers.View;
import io.github.nn4j.layers.VolumetricConvolution;
import io.github.nn4j.layers.VolumetricDropout;
import io.github.nn4j.layers.VolumetricMaxPooling;
import io.github.nn4j.layers.WeightedEuclidean;
import io.github.nn4j.torch7.AtomicFiles;

/**
 * Writes a module as an ONNX model (opset {@value #OPSET}) whose graph computes the module's
 * {@code forward} in evaluate mode, so a ported Torch model runs in ONNX Runtime and other engines.
 *
 * <p>The graph is built for fixed input sizes. With one input tensor the graph's input is named
 * {@code input}; with a table of inputs ({@link #write(Module, List, Path, Precision)}) they are
 * {@code input_0}, {@code input_1}, …. A tensor output is named {@code output}; a table output
 * gives one graph output per tensor, depth first, {@code output_0}, {@code output_1}, …. Each
 * node's name starts with Torch's module path ({@code modules[2].modules[1]}, 0-based as
 * everywhere in nn4j; a {@link Graph}'s nodes are its children in topological order), so a layer
 * can be found in the exported graph. Parameters become initializers, in float32 by default or
 * float64 with {@link Precision#FLOAT64}.
 *
 * <p>The exporter first runs a copy of the module forward (in evaluate mode, on an input of ones)
 * to learn every intermediate size: Torch's batch-dimension rules (View, Reshape, JoinTable's
 * {@code nInputDims}, …) are then resolved to the exact sizes, as the graph's shapes are fixed.
 * The module itself is not touched. The model is built in memory: a module without an ONNX form
 * fails with an {@link OnnxExportException} naming it and its path before anything is written,
 * and the file is written atomically.
 *
 * <p>Float64: ONNX Runtime's CPU kernels for {@code Conv}, {@code ConvTranspose},
 * {@code AveragePool}, {@code Elu}, {@code LeakyRelu}, {@code PRelu} and {@code LRN} are float32
 * only, so in float64 those modules are written with standard operators that have double kernels
 * (an im2col of {@code Slice}s and one {@code MatMul} for a convolution, {@code Where} for the
 * activations). The float32 graph uses the native operators.
 *
 * <p>The exporter needs {@code org.tribuo:tribuo-util-onnx}, an optional dependency of nn-layers:
 * declare it in your own pom to export. Exportable modules: {@link #EXPORTABLE}; the modules
 * without an ONNX form, with the reason: {@link #NOT_EXPORTABLE}.
 */
public final class OnnxExport {

    /** The ONNX operator set the exported graphs use. */
    public static final int OPSET = 13;

    /** The element type of the exported graph's inputs, outputs and parameters. */
    public enum Precision {
        /** 32-bit floats, what most runtimes expect. */
        FLOAT32,
        /** 64-bit floats, nn4j's own precision. */
        FLOAT64
    }

    /** The module classes (exact classes, not subclasses) the exporter translates. */
    public static final List<Class<?>> EXPORTABLE = List.of(
            // containers and tables
            Sequential.class, Graph.class, Concat.class, DepthConcat.class, ConcatTable.class, ParallelTable.class,
            Parallel.class, MapTable.class, Bottle.class, Inception.class, JoinTable.class, SplitTable.class, SelectTable.class,
            NarrowTable.class, FlattenTable.class, CAddTable.class, CSubTable.class, CMulTable.class,
            CDivTable.class, CMaxTable.class, CMinTable.class, MM.class, MV.class, DotProduct.class,
            PairwiseDistance.class, CosineDistance.class, Bilinear.class, Index.class, MixtureTable.class,
            // linear, convolution, pooling, normalisation
            Linear.class, LookupTable.class, OneHot.class, CharRnnOneHot.class, Cosine.class, Euclidean.class, WeightedEuclidean.class, SpatialConvolution.class, SpatialConvolutionMM.class,
            SpatialDilatedConvolution.class, SpatialFullConvolution.class, VolumetricConvolution.class,
            SpatialConvolutionLocal.class, SpatialSubSampling.class, TemporalConvolution.class, TemporalSubSampling.class, SpatialMaxPooling.class,
            SpatialMaxUnpooling.class, SpatialAveragePooling.class, VolumetricMaxPooling.class, TemporalMaxPooling.class, SpatialLPPooling.class,
            SpatialAdaptiveMaxPooling.class, SpatialAdaptiveAveragePooling.class, Normalize.class,
            BatchNormalization.class, SpatialBatchNormalization.class, InstanceNormalization.class,
            SpatialCrossMapLRN.class, SpatialSubtractiveNormalization.class, SpatialDivisiveNormalization.class,
            SpatialContrastiveNormalization.class,
            // padding, resampling, shapes
            SpatialZeroPadding.class, SpatialReflectionPadding.class, SpatialReplicationPadding.class, ShaveImage.class,
            Padding.class, SpatialUpSamplingNearest.class, SpatialUpSamplingBilinear.class, View.class,
            Reshape.class, Squeeze.class, Unsqueeze.class, Transpose.class, Narrow.class, Select.class,
            Replicate.class, Contiguous.class, Copy.class, Sum.class, Mean.class, Max.class, Min.class,
            // activations and element-wise
            Identity.class, ReLU.class, ReLU6.class, Tanh.class, Sigmoid.class, SoftMax.class, LogSoftMax.class,
            SoftMin.class, SpatialSoftMax.class, SpatialLogSoftMax.class, ELU.class, LeakyReLU.class,
            PReLU.class, RReLU.class, HardTanh.class, Clamp.class, SoftPlus.class, SoftSign.class,
            LogSigmoid.class, Threshold.class, HardShrink.class, SoftShrink.class, TanhShrink.class,
            Abs.class, Square.class, Sqrt.class, Exp.class, Log.class, Power.class, Dropout.class,
            SpatialDropout.class, VolumetricDropout.class, MulConstant.class, AddConstant.class, Mul.class,
            Add.class, CMul.class, GradientReversal.class, L1Penalty.class, TotalVariation.class);

    /**
     * The concrete modules of nn-layers that have no ONNX form in this exporter, by class name,
     * with the reason. Exporting one fails with an {@link OnnxExportException}.
     */
    public static final Map<String, String> NOT_EXPORTABLE = notExportable();

    private static Map<String, String> notExportable() {
        Map<String, String> m = new LinkedHashMap<>();
        String p = "io.github.nn4j.layers.";
        m.put(p + "MaskedSelect", "its output size depends on the mask's values (no fixed-shape ONNX graph)");
        m.put(p + "SparseLinear", "takes Torch's sparse {index, value} input format, which ONNX has no tensor for");
        return java.util.Collections.unmodifiableMap(m);
    }

    private OnnxExport() {
    }

    /**
     * Writes {@code module} for one input of {@code inputShape}, in float32.
     *
     * @param module the module; exported as in evaluate mode (its own mode is not changed)
     * @param inputShape the input's sizes, e.g. {@code {1, 3, 32, 32}}
     * @param path the file to write (replaced atomically if it exists)
     * @throws OnnxExportException if a module has no ONNX form (nothing is written)
     * @throws IOException if the file cannot be written
     */
    public static void write(Module<?, ?> module, int[] inputShape, Path path) throws IOException {
        write(module, inputShape, path, Precision.FLOAT32);
    }

    /**
     * Writes {@code module} for one input of {@code inputShape} in the given precision.
     *
     * @param module the module
     * @param inputShape the input's sizes
     * @param path the file to write
     * @param precision float32 or float64
     * @throws OnnxExportException if a module has no ONNX form (nothing is written)
     * @throws IOException if the file cannot be written
     */
    public static void write(Module<?, ?> module, int[] inputShape, Path path, Precision precision)
            throws IOException {
        byte[] bytes = toModel(module, inputShape, precision).toByteArray(); // built whole before the disk is touched
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /**
     * Writes {@code module} for a table of input tensors (graph inputs {@code input_0},
     * {@code input_1}, …), for instance an nngraph model of several inputs.
     *
     * @param module the module, taking a {@link Table} of tensors
     * @param inputShapes the sizes of each entry of the input table
     * @param path the file to write
     * @param precision float32 or float64
     * @throws OnnxExportException if a module has no ONNX form (nothing is written)
     * @throws IOException if the file cannot be written
     */
    public static void write(Module<?, ?> module, List<int[]> inputShapes, Path path, Precision precision)
            throws IOException {
        byte[] bytes = toModel(module, inputShapes, precision).toByteArray();
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /**
     * Builds the ONNX model in memory for one input tensor.
     *
     * @param module the module
     * @param inputShape the input's sizes
     * @param precision float32 or float64
     * @return the model
     * @throws OnnxExportException if a module has no ONNX form
     */
    public static OnnxMl.ModelProto toModel(Module<?, ?> module, int[] inputShape, Precision precision) {
        return build(module, ones(module, inputShape), precision);
    }

    /**
     * Builds the ONNX model in memory for a table of input tensors.
     *
     * @param module the module
     * @param inputShapes the sizes of each entry of the input table
     * @param precision float32 or float64
     * @return the model
     * @throws OnnxExportException if a module has no ONNX form
     */
    public static OnnxMl.ModelProto toModel(Module<?, ?> module, List<int[]> inputShapes, Precision precision) {
        return build(module, onesTable(module, inputShapes), precision);
    }

    /**
     * Builds the ONNX model in memory for inputs shaped as {@code example}: a tensor (graph input
     * {@code input}) or a table, nested or not (graph inputs {@code input_0}, {@code input_1}, … for
     * its tensors, depth first). The example's values run the sizing forward (so, for instance,
     * indices stay valid); they are not stored in the model.
     *
     * @param module the module
     * @param example a tensor or a (nested) table of tensors, of the sizes the graph takes
     * @param precision float32 or float64
     * @return the model
     * @throws OnnxExportException if a module has no ONNX form
     */
    public static OnnxMl.ModelProto toModel(Module<?, ?> module, Data example, Precision precision) {
        return build(module, example, precision);
    }

    /**
     * Writes {@code module} for inputs shaped as {@code example} (see {@link #toModel(Module, Data, Precision)}).
     *
     * @param module the module
     * @param example a tensor or a (nested) table of tensors
     * @param path the file to write
     * @param precision float32 or float64
     * @throws OnnxExportException if a module has no ONNX form (nothing is written)
     * @throws IOException if the file cannot be written
     */
    public static void write(Module<?, ?> module, Data example, Path path, Precision precision) throws IOException {
        byte[] bytes = toModel(module, example, precision).toByteArray();
        AtomicFiles.write(path, out -> out.write(bytes));
    }

    /**
     * The graph input names for {@code n} inputs given as a table ({@code input_0}, …).
     *
     * @param i the entry
     * @return its graph input name
     */
    public static String inputName(int i) {
        return "input_" + i;
    }

    /**
     * The graph output name of the {@code i}-th tensor (depth first) of a table output.
     *
     * @param i the tensor's position
     * @return its graph output name
     */
    public static String outputName(int i) {
        return "output_" + i;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static OnnxMl.ModelProto build(Module<?, ?> module, Data example, Precision precision) {
        checkExportable(module, "");
        // a copy runs forward once, in evaluate mode, so every module's output holds its size
        Module<Data, Data> work = (Module) module.copy();
        work.evaluate();
        work.forward(example instanceof Table t ? t.deepCopy() : ((Tensor) example).clone());

        Builder b = new Builder(precision);
        for (Module<?, ?> u : work.listModules()) {
            if (u instanceof SpatialMaxUnpooling unpool) {
                b.unpooled.add(unpool.pooling());
            }
        }
        List<String> inNames = new ArrayList<>();
        List<int[]> inShapes = new ArrayList<>();
        Val in = b.inputs(module, example, example instanceof Tensor, inNames, inShapes);
        Val out = b.export(work, "", in);
        List<T> leaves = new ArrayList<>();
        flatten(out, leaves);
        List<String> outNames = new ArrayList<>();
        for (int i = 0; i < leaves.size(); i++) {
            String name = out instanceof T ? "output" : outputName(i);
            outNames.add(name);
            ONNXPlaceholder ref = b.ctx.floatOutput(name, 1);
            b.ctx.operation(OnnxOp.IDENTITY, List.of(leaves.get(i).ref), name + ":Identity").assignTo(ref);
        }
        List<int[]> outShapes = new ArrayList<>();
        for (T t : leaves) {
            outShapes.add(t.shape);
        }
        return b.model(inNames, inShapes, outNames, outShapes);
    }

    private static Tensor ones(Module<?, ?> module, int[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("ONNX export of " + module.torchTypeName() + ": an input shape is empty");
        }
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("ONNX export of " + module.torchTypeName()
                        + ": input sizes must be positive, got " + Arrays.toString(shape));
            }
        }
        return Tensor.zeros(shape.clone()).fill(1);
    }

    private static Table onesTable(Module<?, ?> module, List<int[]> shapes) {
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("ONNX export of " + module.torchTypeName() + ": no input shape");
        }
        Table t = new Table();
        for (int[] s : shapes) {
            t.add(ones(module, s));
        }
        return t;
    }

    /** Fails on the first module (depth first) the exporter has no translation for, before any work. */
    private static void checkExportable(Module<?, ?> m, String path) {
        Class<?> c = m.getClass();
        if (!EXPORTABLE.contains(c)) {
            String why = NOT_EXPORTABLE.get(c.getName());
            throw new OnnxExportException(m, path.isEmpty() ? "root" : path, why != null ? "has no ONNX form: " + why
                    : "has no ONNX form in this exporter (see OnnxExport.EXPORTABLE)");
        }
        List<Module<?, ?>> kids = m.children();
        for (int i = 0; i < kids.size(); i++) {
            checkExportable(kids.get(i), Builder.child(path, i));
        }
    }

    private static void flatten(Val v, List<T> into) {
        if (v instanceof T t) {
            into.add(t);
        } else {
            for (Val e : ((L) v).items) {
                flatten(e, into);
            }
        }
    }

    /** A graph value: a tensor of known sizes, or a table of values. */
    private sealed interface Val permits T, L {
    }

    /** A tensor value and its sizes. */
    private record T(ONNXRef<?> ref, int[] shape) implements Val {
        int rank() {
            return shape.length;
        }
    }

    /** A table value. */
    private record L(List<Val> items) implements Val {
    }

    private static int[] sizes(Data d) {
        return ((Tensor) d).sizes();
    }

    private static long prod(int[] s, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= s[i];
        }
        return p;
    }

    private static long[] longs(int... v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            l[i] = v[i];
        }
        return l;
    }

    /** Torch's dimension rule: negative from the end, else +1 when the input has a batch dimension. */
    private static int dim(int d, int nInputDims, int rank) {
        if (d < 0) {
            return rank + d;
        }
        return nInputDims > 0 && rank == nInputDims + 1 ? d + 1 : d;
    }

    /** One export: the Tribuo context, the parameters in double precision, the node paths. */
    private static final class Builder {
        final ONNXContext ctx = new ONNXContext();
        final Precision precision;
        final boolean f64;
        final Map<String, double[]> initData = new LinkedHashMap<>();
        final Map<String, long[]> initDims = new HashMap<>();
        final Map<String, String> nodePath = new HashMap<>();
        /** The pooling modules a SpatialMaxUnpooling of the model reads, and their indices once exported. */
        final java.util.Set<Module<?, ?>> unpooled = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        final Map<Module<?, ?>, T> indices = new java.util.IdentityHashMap<>();
        final Map<Module<?, ?>, int[]> unpooledInput = new java.util.IdentityHashMap<>();

        private int counter;


        Builder(Precision precision) {
            this.precision = precision;
            this.f64 = precision == Precision.FLOAT64;
        }

        /** {@code base} with a sequence number, so that a module used twice gets distinct names. */
        private String unique(String base) {
            return base + "#" + counter++;
        }

        /** The graph inputs for the example's tensors, depth first, and the value they form. */
        Val inputs(Module<?, ?> module, Data example, boolean single, List<String> names, List<int[]> shapes) {
            if (example instanceof Tensor t) {
                if (t.dim() == 0 || t.numel() == 0) {
                    throw new IllegalArgumentException("ONNX export of " + module.torchTypeName()
                            + ": an input tensor is empty");
                }
                String name = single ? "input" : inputName(names.size());
                names.add(name);
                shapes.add(t.sizes());
                return new T(ctx.floatInput(name, 1), t.sizes());
            }
            List<Val> items = new ArrayList<>();
            for (Data d : (Table) example) {
                items.add(inputs(module, d, false, names, shapes));
            }
            return new L(items);
        }

        private static String child(String path, int i) {
            return (path.isEmpty() ? "" : path + ".") + "modules[" + i + "]";
        }

        private T tensor(Module<?, ?> m, String at, Val v) {
            if (v instanceof T t) {
                return t;
            }
            throw new OnnxExportException(m, at, "takes a tensor, got a table");
        }

        private List<T> tensors(Module<?, ?> m, String at, Val v) {
            if (!(v instanceof L l)) {
                throw new OnnxExportException(m, at, "takes a table, got a tensor");
            }
            List<T> out = new ArrayList<>();
            for (Val e : l.items) {
                out.add(tensor(m, at, e));
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        Val export(Module<?, ?> m, String path, Val x) {
            Class<?> c = m.getClass();
            String at = path.isEmpty() ? "root" : path;
            if (!EXPORTABLE.contains(c)) {
                String why = NOT_EXPORTABLE.get(c.getName());
                throw new OnnxExportException(m, at, why != null ? "has no ONNX form: " + why
                        : "has no ONNX form in this exporter (see OnnxExport.EXPORTABLE)");
            }
            // containers and tables
            if (c == Sequential.class || c == SpatialLPPooling.class) {
                Val v = x;
                List<Module<?, ?>> kids = m.children();
                for (int i = 0; i < kids.size(); i++) {
                    v = export(kids.get(i), child(path, i), v);
                }
                return v;
            }
            if (c == Graph.class) {
                return graph((Graph) m, path, x);
            }
            if (c == ConcatTable.class) {
                List<Val> out = new ArrayList<>();
                List<Module<?, ?>> kids = m.children();
                for (int i = 0; i < kids.size(); i++) {
                    out.add(export(kids.get(i), child(path, i), x));
                }
                return new L(out);
            }
            if (c == ParallelTable.class || c == MapTable.class) {
                List<Val> items = x instanceof L l ? l.items : null;
                List<Module<?, ?>> kids = m.children();
                if (items == null || kids.size() < items.size()) {
                    throw new OnnxExportException(m, at, "needs a table of at most " + kids.size() + " entries");
                }
                List<Val> out = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    out.add(export(kids.get(i), child(path, i), items.get(i)));
                }
                return new L(out);
            }
            if (c == Concat.class || c == DepthConcat.class) {
                return concat(m, path, at, tensor(m, at, x), c == DepthConcat.class);
            }
            if (c == Parallel.class) {
                return parallel((Parallel) m, path, at, tensor(m, at, x));
            }
            if (c == Bottle.class) {
                Bottle b = (Bottle) m;
                Module<?, ?> inner = b.module();
                T in = tensor(m, at, x);
                int[] innerIn = innerInputShape(in.shape, b.nInputDim());
                T r = reshape(at, in, innerIn);
                T y = tensor(m, at, export(inner, child(path, 0), r));
                return reshape(at, y, sizes(m.output()));
            }
            if (c == Inception.class) {
                T in = tensor(m, at, x);
                T xb = batched(at, in, 2);
                T y = tensor(m, at, export(((Inception) m).module(), child(path, 0), xb));
                return reshape(at, y, sizes(m.output()));
            }
            if (c == Identity.class) {
                return x instanceof T t ? op(OnnxOp.IDENTITY, at, t.shape, Map.of(), t.ref) : x;
            }
            if (c == SelectTable.class) {
                List<Val> items = ((L) table(m, at, x)).items;
                int i = ((SelectTable) m).index();
                return items.get(i < 0 ? items.size() + i : i);
            }
            if (c == NarrowTable.class) {
                List<Val> items = ((L) table(m, at, x)).items;
                int n = ((Table) m.output()).size();
                return new L(new ArrayList<>(items.subList(((NarrowTable) m).offset(),
                        ((NarrowTable) m).offset() + n)));
            }
            if (c == FlattenTable.class) {
                List<T> leaves = new ArrayList<>();
                flatten(x, leaves);
                return new L(new ArrayList<>(leaves));
            }
            if (c == CAddTable.class || c == CMulTable.class || c == CMaxTable.class || c == CMinTable.class) {
                List<T> in = tensors(m, at, x);
                OnnxOp o = c == CAddTable.class ? OnnxOp.SUM : c == CMaxTable.class ? OnnxOp.MAX2
                        : c == CMinTable.class ? OnnxOp.MIN2 : OnnxOp.MUL;
                int[] shape = sizes(m.output());
                if (o == OnnxOp.MUL) {
                    T acc = in.get(0);
                    for (int i = 1; i < in.size(); i++) {
                        acc = op(o, at, shape, Map.of(), acc.ref, in.get(i).ref);
                    }
                    return in.size() == 1 ? op(OnnxOp.IDENTITY, at, shape, Map.of(), acc.ref) : acc;
                }
                return op(o, at, shape, Map.of(), in.stream().map(T::ref).toArray(ONNXRef<?>[]::new));
            }
            if (c == CSubTable.class || c == CDivTable.class) {
                List<T> in = tensors(m, at, x);
                return op(c == CSubTable.class ? OnnxOp.SUB : OnnxOp.DIV, at, sizes(m.output()), Map.of(),
                        in.get(0).ref, in.get(1).ref);
            }
            if (c == JoinTable.class) {
                List<T> in = tensors(m, at, x);
                JoinTable j = (JoinTable) m;
                int axis = dim(j.dimension(), j.nInputDims(), in.get(0).rank());
                return op(OnnxOp.CONCAT, at, sizes(m.output()), Map.of("axis", axis),
                        in.stream().map(T::ref).toArray(ONNXRef<?>[]::new));
            }
            if (c == SplitTable.class) {
                T in = tensor(m, at, x);
                SplitTable s = (SplitTable) m;
                int d = dim(s.dimension(), s.nInputDims(), in.rank());
                Table outs = (Table) m.output();
                List<Val> out = new ArrayList<>();
                for (int i = 0; i < in.shape[d]; i++) {
                    T piece = slice(at, in, d, i, i + 1);
                    out.add(reshape(at, piece, sizes(outs.get(i))));
                }
                return new L(out);
            }
            if (c == MM.class) {
                List<T> in = tensors(m, at, x);
                MM mm = (MM) m;
                if (f64 && (mm.isTransA() || mm.isTransB())) {
                    // ONNX Runtime fuses Transpose into MatMul as FusedMatMul, which has no double kernel
                    String b0 = in.get(0).rank() == 3 ? "b" : "";
                    String eq = b0 + (mm.isTransA() ? "ji" : "ij") + "," + b0 + (mm.isTransB() ? "kj" : "jk") + "->" + b0
                            + "ik";
                    return op(OnnxOp.EINSUM, at, sizes(m.output()), Map.of("equation", eq), in.get(0).ref, in.get(1).ref);
                }
                T a = mm.isTransA() ? swapLast(at, in.get(0)) : in.get(0);
                T bb = mm.isTransB() ? swapLast(at, in.get(1)) : in.get(1);
                return op(OnnxOp.MATMUL, at, sizes(m.output()), Map.of(), a.ref, bb.ref);
            }
            if (c == MV.class) {
                List<T> in = tensors(m, at, x);
                T v = in.get(1);
                if (f64 && ((MV) m).isTrans()) {
                    String b0 = v.rank() == 2 ? "b" : "";
                    return op(OnnxOp.EINSUM, at, sizes(m.output()), Map.of("equation", b0 + "ji," + b0 + "j->" + b0 + "i"),
                            in.get(0).ref, v.ref);
                }
                T a = ((MV) m).isTrans() ? swapLast(at, in.get(0)) : in.get(0);
                int[] col = Arrays.copyOf(v.shape, v.rank() + 1);
                col[v.rank()] = 1;
                T y = op(OnnxOp.MATMUL, at, null, Map.of(), a.ref, reshape(at, v, col).ref);
                return reshape(at, y, sizes(m.output()));
            }
            if (c == PairwiseDistance.class) {
                List<T> in = tensors(m, at, x);
                double pn = ((PairwiseDistance) m).norm();
                T d = op(OnnxOp.SUB, at, in.get(0).shape, Map.of(), in.get(0).ref, in.get(1).ref);
                return reshape(at, pNorm(at, d, pn, 0), sizes(m.output()));
            }
            if (c == CosineDistance.class) {
                List<T> in = tensors(m, at, x);
                T a = in.get(0);
                T bb = in.get(1);
                T ab = lastSum(at, op(OnnxOp.MUL, at, a.shape, Map.of(), a.ref, bb.ref));
                T aa = op(OnnxOp.ADD, at, null, Map.of(), lastSum(at, op(OnnxOp.MUL, at, a.shape, Map.of(), a.ref,
                        a.ref)).ref, scalar(at + ".eps", 1e-12));
                T b2 = op(OnnxOp.ADD, at, null, Map.of(), lastSum(at, op(OnnxOp.MUL, at, bb.shape, Map.of(), bb.ref,
                        bb.ref)).ref, scalar(at + ".eps", 1e-12));
                T den = op(OnnxOp.SQRT, at, null, Map.of(), op(OnnxOp.MUL, at, null, Map.of(), aa.ref, b2.ref).ref);
                return reshape(at, op(OnnxOp.DIV, at, null, Map.of(), ab.ref, den.ref), sizes(m.output()));
            }
            if (c == Index.class) {
                // nn4j's indices are 0-based, held as floating-point values
                List<T> in = tensors(m, at, x);
                T idx = op(OnnxOp.CAST, at, in.get(1).shape, Map.of("to", DataType.INT64.getNumber()), in.get(1).ref);
                return op(OnnxOp.GATHER, at, sizes(m.output()), Map.of("axis", ((Index) m).dimension()), in.get(0).ref,
                        idx.ref);
            }
            if (c == MixtureTable.class) {
                return mixture((MixtureTable) m, at, x);
            }
            if (c == Bilinear.class) {
                List<T> in = tensors(m, at, x);
                Bilinear bl = (Bilinear) m;
                Tensor w = bl.weight();
                T y = op(OnnxOp.EINSUM, at, sizes(m.output()), Map.of("equation", "bi,kij,bj->bk"), in.get(0).ref,
                        init(at + ".weight", w.toArray(), longs(w.sizes())), in.get(1).ref);
                if (bl.bias() == null) {
                    return y;
                }
                return op(OnnxOp.ADD, at, y.shape, Map.of(), y.ref, init(at + ".bias", bl.bias().toArray(),
                        bl.bias().numel()));
            }
            if (c == DotProduct.class) {
                List<T> in = tensors(m, at, x);
                T p = op(OnnxOp.MUL, at, in.get(0).shape, Map.of(), in.get(0).ref, in.get(1).ref);
                T s = op(OnnxOp.REDUCE_SUM, at, null, Map.of("keepdims", 0), p.ref, ints(at + ".axes", -1));
                return reshape(at, s, sizes(m.output()));
            }
            // tensor modules
            T t = tensor(m, at, x);
            int[] outShape = sizes(m.output());
            if (c == Linear.class) {
                return linear((Linear) m, at, t);
            }
            if (c == LookupTable.class) {
                return lookup((LookupTable) m, at, t, outShape);
            }
            if (c == OneHot.class || c == CharRnnOneHot.class) {
                // x[..., None] == [0, 1, …, n − 1], as the graph's element type (nn4j's indices are 0-based)
                int n = ((OneHot) m).outputSize();
                double[] range = new double[n];
                for (int i = 0; i < n; i++) {
                    range[i] = i;
                }
                int[] col = Arrays.copyOf(t.shape, t.rank() + 1);
                col[t.rank()] = 1;
                T eq = op(OnnxOp.EQUAL, at, outShape, Map.of(), reshape(at, t, col).ref, init(at + ".range", range, n));
                return op(OnnxOp.CAST, at, outShape, Map.of("to", (f64 ? DataType.DOUBLE : DataType.FLOAT).getNumber()),
                        eq.ref);
            }
            if (c == InstanceNormalization.class) {
                return instanceNorm((InstanceNormalization) m, at, t);
            }
            if (c == ShaveImage.class) {
                int sz = ((ShaveImage) m).size();
                return reshape(at, padOrCrop(at, t, 2, new int[] {-sz, -sz}, new int[] {-sz, -sz}), outShape);
            }
            if (c == SpatialConvolution.class || c == SpatialConvolutionMM.class
                    || c == SpatialDilatedConvolution.class) {
                return spatialConvolution(m, at, t, outShape);
            }
            if (c == SpatialFullConvolution.class) {
                return fullConvolution((SpatialFullConvolution) m, at, t, outShape);
            }
            if (c == VolumetricConvolution.class) {
                VolumetricConvolution v = (VolumetricConvolution) m;
                int[] k = {v.kT(), v.kH(), v.kW()};
                int[] pad = {v.padT(), v.padH(), v.padW()};
                return conv(at, t, 3, v.weight().toArray(), v.nOutputPlane(), v.nInputPlane(), k,
                        v.bias() == null ? null : v.bias().toArray(), new int[] {v.dT(), v.dH(), v.dW()},
                        pad, pad, new int[] {1, 1, 1}, 1, outShape);
            }
            if (c == SpatialConvolutionLocal.class) {
                return localConvolution((SpatialConvolutionLocal) m, at, t, outShape);
            }
            if (c == SpatialSubSampling.class) {
                SpatialSubSampling s = (SpatialSubSampling) m;
                int planes = s.nInputPlane();
                int kk = s.kH() * s.kW();
                double[] w = new double[planes * kk];
                double[] sw = s.weight().toArray();
                for (int p = 0; p < planes; p++) {
                    Arrays.fill(w, p * kk, (p + 1) * kk, sw[p]);
                }
                return conv(at, t, 2, w, planes, planes, new int[] {s.kH(), s.kW()}, s.bias().toArray(),
                        new int[] {s.dH(), s.dW()}, new int[2], new int[2], new int[] {1, 1}, planes, outShape);
            }
            if (c == TemporalConvolution.class) {
                return temporalConvolution((TemporalConvolution) m, at, t, outShape);
            }
            if (c == TemporalSubSampling.class) {
                TemporalSubSampling ts = (TemporalSubSampling) m;
                int f = ts.inputFrameSize();
                int k = ts.kW();
                double[] sw = ts.weight().toArray();
                double[] w = new double[f * k];
                for (int i = 0; i < f; i++) {
                    Arrays.fill(w, i * k, (i + 1) * k, sw[i]);
                }
                T tr = swapLast(at, t);
                int[] o = outShape.clone();
                int r = o.length;
                o[r - 1] = outShape[r - 2];
                o[r - 2] = outShape[r - 1];
                T y = conv(at, tr, 1, w, f, f, new int[] {k}, ts.bias().toArray(), new int[] {ts.dW()}, new int[1],
                        new int[1], new int[] {1}, f, o);
                return swapLast(at, y);
            }
            if (c == SpatialAdaptiveMaxPooling.class || c == SpatialAdaptiveAveragePooling.class) {
                return adaptivePool(at, t, outShape, c == SpatialAdaptiveMaxPooling.class);
            }
            if (c == Normalize.class) {
                Normalize nz = (Normalize) m;
                T norm;
                if (Double.isInfinite(nz.p())) {
                    T mx = op(OnnxOp.REDUCE_MAX, at, null, Map.of("axes", new int[] {-1}, "keepdims", 1),
                            op(OnnxOp.ABS, at, t.shape, Map.of(), t.ref).ref);
                    norm = op(OnnxOp.ADD, at, null, Map.of(), mx.ref, scalar(at + ".eps", nz.eps()));
                } else {
                    norm = pNorm(at, t, nz.p(), nz.eps());
                }
                return op(OnnxOp.DIV, at, outShape, Map.of(), t.ref, norm.ref);
            }
            if (c == Cosine.class) {
                // y_j = (w_j / (‖w_j‖ + 1e-12)) · x / (‖x‖ + 1e-12), the templates normalised here in double
                Tensor wt = ((Cosine) m).weight();
                int outN = wt.size(0);
                int inN = wt.size(1);
                double[] w = wt.toArray();
                double[] wn = new double[inN * outN]; // transposed: [in, out]
                for (int j = 0; j < outN; j++) {
                    double sq = 0;
                    for (int i = 0; i < inN; i++) {
                        sq += w[j * inN + i] * w[j * inN + i];
                    }
                    double nrm = Math.sqrt(sq) + 1e-12;
                    for (int i = 0; i < inN; i++) {
                        wn[i * outN + j] = w[j * inN + i] / nrm;
                    }
                }
                T dot = op(OnnxOp.MATMUL, at, outShape, Map.of(), t.ref, init(at + ".weightNormalisedT", wn, inN, outN));
                T xn = op(OnnxOp.ADD, at, null, Map.of(), pNorm(at, t, 2, 0).ref, scalar(at + ".eps", 1e-12));
                return op(OnnxOp.DIV, at, outShape, Map.of(), dot.ref, xn.ref);
            }
            if (c == Euclidean.class || c == WeightedEuclidean.class) {
                // y_j = ‖c_j ⊙ (x − w_j)‖ over [.., in, 1] − [in, out]
                Tensor w = c == Euclidean.class ? ((Euclidean) m).weight() : ((WeightedEuclidean) m).weight();
                int inN = w.size(0);
                int outN = w.size(1);
                int[] col = Arrays.copyOf(t.shape, t.rank() + 1);
                col[t.rank()] = 1;
                int[] diffShape = col.clone();
                diffShape[t.rank()] = outN;
                T d = op(OnnxOp.SUB, at, diffShape, Map.of(), reshape(at, t, col).ref, init(at + ".weight", w.toArray(),
                        inN, outN));
                if (c == WeightedEuclidean.class) {
                    d = op(OnnxOp.MUL, at, diffShape, Map.of(), d.ref, init(at + ".diagCov",
                            ((WeightedEuclidean) m).diagCov().toArray(), inN, outN));
                }
                T sq = op(OnnxOp.MUL, at, diffShape, Map.of(), d.ref, d.ref);
                T sum = op(OnnxOp.REDUCE_SUM, at, null, Map.of("keepdims", 0), sq.ref, ints(at + ".axes", -2));
                return reshape(at, op(OnnxOp.SQRT, at, null, Map.of(), sum.ref), outShape);
            }
            if (c == SpatialMaxPooling.class) {
                SpatialMaxPooling p = (SpatialMaxPooling) m;
                if (unpooled.contains(m)) {
                    return maxPoolWithIndices(p, at, t, outShape);
                }
                return maxPool(at, t, new int[] {p.kH(), p.kW()}, new int[] {p.dH(), p.dW()},
                        new int[] {p.padH(), p.padW()}, outShape);
            }
            if (c == SpatialMaxUnpooling.class) {
                T ind = indices.get(((SpatialMaxUnpooling) m).pooling());
                if (ind == null) {
                    throw new OnnxExportException(m, at, "needs the indices of its SpatialMaxPooling, which this model "
                            + "does not run before it");
                }
                // the values written at the flat indices of the maxima into zeros of the pooling's input size
                int[] pooledIn = unpooledInput.get(((SpatialMaxUnpooling) m).pooling()); // batched
                long total = prod(pooledIn, 0, pooledIn.length);
                int n = t.shape.length == 0 ? 1 : (int) prod(t.shape, 0, t.rank());
                if (n != (int) prod(ind.shape, 0, ind.rank())) {
                    throw new OnnxExportException(m, at, "takes " + Arrays.toString(t.shape) + ", its pooling gave "
                            + Arrays.toString(ind.shape));
                }
                T flat = reshape(at, t, new int[] {n});
                T zeros = op(OnnxOp.EXPAND, at, new int[] {(int) total}, Map.of(), scalar(at + ".zero", 0),
                        ints(at + ".size", total));
                T idx = reshape(at, ind, new int[] {n});
                T y = op(OnnxOp.SCATTER_ELEMENTS, at, new int[] {(int) total}, Map.of("axis", 0), zeros.ref, idx.ref,
                        flat.ref);
                return reshape(at, y, outShape);
            }
            if (c == VolumetricMaxPooling.class) {
                VolumetricMaxPooling p = (VolumetricMaxPooling) m;
                return maxPool(at, t, new int[] {p.kT(), p.kH(), p.kW()}, new int[] {p.dT(), p.dH(), p.dW()},
                        new int[] {p.padT(), p.padH(), p.padW()}, outShape);
            }
            if (c == TemporalMaxPooling.class) {
                TemporalMaxPooling p = (TemporalMaxPooling) m;
                T tr = swapLast(at, t);
                int[] o = outShape.clone();
                int r = o.length;
                int tmp = o[r - 1];
                o[r - 1] = o[r - 2];
                o[r - 2] = tmp;
                T y = maxPool(at, tr, new int[] {p.kW()}, new int[] {p.dW()}, new int[] {0}, o);
                return swapLast(at, y);
            }
            if (c == SpatialAveragePooling.class) {
                return averagePool((SpatialAveragePooling) m, at, t, outShape);
            }
            if (c == BatchNormalization.class || c == SpatialBatchNormalization.class) {
                return batchNorm((BatchNormalization) m, at, t, c == SpatialBatchNormalization.class);
            }
            if (c == SpatialSubtractiveNormalization.class) {
                SpatialSubtractiveNormalization sn = (SpatialSubtractiveNormalization) m;
                return subtractive(at, t, kernel2d(sn.kernel()), sn.nInputPlane());
            }
            if (c == SpatialDivisiveNormalization.class) {
                SpatialDivisiveNormalization dn = (SpatialDivisiveNormalization) m;
                return divisive(at, t, kernel2d(dn.kernel()), dn.nInputPlane(), dn.threshold(), dn.thresval());
            }
            if (c == SpatialContrastiveNormalization.class) {
                // the subtractive stage divides by its own coef, so the kernel's scale cancels there
                SpatialContrastiveNormalization cn = (SpatialContrastiveNormalization) m;
                double[][] k = kernel2d(cn.kernel());
                return divisive(at, subtractive(at, t, k, cn.nInputPlane()), k, cn.nInputPlane(), cn.threshold(),
                        cn.thresval());
            }
            if (c == SpatialCrossMapLRN.class) {
                return lrn((SpatialCrossMapLRN) m, at, t);
            }
            if (c == SpatialZeroPadding.class || c == SpatialReflectionPadding.class
                    || c == SpatialReplicationPadding.class) {
                return spatialPad(m, at, t, outShape);
            }
            if (c == Padding.class) {
                return padding((Padding) m, at, t, outShape);
            }
            if (c == SpatialUpSamplingNearest.class) {
                int s = ((SpatialUpSamplingNearest) m).scale();
                int r = t.rank();
                int[] a = new int[r + 2];
                System.arraycopy(t.shape, 0, a, 0, r - 2);
                a[r - 2] = t.shape[r - 2];
                a[r - 1] = 1;
                a[r] = t.shape[r - 1];
                a[r + 1] = 1;
                int[] e = a.clone();
                e[r - 1] = s;
                e[r + 1] = s;
                T y = op(OnnxOp.EXPAND, at, e, Map.of(), reshape(at, t, a).ref, ints(at + ".shape", e));
                return reshape(at, y, outShape);
            }
            if (c == SpatialUpSamplingBilinear.class) {
                int r = t.rank();
                int h = t.shape[r - 2];
                int w = t.shape[r - 1];
                int oh = outShape[r - 2];
                int ow = outShape[r - 1];
                double[] awT = transpose(interpolation(w, ow), ow, w);
                int[] mid = t.shape.clone();
                mid[r - 1] = ow;
                T y = op(OnnxOp.MATMUL, at, mid, Map.of(), t.ref, init(at + ".widthT", awT, w, ow));
                return op(OnnxOp.MATMUL, at, outShape, Map.of(), init(at + ".height", interpolation(h, oh), oh, h),
                        y.ref);
            }
            if (c == View.class || c == Reshape.class || c == Squeeze.class || c == Unsqueeze.class) {
                return reshape(at, t, outShape);
            }
            if (c == Contiguous.class || c == Copy.class || c == GradientReversal.class
                    || c == L1Penalty.class || c == TotalVariation.class) {
                return op(OnnxOp.IDENTITY, at, outShape, Map.of(), t.ref);
            }
            if (c == Transpose.class) {
                int n = t.rank();
                int[] perm = new int[n];
                for (int k = 0; k < n; k++) {
                    perm[k] = k;
                }
                for (int[] p : ((Transpose) m).pairs()) {
                    int tmp = perm[p[0]];
                    perm[p[0]] = perm[p[1]];
                    perm[p[1]] = tmp;
                }
                return op(OnnxOp.TRANSPOSE, at, outShape, Map.of("perm", perm), t.ref);
            }
            if (c == Narrow.class) {
                Narrow nw = (Narrow) m;
                int d = nw.dimension() < 0 ? t.rank() + nw.dimension() : nw.dimension();
                int off = nw.offset() < 0 ? t.shape[d] + nw.offset() : nw.offset();
                return slice(at, t, d, off, off + outShape[d]);
            }
            if (c == Select.class) {
                Select s = (Select) m;
                int d = s.dimension() < 0 ? t.rank() + s.dimension() : s.dimension();
                int i = s.index() < 0 ? t.shape[d] + s.index() : s.index();
                return reshape(at, slice(at, t, d, i, i + 1), outShape);
            }
            if (c == Replicate.class) {
                Replicate rp = (Replicate) m;
                int r = rp.dim() + (rp.ndim() > 0 && t.rank() > rp.ndim() ? 1 : 0);
                int[] a = new int[t.rank() + 1];
                for (int k = 0, j = 0; k < a.length; k++) {
                    a[k] = k == r ? 1 : t.shape[j++];
                }
                return op(OnnxOp.EXPAND, at, outShape, Map.of(), reshape(at, t, a).ref, ints(at + ".shape", outShape));
            }
            if (c == Sum.class || c == Mean.class) {
                Sum s = (Sum) m;
                int d = dim(s.dimension(), s.nInputDims(), t.rank());
                T y = c == Mean.class || s.isSizeAverage()
                        ? op(OnnxOp.REDUCE_MEAN, at, null, Map.of("axes", new int[] {d}, "keepdims", 1), t.ref)
                        : op(OnnxOp.REDUCE_SUM, at, null, Map.of("keepdims", 1), t.ref, ints(at + ".axes", d));
                return reshape(at, y, outShape);
            }
            if (c == Max.class || c == Min.class) {
                int d = c == Max.class ? dim(((Max) m).dimension(), ((Max) m).nInputDims(), t.rank())
                        : dim(((Min) m).dimension(), ((Min) m).nInputDims(), t.rank());
                T y = op(c == Max.class ? OnnxOp.REDUCE_MAX : OnnxOp.REDUCE_MIN, at, null,
                        Map.of("axes", new int[] {d}, "keepdims", 1), t.ref);
                return reshape(at, y, outShape);
            }
            return activation(m, at, t);
        }

        private Val table(Module<?, ?> m, String at, Val x) {
            if (!(x instanceof L)) {
                throw new OnnxExportException(m, at, "takes a table, got a tensor");
            }
            return x;
        }

        private static int[] innerInputShape(int[] s, int nInputDim) {
            int lead = s.length - nInputDim + 1;
            if (lead <= 1) {
                return s.clone();
            }
            int[] r = new int[nInputDim];
            r[0] = (int) prod(s, 0, lead);
            System.arraycopy(s, lead, r, 1, nInputDim - 1);
            return r;
        }

        private Val graph(Graph g, String path, Val x) {
            List<Graph.Node> nodes = g.nodesTopologicallySorted();
            Val[] values = new Val[nodes.size()];
            List<Graph.Node> ins = g.inputNodes();
            if (ins.size() == 1) {
                values[ins.get(0).index()] = x;
            } else {
                if (!(x instanceof L l) || l.items.size() != ins.size()) {
                    throw new OnnxExportException(g, path.isEmpty() ? "root" : path,
                            "needs a table of " + ins.size() + " inputs");
                }
                for (int i = 0; i < ins.size(); i++) {
                    values[ins.get(i).index()] = l.items.get(i);
                }
            }
            int k = 0;
            for (Graph.Node n : nodes) {
                if (n.isInput()) {
                    continue;
                }
                Val in;
                if (n.inputs().size() == 1) {
                    in = values[n.inputs().get(0)];
                } else {
                    List<Val> items = new ArrayList<>();
                    for (int i : n.inputs()) {
                        items.add(values[i]);
                    }
                    in = new L(items);
                }
                values[n.index()] = export(g.module(n), child(path, k++), in);
            }
            List<Graph.Node> outs = g.outputNodes();
            if (outs.size() == 1) {
                return values[outs.get(0).index()];
            }
            List<Val> items = new ArrayList<>();
            for (Graph.Node n : outs) {
                items.add(values[n.index()]);
            }
            return new L(items);
        }

        private T concat(Module<?, ?> m, String path, String at, T x, boolean depth) {
            List<Module<?, ?>> kids = m.children();
            int[] out = sizes(m.output());
            int dimension = depth ? ((DepthConcat) m).dimension() : ((Concat) m).dimension();
            int d = dimension < 0 ? out.length + dimension : dimension;
            List<ONNXRef<?>> parts = new ArrayList<>();
            for (int i = 0; i < kids.size(); i++) {
                T y = tensor(m, at, export(kids.get(i), child(path, i), x));
                if (depth) {
                    int[] target = out.clone();
                    target[d] = y.shape[d];
                    y = centre(at, y, target);
                }
                parts.add(y.ref);
            }
            return op(OnnxOp.CONCAT, at, out, Map.of("axis", d), parts.toArray(new ONNXRef<?>[0]));
        }

        /** Zero-pads {@code y} to {@code target}, centred as Torch's DepthConcat places it. */
        private T centre(String at, T y, int[] target) {
            int r = y.rank();
            long[] pads = new long[2 * r];
            boolean any = false;
            for (int k = 0; k < r; k++) {
                int diff = target[k] - y.shape[k];
                pads[k] = diff / 2;
                pads[r + k] = diff - diff / 2;
                any |= diff != 0;
            }
            if (!any) {
                return y;
            }
            return op(OnnxOp.PAD, at, target, Map.of("mode", "constant"), y.ref, ints(at + ".pads", pads));
        }

        private T parallel(Parallel m, String path, String at, T x) {
            List<Module<?, ?>> kids = m.children();
            int[] out = sizes(m.output());
            int inD = m.inputDimension();
            List<ONNXRef<?>> parts = new ArrayList<>();
            for (int i = 0; i < kids.size(); i++) {
                int[] sel = new int[x.rank() - 1];
                for (int k = 0, j = 0; k < x.rank(); k++) {
                    if (k != inD) {
                        sel[j++] = x.shape[k];
                    }
                }
                T xi = reshape(at, slice(at, x, inD, i, i + 1), sel);
                parts.add(tensor(m, at, export(kids.get(i), child(path, i), xi)).ref);
            }
            return op(OnnxOp.CONCAT, at, out, Map.of("axis", m.outputDimension()), parts.toArray(new ONNXRef<?>[0]));
        }

        private T linear(Linear m, String at, T x) {
            if (x.rank() != 1 && x.rank() != 2) {
                throw new OnnxExportException(m, at, "needs a 1-D or 2-D input, got " + x.rank() + "-D");
            }
            Tensor w = m.weight();
            int out = w.size(0);
            int in = w.size(1);
            double[] wt = transpose(w.toArray(), out, in);
            int[] shape = x.rank() == 1 ? new int[] {out} : new int[] {x.shape[0], out};
            T y = op(OnnxOp.MATMUL, at, shape, Map.of(), x.ref, init(at + ".weightT", wt, in, out));
            if (m.bias() == null) {
                return y;
            }
            return op(OnnxOp.ADD, at, shape, Map.of(), y.ref, init(at + ".bias", m.bias().toArray(), out));
        }

        private T lookup(LookupTable m, String at, T x, int[] outShape) {
            // nn4j's indices are 0-based (Lua's k is k − 1), held as floating-point values
            T idx = op(OnnxOp.CAST, at, x.shape, Map.of("to", DataType.INT64.getNumber()), x.ref);
            Tensor w = m.weight();
            ONNXRef<?> wr = init(at + ".weight", w.toArray(), w.size(0), w.size(1));
            T rows = op(OnnxOp.GATHER, at, outShape, Map.of("axis", 0), wr, idx.ref);
            if (Double.isInfinite(m.maxNorm())) {
                return rows;
            }
            // maxNorm: Torch renormalises the rows it looks up, in place, by maxNorm / (norm + 1e-7) where
            // the norm exceeds maxNorm; a renormalised row stays as it is, so the graph applies it to the
            // looked-up rows (the module's own weight, exported as it is now, is not changed)
            T norm = pNorm(at, rows, m.normType(), 0);
            T big = op(OnnxOp.GREATER, at, null, Map.of(), norm.ref, scalar(at + ".maxNorm", m.maxNorm()));
            T den = op(OnnxOp.ADD, at, null, Map.of(), norm.ref, scalar(at + ".tiny", 1e-7));
            T ratio = op(OnnxOp.DIV, at, null, Map.of(), scalar(at + ".maxNorm", m.maxNorm()), den.ref);
            T scale = op(OnnxOp.WHERE, at, null, Map.of(), big.ref, ratio.ref, scalar(at + ".one", 1));
            return op(OnnxOp.MUL, at, outShape, Map.of(), rows.ref, scale.ref);
        }

        private T spatialConvolution(Module<?, ?> m, String at, T x, int[] outShape) {
            int nIn;
            int nOut;
            int kW;
            int kH;
            int dW;
            int dH;
            int padW;
            int padH;
            int dilW;
            int dilH;
            Tensor w;
            Tensor bias;
            int groups;
            if (m instanceof SpatialConvolution s) {
                groups = s.groups();
                nIn = s.nInputPlane();
                nOut = s.nOutputPlane();
                kW = s.kW();
                kH = s.kH();
                dW = s.dW();
                dH = s.dH();
                padW = s.padW();
                padH = s.padH();
                dilW = s.dilationW();
                dilH = s.dilationH();
                w = s.weight();
                bias = s.bias();
            } else {
                SpatialConvolutionMM s = (SpatialConvolutionMM) m;
                groups = s.groups();
                nIn = s.nInputPlane();
                nOut = s.nOutputPlane();
                kW = s.kW();
                kH = s.kH();
                dW = s.dW();
                dH = s.dH();
                padW = s.padW();
                padH = s.padH();
                dilW = s.dilationW();
                dilH = s.dilationH();
                w = s.weight();
                bias = s.bias();
            }
            int[] pad = {padH, padW};
            return conv(at, x, 2, w.toArray(), nOut, nIn, new int[] {kH, kW}, bias == null ? null : bias.toArray(),
                    new int[] {dH, dW}, pad, pad, new int[] {dilH, dilW}, groups, outShape);
        }

        private T temporalConvolution(TemporalConvolution m, String at, T x, int[] outShape) {
            int in = m.inputFrameSize();
            int out = m.outputFrameSize();
            int k = m.kW();
            double[] tw = m.weight().toArray(); // [out, k·in], frame-major
            double[] w = new double[out * in * k];
            for (int o = 0; o < out; o++) {
                for (int f = 0; f < in; f++) {
                    for (int j = 0; j < k; j++) {
                        w[(o * in + f) * k + j] = tw[o * k * in + j * in + f];
                    }
                }
            }
            T tr = swapLast(at, x);
            int[] o = outShape.clone();
            int r = o.length;
            o[r - 1] = outShape[r - 2];
            o[r - 2] = outShape[r - 1];
            T y = conv(at, tr, 1, w, out, in, new int[] {k}, m.bias().toArray(), new int[] {m.dW()}, new int[1],
                    new int[1], new int[] {1}, 1, o);
            return swapLast(at, y);
        }

        private T fullConvolution(SpatialFullConvolution m, String at, T x, int[] outShape) {
            int nIn = m.nInputPlane();
            int nOut = m.nOutputPlane();
            int kH = m.kH();
            int kW = m.kW();
            double[] w = m.weight().toArray(); // [nIn, nOut, kH, kW]
            double[] b = m.bias() == null ? null : m.bias().toArray();
            T xb = batched(at, x, 2);
            int[] ob = batchedShape(outShape, 2);
            if (!f64) {
                List<ONNXRef<?>> ins = new ArrayList<>(List.of(xb.ref, init(at + ".weight", w, nIn, nOut, kH, kW)));
                if (b != null) {
                    ins.add(init(at + ".bias", b, nOut));
                }
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("kernel_shape", new int[] {kH, kW});
                attrs.put("strides", new int[] {m.dH(), m.dW()});
                attrs.put("pads", new int[] {m.padH(), m.padW(), m.padH(), m.padW()});
                attrs.put("output_padding", new int[] {m.adjH(), m.adjW()});
                T y = op(OnnxOp.CONV_TRANSPOSE, at, ob, attrs, ins.toArray(new ONNXRef<?>[0]));
                return reshape(at, y, outShape);
            }
            // float64: zeros between the input pixels, then a stride-1 convolution with the flipped kernel
            int n = xb.shape[0];
            int h = xb.shape[2];
            int wd = xb.shape[3];
            int sH = m.dH();
            int sW = m.dW();
            T up = xb;
            if (sH > 1 || sW > 1) {
                int[] a = {n, nIn, h, 1, wd, 1};
                int[] padded = {n, nIn, h, sH, wd, sW};
                T r6 = reshape(at, xb, a);
                T p6 = op(OnnxOp.PAD, at, padded, Map.of("mode", "constant"), r6.ref,
                        ints(at + ".pads", 0, 0, 0, 0, 0, 0, 0, 0, 0, sH - 1, 0, sW - 1));
                T flat = reshape(at, p6, new int[] {n, nIn, h * sH, wd * sW});
                up = slice(at, flat, new int[] {2, 3}, new int[] {0, 0},
                        new int[] {(h - 1) * sH + 1, (wd - 1) * sW + 1});
            }
            int[] pb = {kH - 1 - m.padH(), kW - 1 - m.padW()};
            int[] pe = {kH - 1 - m.padH() + m.adjH(), kW - 1 - m.padW() + m.adjW()};
            double[] fw = new double[nOut * nIn * kH * kW]; // [nOut, nIn, kH, kW], flipped
            for (int i = 0; i < nIn; i++) {
                for (int o = 0; o < nOut; o++) {
                    for (int r = 0; r < kH; r++) {
                        for (int c = 0; c < kW; c++) {
                            fw[((o * nIn + i) * kH + (kH - 1 - r)) * kW + (kW - 1 - c)] = w[((i * nOut + o) * kH + r) * kW + c];
                        }
                    }
                }
            }
            T y = conv(at, up, 2, fw, nOut, nIn, new int[] {kH, kW}, b, new int[] {1, 1}, pb, pe,
                    new int[] {1, 1}, 1, ob);
            return reshape(at, y, outShape);
        }

        /** Adds a leading batch dimension of 1 to an input of {@code spatial + 1} dimensions. */
        private T batched(String at, T x, int spatial) {
            if (x.rank() == spatial + 2) {
                return x;
            }
            return reshape(at, x, batchedShape(x.shape, spatial));
        }

        private static int[] batchedShape(int[] s, int spatial) {
            if (s.length == spatial + 2) {
                return s;
            }
            int[] b = new int[s.length + 1];
            b[0] = 1;
            System.arraycopy(s, 0, b, 1, s.length);
            return b;
        }

        /**
         * A convolution over {@code spatial} dimensions of weight {@code [out, in/group, k...]}:
         * the Conv operator in float32, in float64 an im2col of slices and a MatMul (ONNX Runtime
         * has no double Conv). Negative padding crops.
         */
        private T conv(String at, T x, int spatial, double[] w, int nOut, int nIn, int[] k, double[] bias,
                int[] stride, int[] padBegin, int[] padEnd, int[] dil, int group, int[] outShape) {
            T xb = batched(at, x, spatial);
            int[] ob = batchedShape(outShape, spatial);
            int cg = nIn / group;
            long[] wd = new long[spatial + 2];
            wd[0] = nOut;
            wd[1] = cg;
            for (int i = 0; i < spatial; i++) {
                wd[i + 2] = k[i];
            }
            boolean negative = false;
            for (int i = 0; i < spatial; i++) {
                negative |= padBegin[i] < 0 || padEnd[i] < 0;
            }
            if (!f64 && !negative) {
                List<ONNXRef<?>> ins = new ArrayList<>(List.of(xb.ref, init(at + ".weight", w, wd)));
                if (bias != null) {
                    ins.add(init(at + ".bias", bias, nOut));
                }
                int[] pads = new int[2 * spatial];
                for (int i = 0; i < spatial; i++) {
                    pads[i] = padBegin[i];
                    pads[spatial + i] = padEnd[i];
                }
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("kernel_shape", k);
                attrs.put("strides", stride);
                attrs.put("pads", pads);
                attrs.put("dilations", dil);
                attrs.put("group", group);
                return reshape(at, op(OnnxOp.CONV, at, ob, attrs, ins.toArray(new ONNXRef<?>[0])), outShape);
            }
            T padded = padOrCrop(at, xb, spatial, padBegin, padEnd);
            int n = ob[0];
            int positions = (int) prod(ob, 2, ob.length);
            int kk = (int) prod(k, 0, spatial);
            List<ONNXRef<?>> groups = new ArrayList<>();
            for (int g = 0; g < group; g++) {
                T xg = group == 1 ? padded : slice(at, padded, new int[] {1}, new int[] {g * cg},
                        new int[] {(g + 1) * cg});
                List<ONNXRef<?>> cols = new ArrayList<>();
                int[] idx = new int[spatial];
                for (int p = 0; p < kk; p++) {
                    int rem = p;
                    for (int i = spatial - 1; i >= 0; i--) {
                        idx[i] = rem % k[i];
                        rem /= k[i];
                    }
                    int[] axes = new int[spatial];
                    int[] starts = new int[spatial];
                    int[] ends = new int[spatial];
                    for (int i = 0; i < spatial; i++) {
                        axes[i] = i + 2;
                        starts[i] = idx[i] * dil[i];
                        ends[i] = starts[i] + (ob[i + 2] - 1) * stride[i] + 1;
                    }
                    cols.add(slice(at, xg, axes, starts, ends, stride).ref);
                }
                int[] colShape = {n, kk * cg, positions};
                int[] catShape = ob.clone();
                catShape[1] = kk * cg;
                T cat = cols.size() == 1 ? new T(cols.get(0), catShape)
                        : op(OnnxOp.CONCAT, at, catShape, Map.of("axis", 1), cols.toArray(new ONNXRef<?>[0]));
                T col = reshape(at, cat, colShape);
                int og = nOut / group;
                double[] wm = new double[og * kk * cg]; // [og, kk·cg], position-major like the columns
                for (int o = 0; o < og; o++) {
                    for (int c = 0; c < cg; c++) {
                        for (int p = 0; p < kk; p++) {
                            wm[o * kk * cg + p * cg + c] = w[((g * og + o) * cg + c) * kk + p];
                        }
                    }
                }
                T y = op(OnnxOp.MATMUL, at, new int[] {n, og, positions}, Map.of(), init(at + ".weight", wm, og, kk * cg),
                        col.ref);
                if (bias != null) {
                    y = op(OnnxOp.ADD, at, y.shape, Map.of(), y.ref,
                            init(at + ".bias", Arrays.copyOfRange(bias, g * og, (g + 1) * og), og, 1));
                }
                groups.add(y.ref);
            }
            T all = groups.size() == 1 ? new T(groups.get(0), new int[] {n, nOut, positions})
                    : op(OnnxOp.CONCAT, at, new int[] {n, nOut, positions}, Map.of("axis", 1),
                            groups.toArray(new ONNXRef<?>[0]));
            return reshape(at, all, outShape);
        }

        /**
         * Untied weights {@code [oH, oW, out, in, kH, kW]}: the im2col columns (slices) times the
         * weight of each position, summed over the window: {@code y[n, o, p] = Σ_k w[p, o, k]·col[n, k, p]}.
         */
        private T localConvolution(SpatialConvolutionLocal m, String at, T x, int[] outShape) {
            T xb = batched(at, x, 2);
            int[] ob = batchedShape(outShape, 2);
            int n = ob[0];
            int nOut = m.nOutputPlane();
            int nIn = m.nInputPlane();
            int[] k = {m.kH(), m.kW()};
            int[] stride = {m.dH(), m.dW()};
            int[] pad = {m.padH(), m.padW()};
            int oh = ob[2];
            int ow = ob[3];
            int kk = k[0] * k[1];
            T padded = padOrCrop(at, xb, 2, pad, pad);
            List<ONNXRef<?>> cols = new ArrayList<>();
            for (int p = 0; p < kk; p++) {
                int r = p / k[1];
                int c = p % k[1];
                cols.add(slice(at, padded, new int[] {2, 3}, new int[] {r, c},
                        new int[] {r + (oh - 1) * stride[0] + 1, c + (ow - 1) * stride[1] + 1}, stride).ref);
            }
            int[] catShape = {n, kk * nIn, oh, ow};
            T cat = cols.size() == 1 ? new T(cols.get(0), catShape)
                    : op(OnnxOp.CONCAT, at, catShape, Map.of("axis", 1), cols.toArray(new ONNXRef<?>[0]));
            T col = reshape(at, cat, new int[] {n, 1, kk * nIn, oh, ow});
            double[] w = m.weight().toArray();
            int area = oh * ow;
            double[] wm = new double[nOut * kk * nIn * area]; // [out, kk·in, oH, oW]
            for (int pos = 0; pos < area; pos++) {
                for (int o = 0; o < nOut; o++) {
                    for (int ci = 0; ci < nIn; ci++) {
                        for (int p = 0; p < kk; p++) {
                            wm[((o * kk * nIn) + p * nIn + ci) * area + pos] = w[((pos * nOut + o) * nIn + ci) * kk + p];
                        }
                    }
                }
            }
            T prodT = op(OnnxOp.MUL, at, new int[] {n, nOut, kk * nIn, oh, ow}, Map.of(), col.ref,
                    init(at + ".weight", wm, nOut, kk * nIn, oh, ow));
            T sum = op(OnnxOp.REDUCE_SUM, at, ob, Map.of("keepdims", 0), prodT.ref, ints(at + ".axes", 2));
            T y = op(OnnxOp.ADD, at, ob, Map.of(), sum.ref, init(at + ".bias", m.bias().toArray(), nOut, oh, ow));
            return reshape(at, y, outShape);
        }

        /** Zero padding of the trailing {@code spatial} dimensions; negative amounts crop. */
        private T padOrCrop(String at, T x, int spatial, int[] begin, int[] end) {
            int r = x.rank();
            long[] pads = new long[2 * r];
            int[] padded = x.shape.clone();
            boolean any = false;
            for (int i = 0; i < spatial; i++) {
                int d = r - spatial + i;
                pads[d] = Math.max(0, begin[i]);
                pads[r + d] = Math.max(0, end[i]);
                padded[d] += pads[d] + pads[r + d];
                any |= pads[d] != 0 || pads[r + d] != 0;
            }
            T y = any ? op(OnnxOp.PAD, at, padded, Map.of("mode", "constant"), x.ref, ints(at + ".pads", pads)) : x;
            for (int i = 0; i < spatial; i++) {
                int d = r - spatial + i;
                int cb = Math.max(0, -begin[i]);
                int ce = Math.max(0, -end[i]);
                if (cb > 0 || ce > 0) {
                    y = slice(at, y, d, cb, y.shape[d] - ce);
                }
            }
            return y;
        }

        /**
         * Max pooling with Torch's sizes: the end padding is what Torch's output size (ceil mode
         * included) needs, so ONNX's floor mode gives the same windows.
         */
        private T maxPool(String at, T x, int[] k, int[] stride, int[] pad, int[] outShape) {
            int spatial = k.length;
            T xb = batched(at, x, spatial);
            int[] ob = batchedShape(outShape, spatial);
            int[] pads = new int[2 * spatial];
            for (int i = 0; i < spatial; i++) {
                int in = xb.shape[i + 2];
                pads[i] = pad[i];
                pads[spatial + i] = endPad(in, k[i], stride[i], pad[i], ob[i + 2]);
            }
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("kernel_shape", k);
            attrs.put("strides", stride);
            attrs.put("pads", pads);
            return reshape(at, op(OnnxOp.MAX_POOL, at, ob, attrs, xb.ref), outShape);
        }

        /** Max pooling that also keeps the flat indices of its maxima for a SpatialMaxUnpooling. */
        private T maxPoolWithIndices(SpatialMaxPooling p, String at, T x, int[] outShape) {
            T xb = batched(at, x, 2);
            int[] ob = batchedShape(outShape, 2);
            int[] k = {p.kH(), p.kW()};
            int[] stride = {p.dH(), p.dW()};
            int[] pads = {p.padH(), p.padW(), endPad(xb.shape[2], k[0], stride[0], p.padH(), ob[2]),
                endPad(xb.shape[3], k[1], stride[1], p.padW(), ob[3])};
            Map<String, Object> attrs = new LinkedHashMap<>();
            attrs.put("kernel_shape", k);
            attrs.put("strides", stride);
            attrs.put("pads", pads);
            String name = unique(at + ":MaxPool");
            List<ONNXNode> outs = ctx.operation(OnnxOp.MAX_POOL_WITH_INDICES, List.of(xb.ref),
                    List.of(name, name + ".indices"), attrs);
            nodePath.put(outs.get(0).getReference(), name);
            indices.put(p, new T(outs.get(1), ob.clone()));
            unpooledInput.put(p, xb.shape.clone());
            return reshape(at, new T(outs.get(0), ob), outShape);
        }

        /** The end padding that gives {@code out} windows under floor rounding (at least 0). */
        private static int endPad(int in, int k, int stride, int padBegin, int out) {
            int exact = (out - 1) * stride + k - in - padBegin;
            return Math.max(0, exact);
        }

        /**
         * Average pooling with Torch's divisor (the window clipped to the padded input, or to the
         * input with {@code setCountExcludePad()}; no divisor with {@code setDivide(false)}). The
         * windows are summed (AveragePool counting every pad, times the window area, in float32; a
         * depthwise convolution of ones in float64) and multiplied by the reciprocal divisors,
         * computed here. ONNX Runtime's Pad-into-AveragePool fusion is avoided on purpose.
         */
        private T averagePool(SpatialAveragePooling m, String at, T x, int[] outShape) {
            T xb = batched(at, x, 2);
            int[] ob = batchedShape(outShape, 2);
            int[] k = {m.kH(), m.kW()};
            int[] s = {m.dH(), m.dW()};
            int[] p = {m.padH(), m.padW()};
            int h = xb.shape[2];
            int w = xb.shape[3];
            int oh = ob[2];
            int ow = ob[3];
            int area = k[0] * k[1];
            double[] factor = new double[oh * ow]; // what multiplies the window sum
            boolean uniform = true;
            for (int i = 0; i < oh; i++) {
                int hs = i * s[0] - p[0];
                int he = Math.min(hs + k[0], h + p[0]);
                int poolH = he - hs;
                int hsc = Math.max(hs, 0);
                int hec = Math.min(he, h);
                for (int j = 0; j < ow; j++) {
                    int ws = j * s[1] - p[1];
                    int we = Math.min(ws + k[1], w + p[1]);
                    int poolW = we - ws;
                    int wsc = Math.max(ws, 0);
                    int wec = Math.min(we, w);
                    int div = m.isCountIncludePad() ? poolH * poolW : (hec - hsc) * (wec - wsc);
                    factor[i * ow + j] = m.isDivide() ? 1.0 / div : 1.0;
                    uniform &= factor[i * ow + j] == factor[0];
                }
            }
            int[] pe = {endPad(h, k[0], s[0], p[0], oh), endPad(w, k[1], s[1], p[1], ow)};
            T sum;
            if (!f64) {
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("kernel_shape", k);
                attrs.put("strides", s);
                attrs.put("pads", new int[] {p[0], p[1], pe[0], pe[1]});
                attrs.put("count_include_pad", 1);
                sum = op(OnnxOp.AVERAGE_POOL, at, ob, attrs, xb.ref); // the window sum / area
                for (int i = 0; i < factor.length; i++) {
                    factor[i] *= area;
                }
            } else {
                int planes = xb.shape[1];
                double[] ones = new double[planes * area];
                Arrays.fill(ones, 1);
                sum = conv(at, xb, 2, ones, planes, planes, k, null, s, p, pe, new int[] {1, 1}, planes, ob);
            }
            T y;
            if (uniform && factor[0] == 1) {
                y = sum;
            } else {
                ONNXRef<?> f = uniform ? scalar(at + ".divisor", factor[0]) : init(at + ".divisor", factor, oh, ow);
                y = op(OnnxOp.MUL, at, ob, Map.of(), sum.ref, f);
            }
            return reshape(at, y, outShape);
        }

        private T batchNorm(BatchNormalization m, String at, T x, boolean spatial) {
            int n = m.nOutput();
            double[] mean = m.runningMean().toArray();
            double[] var = m.runningVar().toArray();
            double[] scale = new double[n];
            double[] shift = new double[n];
            double[] w = m.weight() == null ? null : m.weight().toArray();
            double[] b = m.bias() == null ? null : m.bias().toArray();
            for (int i = 0; i < n; i++) {
                double inv = 1 / Math.sqrt(var[i] + m.eps());
                scale[i] = inv * (w == null ? 1 : w[i]);
                shift[i] = (b == null ? 0 : b[i]) - mean[i] * scale[i];
            }
            long[] dims = channelDims(n, x.rank(), spatial ? 1 : 0);
            T y = op(OnnxOp.MUL, at, x.shape, Map.of(), x.ref, init(at + ".scale", scale, dims));
            return op(OnnxOp.ADD, at, x.shape, Map.of(), y.ref, init(at + ".shift", shift, dims));
        }

        /**
         * The broadcast shape of a per-channel vector: the channel is the last dimension of a 1-D or
         * 2-D input, the first of a 3-D and the second of a 4-D or 5-D one.
         */
        private static long[] channelDims(int n, int rank, int minTrailing) {
            int trailing = rank <= 2 ? 0 : rank == 3 ? 2 : rank - 2;
            trailing = Math.max(trailing, rank > 2 ? minTrailing : 0);
            long[] d = new long[1 + trailing];
            Arrays.fill(d, 1);
            d[0] = n;
            return d;
        }

        /**
         * Instance normalisation as the per-plane mean and biased variance by ReduceMean, in both
         * precisions: ONNX Runtime's InstanceNormalization is float only, and in float32 it strays by
         * 1e-4 of the output on fast-neural-style (torch-golden-3), where the ReduceMean form stays
         * within 1e-5.
         */
        private T instanceNorm(InstanceNormalization m, String at, T x) {
            T xb = batched(at, x, 2);
            int n = m.nOutput();
            List<io.github.nn4j.Parameter> ps = m.parameters();
            double[] w = new double[n];
            double[] b = new double[n];
            Arrays.fill(w, 1);
            if (!ps.isEmpty()) {
                w = ps.get(0).value().toArray();
                b = ps.get(1).value().toArray();
            }
            Map<String, Object> plane = Map.of("axes", new int[] {2, 3}, "keepdims", 1);
            T mean = op(OnnxOp.REDUCE_MEAN, at, null, plane, xb.ref);
            T d = op(OnnxOp.SUB, at, xb.shape, Map.of(), xb.ref, mean.ref);
            T var = op(OnnxOp.REDUCE_MEAN, at, null, plane, op(OnnxOp.MUL, at, xb.shape, Map.of(), d.ref, d.ref).ref);
            T sd = op(OnnxOp.SQRT, at, null, Map.of(), op(OnnxOp.ADD, at, null, Map.of(), var.ref,
                    scalar(at + ".eps", m.eps())).ref);
            T norm = op(OnnxOp.DIV, at, xb.shape, Map.of(), d.ref, sd.ref);
            T y = op(OnnxOp.MUL, at, xb.shape, Map.of(), norm.ref, init(at + ".weight", w, n, 1, 1));
            y = op(OnnxOp.ADD, at, xb.shape, Map.of(), y.ref, init(at + ".bias", b, n, 1, 1));
            return reshape(at, y, x.shape);
        }

        /** {@code y = Σ_j G[.., j]·E_j}, the experts a table or one tensor along {@code dim}. */
        private T mixture(MixtureTable m, String at, Val x) {
            if (!(x instanceof L l) || l.items.size() != 2) {
                throw new OnnxExportException(m, at, "takes a table {gater, experts}");
            }
            T g = tensor(m, at, l.items.get(0));
            int[] out = sizes(m.output());
            int batchDims = g.rank() - 1; // 1 for a [B, k] gater, 0 for [k]
            if (l.items.get(1) instanceof L experts) {
                List<ONNXRef<?>> terms = new ArrayList<>();
                for (int j = 0; j < experts.items.size(); j++) {
                    T e = tensor(m, at, experts.items.get(j));
                    T gj = slice(at, g, g.rank() - 1, j, j + 1); // [B, 1] or [1]
                    int[] bshape = new int[e.rank()];
                    Arrays.fill(bshape, 1);
                    if (batchDims == 1) {
                        bshape[0] = g.shape[0];
                    }
                    terms.add(op(OnnxOp.MUL, at, e.shape, Map.of(), e.ref, reshape(at, gj, bshape).ref).ref);
                }
                return op(OnnxOp.SUM, at, out, Map.of(), terms.toArray(new ONNXRef<?>[0]));
            }
            T e = tensor(m, at, l.items.get(1));
            int d = m.dim() >= 0 ? m.dim() : batchDims;
            int[] gshape = new int[e.rank()];
            Arrays.fill(gshape, 1);
            if (batchDims == 1) {
                gshape[0] = g.shape[0];
            }
            gshape[d] = g.shape[g.rank() - 1];
            T prodT = op(OnnxOp.MUL, at, e.shape, Map.of(), e.ref, reshape(at, g, gshape).ref);
            T sum = op(OnnxOp.REDUCE_SUM, at, null, Map.of("keepdims", 0), prodT.ref, ints(at + ".axes", d));
            return reshape(at, sum, out);
        }

        /** {@code (Σ_last |x|^p + eps)^(1/p)} along the last dimension, kept. */
        private T pNorm(String at, T x, double p, double eps) {
            T a = op(OnnxOp.ABS, at, x.shape, Map.of(), x.ref);
            T pw = p == 1 ? a : p == 2 ? op(OnnxOp.MUL, at, x.shape, Map.of(), a.ref, a.ref)
                    : op(OnnxOp.POW, at, x.shape, Map.of(), a.ref, scalar(at + ".p", p));
            T sum = op(OnnxOp.REDUCE_SUM, at, null, Map.of("keepdims", 1), pw.ref, ints(at + ".axes", -1));
            if (eps != 0) {
                sum = op(OnnxOp.ADD, at, null, Map.of(), sum.ref, scalar(at + ".eps", eps));
            }
            if (p == 1) {
                return sum;
            }
            if (p == 2) {
                return op(OnnxOp.SQRT, at, null, Map.of(), sum.ref);
            }
            return op(OnnxOp.POW, at, null, Map.of(), sum.ref, scalar(at + ".invp", 1 / p));
        }

        /** The sum along the last dimension, kept. */
        private T lastSum(String at, T x) {
            return op(OnnxOp.REDUCE_SUM, at, null, Map.of("keepdims", 1), x.ref, ints(at + ".axes", -1));
        }

        /**
         * THNN's adaptive pooling, separable: rows {@code [floor(i·H/oH), ceil((i+1)·H/oH))} reduced
         * (max or mean) into each output row, then the columns likewise (the mean over a rectangle is
         * the mean of its rows' means, all rows of one window having the same width).
         */
        private T adaptivePool(String at, T x, int[] outShape, boolean max) {
            int r = x.rank();
            T y = x;
            for (int axis = r - 2; axis < r; axis++) {
                int in = y.shape[axis];
                int out = outShape[axis];
                List<ONNXRef<?>> parts = new ArrayList<>();
                for (int i = 0; i < out; i++) {
                    int s0 = (int) Math.floorDiv((long) i * in, out);
                    int e0 = (int) -Math.floorDiv(-(long) (i + 1) * in, out);
                    T piece = slice(at, y, axis, s0, e0);
                    int[] kept = piece.shape.clone();
                    kept[axis] = 1;
                    parts.add(op(max ? OnnxOp.REDUCE_MAX : OnnxOp.REDUCE_MEAN, at, kept,
                            Map.of("axes", new int[] {axis}, "keepdims", 1), piece.ref).ref);
                }
                int[] shape = y.shape.clone();
                shape[axis] = out;
                y = parts.size() == 1 ? new T(parts.get(0), shape)
                        : op(OnnxOp.CONCAT, at, shape, Map.of("axis", axis), parts.toArray(new ONNXRef<?>[0]));
            }
            return y;
        }

        /** A normalisation kernel as 2-D: itself, or {@code k ⊗ k} for a 1-D one. */
        private static double[][] kernel2d(Tensor kernel) {
            double[] k = kernel.toArray();
            if (kernel.dim() == 2) {
                double[][] r = new double[kernel.size(0)][kernel.size(1)];
                for (int a = 0; a < r.length; a++) {
                    System.arraycopy(k, a * r[0].length, r[a], 0, r[0].length);
                }
                return r;
            }
            double[][] r = new double[k.length][k.length];
            for (int a = 0; a < k.length; a++) {
                for (int b = 0; b < k.length; b++) {
                    r[a][b] = k[a] * k[b];
                }
            }
            return r;
        }

        /** {@code Σ_planes K ⋆ x} with zero padding of half the kernel: {@code [N, 1, H, W]}. */
        private T localSum(String at, T xb, double[][] k, int planes) {
            int kh = k.length;
            int kw = k[0].length;
            double[] w = new double[planes * kh * kw];
            for (int p = 0; p < planes; p++) {
                for (int a = 0; a < kh; a++) {
                    System.arraycopy(k[a], 0, w, (p * kh + a) * kw, kw);
                }
            }
            int[] pad = {kh / 2, kw / 2};
            int[] out = {xb.shape[0], 1, xb.shape[2], xb.shape[3]};
            return conv(at, xb, 2, w, 1, planes, new int[] {kh, kw}, null, new int[] {1, 1}, pad, pad,
                    new int[] {1, 1}, 1, out);
        }

        /** The local sum of an all-ones input (Torch's {@code coef}), {@code [H, W]}. */
        private static double[] coef(double[][] k, int planes, int h, int w) {
            int kh = k.length;
            int kw = k[0].length;
            double[] c = new double[h * w];
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double sum = 0;
                    for (int a = 0; a < kh; a++) {
                        int r = i + a - kh / 2;
                        if (r < 0 || r >= h) {
                            continue;
                        }
                        for (int b = 0; b < kw; b++) {
                            int q = j + b - kw / 2;
                            if (q >= 0 && q < w) {
                                sum += k[a][b];
                            }
                        }
                    }
                    c[i * w + j] = sum * planes;
                }
            }
            return c;
        }

        /** {@code x − S / coef}. */
        private T subtractive(String at, T x, double[][] k, int planes) {
            T xb = batched(at, x, 2);
            int h = xb.shape[2];
            int w = xb.shape[3];
            T sum = localSum(at, xb, k, planes);
            double[] c = coef(k, planes, h, w);
            T mean = op(OnnxOp.DIV, at, sum.shape, Map.of(), sum.ref, init(at + ".coef", c, h, w));
            return reshape(at, op(OnnxOp.SUB, at, xb.shape, Map.of(), xb.ref, mean.ref), x.shape);
        }

        /** {@code x / t}, {@code t = s > threshold ? s : thresval}, {@code s = √(S of x²) / coef}. */
        private T divisive(String at, T x, double[][] k, int planes, double threshold, double thresval) {
            T xb = batched(at, x, 2);
            int h = xb.shape[2];
            int w = xb.shape[3];
            T sq = op(OnnxOp.MUL, at, xb.shape, Map.of(), xb.ref, xb.ref);
            T sum = localSum(at, sq, k, planes);
            T sd = op(OnnxOp.SQRT, at, sum.shape, Map.of(), sum.ref);
            T sc = op(OnnxOp.DIV, at, sum.shape, Map.of(), sd.ref, init(at + ".coef", coef(k, planes, h, w), h, w));
            T big = op(OnnxOp.GREATER, at, sum.shape, Map.of(), sc.ref, scalar(at + ".threshold", threshold));
            T th = op(OnnxOp.WHERE, at, sum.shape, Map.of(), big.ref, sc.ref, scalar(at + ".thresval", thresval));
            return reshape(at, op(OnnxOp.DIV, at, xb.shape, Map.of(), xb.ref, th.ref), x.shape);
        }

        /** PReLU's planes, as THNN's: dimension 0 of a 1-D input, dimension 1 of any other. */
        private static long[] planeDims(int n, int rank) {
            long[] d = new long[Math.max(1, rank - 1)];
            Arrays.fill(d, 1);
            d[0] = n;
            return d;
        }

        private T lrn(SpatialCrossMapLRN m, String at, T x) {
            T xb = batched(at, x, 2);
            int size = m.size();
            if (!f64 && size % 2 == 1) {
                Map<String, Object> attrs = new LinkedHashMap<>();
                attrs.put("alpha", (float) m.alpha());
                attrs.put("beta", (float) m.beta());
                attrs.put("bias", (float) m.k());
                attrs.put("size", size);
                return reshape(at, op(OnnxOp.LRN, at, xb.shape, attrs, xb.ref), x.shape);
            }
            // the sum of squares over a window of channels, as a convolution of ones on [N, 1, C, H·W]
            int n = xb.shape[0];
            int c = xb.shape[1];
            int hw = xb.shape[2] * xb.shape[3];
            T sq = op(OnnxOp.MUL, at, xb.shape, Map.of(), xb.ref, xb.ref);
            T r = reshape(at, sq, new int[] {n, 1, c, hw});
            double[] ones = new double[size];
            Arrays.fill(ones, 1);
            int pre = (size - 1) / 2;
            T sum = conv(at, r, 2, ones, 1, 1, new int[] {size, 1}, null, new int[] {1, 1},
                    new int[] {pre, 0}, new int[] {size - 1 - pre, 0}, new int[] {1, 1}, 1, new int[] {n, 1, c, hw});
            T scaled = op(OnnxOp.MUL, at, sum.shape, Map.of(), sum.ref, scalar(at + ".alpha", m.alpha() / size));
            T plus = op(OnnxOp.ADD, at, sum.shape, Map.of(), scaled.ref, scalar(at + ".k", m.k()));
            T pw = op(OnnxOp.POW, at, sum.shape, Map.of(), plus.ref, scalar(at + ".beta", -m.beta()));
            T back = reshape(at, pw, xb.shape);
            return reshape(at, op(OnnxOp.MUL, at, xb.shape, Map.of(), xb.ref, back.ref), x.shape);
        }

        private T spatialPad(Module<?, ?> m, String at, T x, int[] outShape) {
            int r = x.rank();
            int[] begin;
            int[] end;
            if (m instanceof SpatialZeroPadding z) {
                begin = new int[] {z.padTop(), z.padLeft()};
                end = new int[] {z.padBottom(), z.padRight()};
            } else if (m instanceof SpatialReflectionPadding z) {
                begin = new int[] {z.padTop(), z.padLeft()};
                end = new int[] {z.padBottom(), z.padRight()};
            } else {
                SpatialReplicationPadding z = (SpatialReplicationPadding) m;
                begin = new int[] {z.padTop(), z.padLeft()};
                end = new int[] {z.padBottom(), z.padRight()};
            }
            if (m instanceof SpatialZeroPadding) {
                return reshape(at, padOrCrop(at, x, 2, begin, end), outShape);
            }
            long[] pads = new long[2 * r];
            pads[r - 2] = begin[0];
            pads[r - 1] = begin[1];
            pads[2 * r - 2] = end[0];
            pads[2 * r - 1] = end[1];
            String mode = m instanceof SpatialReflectionPadding ? "reflect" : "edge";
            return op(OnnxOp.PAD, at, outShape, Map.of("mode", mode), x.ref, ints(at + ".pads", pads));
        }

        private T padding(Padding m, String at, T x, int[] outShape) {
            int d = m.nInputDim() > 0 && x.rank() != m.nInputDim() ? m.dim() + 1 : m.dim();
            int size = x.shape[d];
            int split = m.pad() > 0 ? size - m.index() : m.index();
            int[] fillShape = x.shape.clone();
            fillShape[d] = Math.abs(m.pad());
            double[] fill = new double[(int) prod(fillShape, 0, fillShape.length)];
            Arrays.fill(fill, m.value());
            ONNXRef<?> f = init(at + ".value", fill, longs(fillShape));
            List<ONNXRef<?>> parts = new ArrayList<>();
            if (split > 0) {
                parts.add(slice(at, x, d, 0, split).ref);
            }
            parts.add(f);
            if (split < size) {
                parts.add(slice(at, x, d, split, size).ref);
            }
            return op(OnnxOp.CONCAT, at, outShape, Map.of("axis", d), parts.toArray(new ONNXRef<?>[0]));
        }

        /**
         * Torch's align-corners interpolation matrix {@code [out, in]}; the ratio, the position and
         * the weight are computed in float, as THNN (and nn4j) do.
         */
        private static double[] interpolation(int in, int out) {
            double[] a = new double[out * in];
            float ratio = out > 1 ? (float) (in - 1) / (out - 1) : 0f;
            for (int i = 0; i < out; i++) {
                float src = ratio * i;
                int lo = (int) src;
                int step = lo < in - 1 ? 1 : 0;
                double lambda = src - lo;
                a[i * in + lo] += 1 - lambda;
                a[i * in + lo + step] += lambda;
            }
            return a;
        }

        private static double[] transpose(double[] a, int rows, int cols) {
            double[] t = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[c * rows + r] = a[r * cols + c];
                }
            }
            return t;
        }

        private Val activation(Module<?, ?> m, String at, T x) {
            Class<?> c = m.getClass();
            int[] s = x.shape;
            if (c == ReLU.class) {
                return op(OnnxOp.RELU, at, s, Map.of(), x.ref);
            }
            if (c == Tanh.class) {
                return op(OnnxOp.TANH, at, s, Map.of(), x.ref);
            }
            if (c == Sigmoid.class) {
                return op(OnnxOp.SIGMOID, at, s, Map.of(), x.ref);
            }
            if (c == Abs.class) {
                return op(OnnxOp.ABS, at, s, Map.of(), x.ref);
            }
            if (c == Exp.class) {
                return op(OnnxOp.EXP, at, s, Map.of(), x.ref);
            }
            if (c == Log.class) {
                return op(OnnxOp.LOG, at, s, Map.of(), x.ref);
            }
            if (c == Sqrt.class) {
                // eps is not used by forward, as in Torch's CPU kernel
                return op(OnnxOp.SQRT, at, s, Map.of(), x.ref);
            }
            if (c == Square.class) {
                return op(OnnxOp.MUL, at, s, Map.of(), x.ref, x.ref);
            }
            if (c == Power.class) {
                return op(OnnxOp.POW, at, s, Map.of(), x.ref, scalar(at + ".power", ((Power) m).power()));
            }
            if (c == SoftMax.class || c == LogSoftMax.class || c == SoftMin.class) {
                OnnxOp o = c == LogSoftMax.class ? OnnxOp.LOG_SOFTMAX : OnnxOp.SOFTMAX;
                T in = c == SoftMin.class ? op(OnnxOp.NEG, at, s, Map.of(), x.ref) : x;
                return op(o, at, s, Map.of("axis", torchSoftMaxAxis(m, at, x.rank())), in.ref);
            }
            if (c == SpatialSoftMax.class || c == SpatialLogSoftMax.class) {
                OnnxOp o = c == SpatialLogSoftMax.class ? OnnxOp.LOG_SOFTMAX : OnnxOp.SOFTMAX;
                return op(o, at, s, Map.of("axis", x.rank() == 4 ? 1 : 0), x.ref);
            }
            if (c == Dropout.class) {
                Dropout d = (Dropout) m;
                if (d.isStochasticInference()) {
                    throw new OnnxExportException(m, at, "stochastic inference has no deterministic ONNX form");
                }
                if (d.isV1() && d.p() > 0) {
                    return op(OnnxOp.MUL, at, s, Map.of(), x.ref, scalar(at + ".keep", 1 - d.p()));
                }
                return op(OnnxOp.IDENTITY, at, s, Map.of(), x.ref);
            }
            if (c == SpatialDropout.class || c == VolumetricDropout.class) {
                double prob = c == SpatialDropout.class ? ((SpatialDropout) m).p() : ((VolumetricDropout) m).p();
                boolean stochastic = c == SpatialDropout.class ? ((SpatialDropout) m).isStochasticInference()
                        : ((VolumetricDropout) m).isStochasticInference();
                if (stochastic) {
                    throw new OnnxExportException(m, at, "stochastic inference has no deterministic ONNX form");
                }
                return op(OnnxOp.MUL, at, s, Map.of(), x.ref, scalar(at + ".keep", 1 - prob));
            }
            if (c == MulConstant.class) {
                return op(OnnxOp.MUL, at, s, Map.of(), x.ref, scalar(at + ".constant", ((MulConstant) m).constant()));
            }
            if (c == AddConstant.class) {
                return op(OnnxOp.ADD, at, s, Map.of(), x.ref, scalar(at + ".constant", ((AddConstant) m).constant()));
            }
            if (c == Mul.class) {
                return op(OnnxOp.MUL, at, s, Map.of(), x.ref, scalar(at + ".weight", ((Mul) m).weight().toArray()[0]));
            }
            if (c == Add.class) {
                Add a = (Add) m;
                ONNXRef<?> bias = a.isScalar() ? scalar(at + ".bias", a.bias().toArray()[0])
                        : init(at + ".bias", a.bias().toArray(), trailing(s, a.bias().numel()));
                return op(OnnxOp.ADD, at, s, Map.of(), x.ref, bias);
            }
            if (c == CMul.class) {
                Tensor w = ((CMul) m).weight();
                long[] dims = broadcastable(w.sizes(), s) ? longs(w.sizes()) : trailing(s, w.numel());
                return op(OnnxOp.MUL, at, s, Map.of(), x.ref, init(at + ".weight", w.toArray(), dims));
            }
            if (c == ELU.class) {
                double alpha = ((ELU) m).alpha();
                if (!f64) {
                    return op(OnnxOp.ELU, at, s, Map.of("alpha", (float) alpha), x.ref);
                }
                T e = op(OnnxOp.EXP, at, s, Map.of(), x.ref);
                T em1 = op(OnnxOp.SUB, at, s, Map.of(), e.ref, scalar(at + ".one", 1));
                T neg = op(OnnxOp.MUL, at, s, Map.of(), em1.ref, scalar(at + ".alpha", alpha));
                return positiveOr(at, x, neg);
            }
            if (c == LeakyReLU.class || c == RReLU.class) {
                double slope = c == LeakyReLU.class ? ((LeakyReLU) m).negval()
                        : (((RReLU) m).lower() + ((RReLU) m).upper()) / 2;
                if (!f64) {
                    return op(OnnxOp.LEAKY_RELU, at, s, Map.of("alpha", (float) slope), x.ref);
                }
                return positiveOr(at, x, op(OnnxOp.MUL, at, s, Map.of(), x.ref, scalar(at + ".negval", slope)));
            }
            if (c == PReLU.class) {
                PReLU p = (PReLU) m;
                ONNXRef<?> w = p.nOutputPlane() == 0 ? scalar(at + ".weight", p.weight().toArray()[0])
                        : init(at + ".weight", p.weight().toArray(), planeDims(p.nOutputPlane(), x.rank()));
                if (!f64) {
                    return op(OnnxOp.PRELU, at, s, Map.of(), x.ref, w);
                }
                return positiveOr(at, x, op(OnnxOp.MUL, at, s, Map.of(), x.ref, w));
            }
            if (c == HardTanh.class || c == Clamp.class || c == ReLU6.class) {
                HardTanh h = (HardTanh) m;
                return op(OnnxOp.CLIP, at, s, Map.of(), x.ref, scalar(at + ".min", h.minVal()),
                        scalar(at + ".max", h.maxVal()));
            }
            if (c == Threshold.class) {
                Threshold th = (Threshold) m;
                T gt = op(OnnxOp.GREATER, at, s, Map.of(), x.ref, scalar(at + ".threshold", th.threshold()));
                return op(OnnxOp.WHERE, at, s, Map.of(), gt.ref, x.ref, scalar(at + ".value", th.value()));
            }
            if (c == SoftPlus.class) {
                // Torch: log(1 + e^(βx)) / β, and x where βx > threshold
                SoftPlus sp = (SoftPlus) m;
                T bx = op(OnnxOp.MUL, at, s, Map.of(), x.ref, scalar(at + ".beta", sp.beta()));
                T e = op(OnnxOp.EXP, at, s, Map.of(), bx.ref);
                T l = op(OnnxOp.LOG, at, s, Map.of(), op(OnnxOp.ADD, at, s, Map.of(), e.ref, scalar(at + ".one", 1)).ref);
                T y = op(OnnxOp.DIV, at, s, Map.of(), l.ref, scalar(at + ".beta", sp.beta()));
                T big = op(OnnxOp.GREATER, at, s, Map.of(), bx.ref, scalar(at + ".threshold", sp.threshold()));
                return op(OnnxOp.WHERE, at, s, Map.of(), big.ref, x.ref, y.ref);
            }
            if (c == SoftSign.class) {
                T a = op(OnnxOp.ABS, at, s, Map.of(), x.ref);
                T d = op(OnnxOp.ADD, at, s, Map.of(), a.ref, scalar(at + ".one", 1));
                return op(OnnxOp.DIV, at, s, Map.of(), x.ref, d.ref);
            }
            if (c == LogSigmoid.class) {
                // min(x, 0) − log(1 + e^−|x|), without overflow
                T a = op(OnnxOp.ABS, at, s, Map.of(), x.ref);
                T na = op(OnnxOp.NEG, at, s, Map.of(), a.ref);
                T e = op(OnnxOp.EXP, at, s, Map.of(), na.ref);
                T l = op(OnnxOp.LOG, at, s, Map.of(), op(OnnxOp.ADD, at, s, Map.of(), e.ref, scalar(at + ".one", 1)).ref);
                T mn = op(OnnxOp.MIN2, at, s, Map.of(), x.ref, scalar(at + ".zero", 0));
                return op(OnnxOp.SUB, at, s, Map.of(), mn.ref, l.ref);
            }
            if (c == HardShrink.class || c == SoftShrink.class) {
                float lambda = (float) (c == HardShrink.class ? ((HardShrink) m).lambda() : ((SoftShrink) m).lambda());
                if (!f64) {
                    return op(OnnxOp.SHRINK, at, s, Map.of("bias", c == HardShrink.class ? 0f : lambda, "lambd", lambda),
                            x.ref);
                }
                double l = c == HardShrink.class ? ((HardShrink) m).lambda() : ((SoftShrink) m).lambda();
                if (c == HardShrink.class) {
                    // float64: ONNX Runtime's double Shrink rounds through float
                    T big = op(OnnxOp.GREATER, at, s, Map.of(), op(OnnxOp.ABS, at, s, Map.of(), x.ref).ref,
                            scalar(at + ".lambda", l));
                    return op(OnnxOp.WHERE, at, s, Map.of(), big.ref, x.ref, scalar(at + ".zero", 0));
                }
                // float64: x − clip(x, −λ, λ)
                T cl = op(OnnxOp.CLIP, at, s, Map.of(), x.ref, scalar(at + ".min", -l), scalar(at + ".max", l));
                return op(OnnxOp.SUB, at, s, Map.of(), x.ref, cl.ref);
            }
            if (c == TanhShrink.class) {
                return op(OnnxOp.SUB, at, s, Map.of(), x.ref, op(OnnxOp.TANH, at, s, Map.of(), x.ref).ref);
            }
            throw new OnnxExportException(m, at, "has no ONNX form in this exporter");
        }

        /** {@code x > 0 ? x : negative}. */
        private T positiveOr(String at, T x, T negative) {
            T gt = op(OnnxOp.GREATER, at, x.shape, Map.of(), x.ref, scalar(at + ".zero", 0));
            return op(OnnxOp.WHERE, at, x.shape, Map.of(), gt.ref, x.ref, negative.ref);
        }

        private static boolean broadcastable(int[] w, int[] s) {
            if (w.length > s.length) {
                return false;
            }
            for (int i = 1; i <= w.length; i++) {
                int a = w[w.length - i];
                if (a != 1 && a != s[s.length - i]) {
                    return false;
                }
            }
            return true;
        }

        /** The trailing dimensions of {@code s} that hold {@code numel} elements. */
        private static long[] trailing(int[] s, int numel) {
            long p = 1;
            for (int k = s.length - 1; k >= 0; k--) {
                p *= s[k];
                if (p == numel) {
                    return longs(Arrays.copyOfRange(s, k, s.length));
                }
            }
            return new long[] {numel};
        }

        /** Torch's softmax dimension: the only one in 1-D, dim 1 of 2-D and 4-D, dim 0 of 3-D. */
        private static int torchSoftMaxAxis(Module<?, ?> m, String at, int rank) {
            switch (rank) {
                case 1:
                case 3:
                    return 0;
                case 2:
                case 4:
                    return 1;
                default:
                    throw new OnnxExportException(m, at, "takes a 1-D to 4-D input, got " + rank + "-D");
            }
        }

        private T swapLast(String at, T x) {
            int r = x.rank();
            int[] perm = new int[r];
            for (int k = 0; k < r; k++) {
                perm[k] = k;
            }
            perm[r - 1] = r - 2;
            perm[r - 2] = r - 1;
            int[] shape = x.shape.clone();
            shape[r - 1] = x.shape[r - 2];
            shape[r - 2] = x.shape[r - 1];
            return op(OnnxOp.TRANSPOSE, at, shape, Map.of("perm", perm), x.ref);
        }

        private T reshape(String at, T x, int[] shape) {
            if (Arrays.equals(x.shape, shape)) {
                return x;
            }
            return op(OnnxOp.RESHAPE, at, shape.clone(), Map.of(), x.ref, ints(at + ".shape", shape));
        }

        private T slice(String at, T x, int axis, int start, int end) {
            return slice(at, x, new int[] {axis}, new int[] {start}, new int[] {end});
        }

        private T slice(String at, T x, int[] axes, int[] starts, int[] ends) {
            int[] steps = new int[axes.length];
            Arrays.fill(steps, 1);
            return slice(at, x, axes, starts, ends, steps);
        }

        private T slice(String at, T x, int[] axes, int[] starts, int[] ends, int[] steps) {
            int[] shape = x.shape.clone();
            for (int i = 0; i < axes.length; i++) {
                shape[axes[i]] = (ends[i] - starts[i] + steps[i] - 1) / steps[i];
            }
            return op(OnnxOp.SLICE, at, shape, Map.of(), x.ref, ints(at + ".starts", starts), ints(at + ".ends", ends),
                    ints(at + ".axes", axes), ints(at + ".steps", steps));
        }

        private T op(OnnxOp o, String at, int[] shape, Map<String, Object> attrs, ONNXRef<?>... inputs) {
            String name = unique(at + ":" + o.getOpName());
            ONNXNode n = ctx.operation(o, Arrays.asList(inputs), name, attrs);
            nodePath.put(n.getReference(), name);
            return new T(n, shape);
        }

        private ONNXRef<?> scalar(String name, double v) {
            return init(name, new double[] {v});
        }

        private ONNXRef<?> ints(String name, int... values) {
            return ints(name, longs(values));
        }

        private ONNXRef<?> ints(String name, long... values) {
            return ctx.array(unique(name), values);
        }

        private ONNXRef<?> init(String name, double[] data, long... dims) {
            // Tribuo's one-element initialiser holds the place; model() replaces it with the data, in the
            // exact dims and precision
            ONNXRef<?> ref = ctx.array(unique(name), new float[1]);
            initData.put(ref.getReference(), data);
            initDims.put(ref.getReference(), dims);
            return ref;
        }

        private OnnxMl.ValueInfoProto.Builder typed(OnnxMl.ValueInfoProto v, int[] shape) {
            DataType type = f64 ? DataType.DOUBLE : DataType.FLOAT;
            OnnxMl.TypeProto.Tensor.Builder t = OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber());
            if (shape != null) {
                OnnxMl.TensorShapeProto.Builder sb = OnnxMl.TensorShapeProto.newBuilder();
                for (int s : shape) {
                    sb.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(s));
                }
                t.setShape(sb);
            }
            return v.toBuilder().setType(OnnxMl.TypeProto.newBuilder().setTensorType(t));
        }

        OnnxMl.ModelProto model(List<String> inNames, List<int[]> inShapes, List<String> outNames,
                List<int[]> outShapes) {
            OnnxMl.GraphProto.Builder g = ctx.buildGraph().toBuilder();
            g.setName("nn4j");
            for (int i = 0; i < g.getInputCount(); i++) {
                int k = inNames.indexOf(g.getInput(i).getName());
                g.setInput(i, typed(g.getInput(i), inShapes.get(k)));
            }
            for (int i = 0; i < g.getOutputCount(); i++) {
                int k = outNames.indexOf(g.getOutput(i).getName());
                g.setOutput(i, typed(g.getOutput(i), outShapes.get(k)));
            }
            DataType type = f64 ? DataType.DOUBLE : DataType.FLOAT;
            List<OnnxMl.TensorProto> inits = new ArrayList<>();
            for (OnnxMl.TensorProto t : g.getInitializerList()) {
                inits.add(initData.containsKey(t.getName()) ? tensor(t.getName(), type) : t);
            }
            g.clearInitializer().addAllInitializer(inits);
            for (int i = 0; i < g.getNodeCount(); i++) {
                OnnxMl.NodeProto n = g.getNode(i);
                String path = nodePath.get(n.getOutput(0));
                g.setNode(i, n.toBuilder().setName(path != null ? path : n.getOutput(0)).build());
            }
            return OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("nn4j")
                    .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("ai.onnx").setVersion(OPSET))
                    .setGraph(g).build();
        }

        private OnnxMl.TensorProto tensor(String name, DataType type) {
            double[] data = initData.get(name);
            long[] dims = initDims.get(name);
            OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                    .setDataType(type.getNumber());
            for (long d : dims) {
                t.addDims(d);
            }
            // raw_data, little-endian as ONNX specifies: a fraction of the memory of the repeated fields
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(data.length * (type == DataType.DOUBLE ? 8 : 4))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (double v : data) {
                if (type == DataType.DOUBLE) {
                    buf.putDouble(v);
                } else {
                    buf.putFloat((float) v);
                }
            }
            buf.flip();
            return t.setRawData(com.google.protobuf.ByteString.copyFrom(buf)).build();
        }
    }
}
