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
    IDENTITY("Identity", 1),
    /** Elementwise {@code max(0, x)}. */
    RELU("Relu", 1),
    /** Elementwise {@code tanh}. */
    TANH("Tanh", 1),
    /** Elementwise {@code 1 / (1 + e^−x)}. */
    SIGMOID("Sigmoid", 1),
    /** Softmax along {@code axis}. */
    SOFTMAX("Softmax", 1, attr("axis", AttributeType.INT)),
    /** Log-softmax along {@code axis}. */
    LOG_SOFTMAX("LogSoftmax", 1, attr("axis", AttributeType.INT)),
    /** Numpy-style matrix product. */
    MATMUL("MatMul", 2),
    /** Broadcasting sum. */
    ADD("Add", 2),
    /** Broadcasting product. */
    MUL("Mul", 2);

    private final String name;
    private final int inputs;
    private final Map<String, ONNXAttribute> attributes;

    OnnxOp(String name, int inputs, ONNXAttribute... attributes) {
        this.name = name;
        this.inputs = inputs;
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
        return 0;
    }

    @Override
    public int getNumOutputs() {
        return 1;
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
