package io.github.nn4j.onnx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * The standard ONNX operators (default domain, opset 13) the exporter emits, in the form Tribuo's
 * {@link org.tribuo.util.onnx.ONNXContext} builds nodes from. Tribuo's own
 * {@link org.tribuo.util.onnx.ONNXOperators} lacks the neural-network ones (Relu, Tanh, LogSoftmax...).
 */
enum OnnxOp implements ONNXOperator {
    /** {@code Y = X}. */
    IDENTITY("Identity", 1, 0),
    /** Elementwise {@code max(0, x)}. */
    RELU("Relu", 1, 0),
    /** Elementwise {@code tanh}. */
    TANH("Tanh", 1, 0),
    /** Elementwise {@code 1 / (1 + e^−x)}. */
    SIGMOID("Sigmoid", 1, 0),
    /** Softmax along {@code axis}. */
    SOFTMAX("Softmax", 1, 0, attr("axis", AttributeType.INT)),
    /** Log-softmax along {@code axis}. */
    LOG_SOFTMAX("LogSoftmax", 1, 0, attr("axis", AttributeType.INT)),
    /** Numpy-style matrix product. */
    MATMUL("MatMul", 2, 0),
    /** Broadcasting sum. */
    ADD("Add", 2, 0),
    /** Broadcasting difference. */
    SUB("Sub", 2, 0),
    /** Broadcasting product. */
    MUL("Mul", 2, 0),
    /** Broadcasting quotient. */
    DIV("Div", 2, 0),
    /** Broadcasting power. */
    POW("Pow", 2, 0),
    /** Elementwise {@code −x}. */
    NEG("Neg", 1, 0),
    /** Elementwise {@code |x|}. */
    ABS("Abs", 1, 0),
    /** Elementwise {@code e^x}. */
    EXP("Exp", 1, 0),
    /** Elementwise natural logarithm. */
    LOG("Log", 1, 0),
    /** Elementwise square root. */
    SQRT("Sqrt", 1, 0),
    /** Elementwise ELU. */
    ELU("Elu", 1, 0, attr("alpha", AttributeType.FLOAT)),
    /** Elementwise leaky ReLU. */
    LEAKY_RELU("LeakyRelu", 1, 0, attr("alpha", AttributeType.FLOAT)),
    /** Elementwise ReLU with a learned (broadcast) negative slope. */
    PRELU("PRelu", 2, 0),
    /** Clamps to {@code [min, max]} (inputs). */
    CLIP("Clip", 1, 2),
    /** Broadcasting {@code a > b}. */
    GREATER("Greater", 2, 0),
    /** Broadcasting {@code c ? a : b}. */
    WHERE("Where", 3, 0),
    /** Soft or hard shrinkage. */
    SHRINK("Shrink", 1, 0, attr("bias", AttributeType.FLOAT), attr("lambd", AttributeType.FLOAT)),
    /** Elementwise minimum of its inputs. */
    MIN2("Min", ONNXAttribute.VARIADIC_INPUT, 0),
    /** Elementwise maximum of its inputs. */
    MAX2("Max", ONNXAttribute.VARIADIC_INPUT, 0),
    /** Elementwise sum of its inputs. */
    SUM("Sum", ONNXAttribute.VARIADIC_INPUT, 0),
    /** Convolution (cross-correlation). */
    CONV("Conv", 2, 1, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS), attr("pads", AttributeType.INTS), attr("dilations", AttributeType.INTS), attr("group", AttributeType.INT)),
    /** Transposed convolution. */
    CONV_TRANSPOSE("ConvTranspose", 2, 1, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS), attr("pads", AttributeType.INTS), attr("output_padding", AttributeType.INTS), attr("dilations", AttributeType.INTS), attr("group", AttributeType.INT)),
    /** Max pooling. */
    MAX_POOL("MaxPool", 1, 0, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS), attr("pads", AttributeType.INTS), attr("ceil_mode", AttributeType.INT)),
    /** Max pooling with a second output, the flat indices of the maxima. */
    MAX_POOL_WITH_INDICES("MaxPool", 1, 0, 2, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS),
            attr("pads", AttributeType.INTS)),
    /** Writes {@code updates} into a copy of {@code data} at {@code indices} along {@code axis}. */
    SCATTER_ELEMENTS("ScatterElements", 3, 0, attr("axis", AttributeType.INT)),
    /** Average pooling. */
    AVERAGE_POOL("AveragePool", 1, 0, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS), attr("pads", AttributeType.INTS), attr("ceil_mode", AttributeType.INT), attr("count_include_pad", AttributeType.INT)),
    /** Local response normalisation across channels. */
    LRN("LRN", 1, 0, attr("alpha", AttributeType.FLOAT), attr("beta", AttributeType.FLOAT), attr("bias", AttributeType.FLOAT), attr("size", AttributeType.INT)),
    /** Padding (constant, reflect or edge). */
    PAD("Pad", 2, 1, attr("mode", AttributeType.STRING)),
    /** Reshape to a given shape. */
    RESHAPE("Reshape", 2, 0),
    /** Broadcast to a given shape. */
    EXPAND("Expand", 2, 0),
    /** Concatenation along {@code axis}. */
    CONCAT("Concat", ONNXAttribute.VARIADIC_INPUT, 0, attr("axis", AttributeType.INT)),
    /** Permutation of the dimensions. */
    TRANSPOSE("Transpose", 1, 0, attr("perm", AttributeType.INTS)),
    /** Strided slice. */
    SLICE("Slice", 3, 2),
    /** Einstein summation. */
    EINSUM("Einsum", ONNXAttribute.VARIADIC_INPUT, 0, attr("equation", AttributeType.STRING)),
    /** Broadcasting {@code a == b}. */
    EQUAL("Equal", 2, 0),
    /** Gathers entries along {@code axis}. */
    GATHER("Gather", 2, 0, attr("axis", AttributeType.INT)),
    /** Element type conversion. */
    CAST("Cast", 1, 0, attr("to", AttributeType.INT)),
    /** Sum along axes (an input since opset 13). */
    REDUCE_SUM("ReduceSum", 1, 1, attr("keepdims", AttributeType.INT)),
    /** Mean along axes. */
    REDUCE_MEAN("ReduceMean", 1, 0, attr("axes", AttributeType.INTS), attr("keepdims", AttributeType.INT)),
    /** Maximum along axes. */
    REDUCE_MAX("ReduceMax", 1, 0, attr("axes", AttributeType.INTS), attr("keepdims", AttributeType.INT)),
    /** Minimum along axes. */
    REDUCE_MIN("ReduceMin", 1, 0, attr("axes", AttributeType.INTS), attr("keepdims", AttributeType.INT));

    private final String name;
    private final int inputs;
    private final int optionalInputs;
    private final int outputs;
    private final Map<String, ONNXAttribute> attributes;

    OnnxOp(String name, int inputs, int optionalInputs, ONNXAttribute... attributes) {
        this(name, inputs, optionalInputs, 1, attributes);
    }

    OnnxOp(String name, int inputs, int optionalInputs, int outputs, ONNXAttribute... attributes) {
        this.name = name;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        this.outputs = outputs;
        Map<String, ONNXAttribute> m = new LinkedHashMap<>();
        for (ONNXAttribute a : attributes) {
            m.put(a.getName(), a);
        }
        this.attributes = Collections.unmodifiableMap(m);
    }

    private static ONNXAttribute attr(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
    }

    @Override
    public String getOpName() {
        return name;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return outputs;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Collections.emptySet();
    }

    @Override
    public int getOpVersion() {
        return OnnxExport.OPSET;
    }

    @Override
    public String getOpDomain() {
        return "ai.onnx";
    }
}
