package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;

/**
 * The Euclidean distance of the input to each of {@code outputSize} learnable templates (Torch's
 * {@code nn.Euclidean}, {@code Euclidean.lua}).
 *
 * <p>{@code y_j = ‖x − w_j‖₂}, {@code w_j} the column {@code j} of the weight. Backward, as Torch:
 * {@code gradInput_i = Σ_j g_j (x_i − w_ij) / (y_j + 1e−7)} and
 * {@code gradWeight_ij −= scale · Σ_b g_j (x_i − w_ij) / (y_j + 1e−7)}: the {@code 1e−7} keeps a
 * zero distance from dividing by zero, so the gradients are not exactly the derivative (relative
 * error about {@code 1e−7 / y}); nn4j keeps it to give Torch's numbers.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input, gradInput</td><td>{@code [inputSize]}</td><td>{@code [B, inputSize]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [inputSize, outputSize]} (templates are columns)</td></tr>
 *   <tr><td>output</td><td>{@code [outputSize]}</td><td>{@code [B, outputSize]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b> ({@link #reset()}): the weight row-major from
 * {@code U(±1/√inputSize)} of {@link TorchRandom#global()}, as Torch; {@code reset(stdv)}:
 * {@code U(±stdv·√3)}. Prints {@code nn.Euclidean} (Torch has no {@code __tostring__}). The
 * differences {@code x − w_j} of the last forward are kept ({@code [B, inputSize, outputSize]}).
 */
public final class Euclidean extends TemplateLayer {

    static final T7Codec<Euclidean> T7 = LuaFields.codec("nn.Euclidean", Euclidean.class, (o, in) -> {
        Tensor w = in.tensor(o, "weight");
        if (w.dim() != 2) {
            throw in.error("nn.Euclidean: weight must be 2-D (inputSize x outputSize), got " + w.shapeString());
        }
        return LuaFields.readParameters(new Euclidean(w.size(0), w.size(1)), o, in);
    }, (m, f, out) -> {
        LuaFields.writeParameters(m, f, out);
        f.put("fastBackward", true);
    });

    /** Torch's guard against a zero distance in the backward. */
    static final double EPS = 1e-7;

    private final Tensor weight;
    private final Tensor gradWeight;
    /** {@code x_bi − w_ij}, {@code [B·inputSize·outputSize]}. */
    private final Tensor diff = Tensor.empty();
    /** {@code g_bj / (y_bj + 1e−7)}. */
    private final Tensor div = Tensor.empty();

    /**
     * A layer of {@code outputSize} templates of {@code inputSize} elements.
     *
     * @param inputSize positive
     * @param outputSize positive
     */
    public Euclidean(int inputSize, int outputSize) {
        super("nn.Euclidean", inputSize, outputSize);
        weight = Tensor.zeros(inputSize, outputSize);
        gradWeight = Tensor.zeros(inputSize, outputSize);
        reset();
    }

    /**
     * The templates, {@code [inputSize, outputSize]} (the module's own tensor).
     *
     * @return the weight
     */
    public Tensor weight() {
        return weight;
    }

    @Override
    public Euclidean reset() {
        return fill(1.0 / Math.sqrt(inputSize));
    }

    @Override
    public Euclidean reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private Euclidean fill(double bound) {
        weight.uniform(TorchRandom.global(), -bound, bound);
        return this;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int batch = resizeOutput(input);
        Buffers.resize1(diff, batch * inputSize * outputSize);
        double[] x = input.data();
        double[] w = weight.data();
        double[] r = diff.data();
        double[] y = output.data();
        int m = outputSize;
        for (int b = 0; b < batch; b++) {
            int base = b * inputSize * m;
            for (int i = 0; i < inputSize; i++) {
                double xi = x[b * inputSize + i];
                for (int j = 0; j < m; j++) {
                    r[base + i * m + j] = xi - w[i * m + j];
                }
            }
            distances(r, base, y, b * m, inputSize, m);
        }
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int batch = divideByDistance(input, gradOutput, div, EPS);
        gradInput.resizeAs(input);
        double[] gi = gradInput.data();
        double[] r = diff.data();
        double[] d = div.data();
        int m = outputSize;
        for (int b = 0; b < batch; b++) {
            int base = b * inputSize * m;
            for (int i = 0; i < inputSize; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += r[base + i * m + j] * d[b * m + j];
                }
                gi[b * inputSize + i] = s;
            }
        }
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        int batch = divideByDistance(input, gradOutput, div, EPS);
        double[] gw = gradWeight.data();
        double[] r = diff.data();
        double[] d = div.data();
        int m = outputSize;
        for (int i = 0; i < inputSize; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int b = 0; b < batch; b++) {
                    s += r[b * inputSize * m + i * m + j] * d[b * m + j];
                }
                gw[i * m + j] += -scale * s;
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight));
    }

    @Override
    public Euclidean clearState() {
        super.clearState();
        diff.resize(0);
        div.resize(0);
        return this;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Euclidean training() {
        super.training();
        return this;
    }

    @Override
    public Euclidean evaluate() {
        super.evaluate();
        return this;
    }
}
