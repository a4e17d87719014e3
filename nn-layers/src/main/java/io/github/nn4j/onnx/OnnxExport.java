package io.github.nn4j.onnx;

import java.io.IOException;
import java.nio.file.Files;
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

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.layers.AddConstant;
import io.github.nn4j.layers.Dropout;
import io.github.nn4j.layers.Identity;
import io.github.nn4j.layers.Linear;
import io.github.nn4j.layers.LogSoftMax;
import io.github.nn4j.layers.MulConstant;
import io.github.nn4j.layers.ReLU;
import io.github.nn4j.layers.Sequential;
import io.github.nn4j.layers.Sigmoid;
import io.github.nn4j.layers.SoftMax;
import io.github.nn4j.layers.Tanh;
import io.github.nn4j.torch7.AtomicFiles;

/**
 * Writes a module as an ONNX model (opset {@value #OPSET}) whose graph computes the module's
 * {@code forward} in evaluate mode, so a ported Torch model runs in ONNX Runtime and other engines.
 *
 * <p>The graph's input is named {@code input}, its output {@code output}; each node's name starts
 * with Torch's module path ({@code modules[2].modules[1]}, 0-based as everywhere in nn4j), so a
 * layer can be found in the exported graph. Parameters become initializers, in float32 by default
 * or float64 with {@link Precision#FLOAT64}. The model is built in memory first: a module without
 * an ONNX form fails with an {@link OnnxExportException} naming it and its path before anything is
 * written, and the file is written atomically (temporary file in the same directory, forced to disk,
 * then moved over the target).
 *
 * <p>The exporter needs {@code org.tribuo:tribuo-util-onnx}, an optional dependency of nn-layers:
 * declare it in your own pom to export.
 *
 * <p>Exportable modules: {@link #EXPORTABLE}.
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
    public static final List<Class<?>> EXPORTABLE = List.of(Sequential.class, Linear.class,
            Identity.class, ReLU.class, Tanh.class, Sigmoid.class, SoftMax.class, LogSoftMax.class,
            Dropout.class, MulConstant.class, AddConstant.class);

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
     * Builds the ONNX model in memory.
     *
     * @param module the module
     * @param inputShape the input's sizes
     * @param precision float32 or float64
     * @return the model
     * @throws OnnxExportException if a module has no ONNX form
     */
    public static OnnxMl.ModelProto toModel(Module<?, ?> module, int[] inputShape, Precision precision) {
        if (inputShape.length == 0) {
            throw new IllegalArgumentException("ONNX export of " + module.torchTypeName()
                    + ": the input shape is empty");
        }
        Builder b = new Builder(precision);
        ONNXPlaceholder in = b.ctx.floatInput("input", 1);
        Value out = b.export(module, "", new Value(in, inputShape.length));
        ONNXPlaceholder outRef = b.ctx.floatOutput("output", 1);
        b.ctx.operation(OnnxOp.IDENTITY, List.of(out.ref), "output:Identity").assignTo(outRef);
        return b.model(inputShape);
    }

    /** A graph value with its rank (Torch's dimension rules depend on it). */
    private record Value(ONNXRef<?> ref, int rank) {
    }

    /** One export: the Tribuo context, the parameters in double precision, the node paths. */
    private static final class Builder {
        final ONNXContext ctx = new ONNXContext();
        final Precision precision;
        final Map<String, double[]> initData = new LinkedHashMap<>();
        final Map<String, long[]> initDims = new HashMap<>();
        final Map<String, String> nodePath = new HashMap<>();

        private int counter;

        Builder(Precision precision) {
            this.precision = precision;
        }

        /** {@code base} with a sequence number, so that a module used twice gets distinct names. */
        private String unique(String base) {
            return base + "#" + counter++;
        }

        Value export(Module<?, ?> m, String path, Value x) {
            Class<?> c = m.getClass();
            String at = path.isEmpty() ? "root" : path;
            if (c == Sequential.class) {
                Value v = x;
                List<Module<?, ?>> kids = m.children();
                for (int i = 0; i < kids.size(); i++) {
                    v = export(kids.get(i), (path.isEmpty() ? "" : path + ".") + "modules[" + i + "]", v);
                }
                return v;
            }
            if (c == Identity.class) {
                return op(OnnxOp.IDENTITY, at, x.rank, Map.of(), x.ref);
            }
            if (c == ReLU.class) {
                return op(OnnxOp.RELU, at, x.rank, Map.of(), x.ref);
            }
            if (c == Tanh.class) {
                return op(OnnxOp.TANH, at, x.rank, Map.of(), x.ref);
            }
            if (c == Sigmoid.class) {
                return op(OnnxOp.SIGMOID, at, x.rank, Map.of(), x.ref);
            }
            if (c == SoftMax.class || c == LogSoftMax.class) {
                OnnxOp o = c == SoftMax.class ? OnnxOp.SOFTMAX : OnnxOp.LOG_SOFTMAX;
                return op(o, at, x.rank, Map.of("axis", torchSoftMaxAxis(m, at, x.rank)), x.ref);
            }
            if (c == Dropout.class) {
                Dropout d = (Dropout) m;
                if (d.isStochasticInference()) {
                    throw new OnnxExportException(m, at, "stochastic inference has no deterministic ONNX form");
                }
                if (d.isV1() && d.p() > 0) {
                    return op(OnnxOp.MUL, at, x.rank, Map.of(), x.ref, scalar(at + ".keep", 1 - d.p()));
                }
                return op(OnnxOp.IDENTITY, at, x.rank, Map.of(), x.ref);
            }
            if (c == MulConstant.class) {
                return op(OnnxOp.MUL, at, x.rank, Map.of(), x.ref,
                        scalar(at + ".constant", ((MulConstant) m).constant()));
            }
            if (c == AddConstant.class) {
                return op(OnnxOp.ADD, at, x.rank, Map.of(), x.ref,
                        scalar(at + ".constant", ((AddConstant) m).constant()));
            }
            if (c == Linear.class) {
                return linear((Linear) m, at, x);
            }
            throw new OnnxExportException(m, at, "has no ONNX form in this exporter (exportable: "
                    + EXPORTABLE.stream().map(Class::getSimpleName).toList() + ")");
        }

        private Value linear(Linear m, String at, Value x) {
            if (x.rank != 1 && x.rank != 2) {
                throw new OnnxExportException(m, at, "needs a 1-D or 2-D input, got " + x.rank + "-D");
            }
            Tensor w = m.weight();
            int out = w.size(0);
            int in = w.size(1);
            double[] wd = w.toArray();
            double[] wt = new double[in * out];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    wt[i * out + o] = wd[o * in + i];
                }
            }
            Value y = op(OnnxOp.MATMUL, at, x.rank, Map.of(), x.ref, init(at + ".weightT", wt, in, out));
            if (m.bias() == null) {
                return y;
            }
            return op(OnnxOp.ADD, at, x.rank, Map.of(), y.ref, init(at + ".bias", m.bias().toArray(), out));
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

        private Value op(OnnxOp o, String at, int rank, Map<String, Object> attrs, ONNXRef<?>... inputs) {
            String name = unique(at + ":" + o.getOpName());
            ONNXNode n = ctx.operation(o, Arrays.asList(inputs), name, attrs);
            nodePath.put(n.getReference(), name);
            return new Value(n, rank);
        }

        private ONNXRef<?> scalar(String name, double v) {
            return init(name, new double[] {v});
        }

        private ONNXRef<?> init(String name, double[] data, long... dims) {
            // Tribuo's initialiser holds the place; model() replaces it with the exact dims and precision
            ONNXRef<?> ref = ctx.array(unique(name), new float[data.length]);
            initData.put(ref.getReference(), data);
            initDims.put(ref.getReference(), dims);
            return ref;
        }

        OnnxMl.ModelProto model(int[] inputShape) {
            OnnxMl.GraphProto.Builder g = ctx.buildGraph().toBuilder();
            g.setName("nn4j");
            DataType type = precision == Precision.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
            OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
            for (int s : inputShape) {
                shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(s));
            }
            g.setInput(0, g.getInput(0).toBuilder().setType(OnnxMl.TypeProto.newBuilder()
                    .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber())
                            .setShape(shape))));
            g.setOutput(0, g.getOutput(0).toBuilder().setType(OnnxMl.TypeProto.newBuilder()
                    .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()))));
            List<OnnxMl.TensorProto> inits = new ArrayList<>();
            for (OnnxMl.TensorProto t : g.getInitializerList()) {
                inits.add(tensor(t.getName(), type));
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
            for (double v : data) {
                if (type == DataType.DOUBLE) {
                    t.addDoubleData(v);
                } else {
                    t.addFloatData((float) v);
                }
            }
            return t.build();
        }
    }
}
