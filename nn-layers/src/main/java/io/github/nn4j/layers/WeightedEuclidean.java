package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Module;
import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Codec;

/**
 * The Euclidean distance of the input to each of {@code outputSize} learnable templates, each with
 * a learnable diagonal scaling (Torch's {@code nn.WeightedEuclidean}, {@code WeightedEuclidean.lua}).
 *
 * <p>{@code y_j = ‖c_j ⊙ (x − w_j)‖₂}, {@code w_j} and {@code c_j} the columns {@code j} of the
 * weight and of {@code diagCov}. Backward, as Torch, with {@code q_j = g_j / (y_j + 1e−7)}:
 * {@code gradInput_i = Σ_j q_j c_ij² (x_i − w_ij)},
 * {@code gradWeight_ij −= scale · Σ_b q_j c_ij² (x_i − w_ij)} and
 * {@code gradDiagCov_ij += scale · Σ_b q_j c_ij (x_i − w_ij)²}: the {@code 1e−7} keeps a zero
 * distance from dividing by zero, so the gradients are not exactly the derivative (relative error
 * about {@code 1e−7 / y}); nn4j keeps it to give Torch's numbers.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input, gradInput</td><td>{@code [inputSize]}</td><td>{@code [B, inputSize]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [inputSize, outputSize]} (templates are columns)</td></tr>
 *   <tr><td>diagCov, gradDiagCov</td><td colspan="2">{@code [inputSize, outputSize]}</td></tr>
 *   <tr><td>output</td><td>{@code [outputSize]}</td><td>{@code [B, outputSize]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b> ({@link #reset()}): the weight row-major from
 * {@code U(±1/√inputSize)} of {@link TorchRandom#global()}, as Torch; {@code reset(stdv)}:
 * {@code U(±stdv·√3)}; {@code diagCov} is set to ones (no draw). Parameters: weight, then
 * diagCov (Torch's {@code parameters()}). Prints {@code nn.WeightedEuclidean} (Torch has no
 * {@code __tostring__}). The scaled differences of the last forward are kept
 * ({@code [B, inputSize, outputSize]}).
 *
 * <p><b>Differences from Torch:</b> {@code accGradParameters} scales {@code gradDiagCov} by
 * {@code scale} for a 1-D input too (Torch adds it unscaled there), and leaves its forward buffers
 * intact (Torch's overwrites them, so a second call differs); {@link #share} with {@code "weight"}
 * (or {@code "gradWeight"}) also shares {@code diagCov} (or {@code gradDiagCov}), so that the
 * usual {@code share(other, "weight", "bias")} shares every parameter.
 */
public final class WeightedEuclidean extends TemplateLayer {

    static final T7Codec<WeightedEuclidean> T7 = LuaFields.codec("nn.WeightedEuclidean", WeightedEuclidean.class, (o, in) -> {
        Tensor w = in.tensor(o, "weight");
        if (w.dim() != 2) {
            throw in.error("nn.WeightedEuclidean: weight must be 2-D (inputSize x outputSize), got " + w.shapeString());
        }
        return LuaFields.readParameters(new WeightedEuclidean(w.size(0), w.size(1)), o, in);
    }, LuaFields::writeParameters);

    /** Torch's guard against a zero distance in the backward. */
    static final double EPS = 1e-7;

    private final Tensor weight;
    private final Tensor gradWeight;
    private final Tensor diagCov;
    private final Tensor gradDiagCov;
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
    public WeightedEuclidean(int inputSize, int outputSize) {
        super("nn.WeightedEuclidean", inputSize, outputSize);
        weight = Tensor.zeros(inputSize, outputSize);
        gradWeight = Tensor.zeros(inputSize, outputSize);
        diagCov = Tensor.zeros(inputSize, outputSize);
        gradDiagCov = Tensor.zeros(inputSize, outputSize);
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

    /**
     * The diagonal scalings, {@code [inputSize, outputSize]} (the module's own tensor).
     *
     * @return diagCov
     */
    public Tensor diagCov() {
        return diagCov;
    }

    @Override
    public WeightedEuclidean reset() {
        return fill(1.0 / Math.sqrt(inputSize));
    }

    @Override
    public WeightedEuclidean reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private WeightedEuclidean fill(double bound) {
        weight.uniform(TorchRandom.global(), -bound, bound);
        diagCov.fill(1.0);
        return this;
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int batch = resizeOutput(input);
        Buffers.resize1(diff, batch * inputSize * outputSize);
        double[] x = input.data();
        double[] w = weight.data();
        double[] c = diagCov.data();
        double[] r = diff.data();
        double[] y = output.data();
        int m = outputSize;
        for (int b = 0; b < batch; b++) {
            int base = b * inputSize * m;
            for (int i = 0; i < inputSize; i++) {
                double xi = x[b * inputSize + i];
                for (int j = 0; j < m; j++) {
                    r[base + i * m + j] = (xi - w[i * m + j]) * c[i * m + j];
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
        double[] c = diagCov.data();
        double[] r = diff.data();
        double[] d = div.data();
        int m = outputSize;
        for (int b = 0; b < batch; b++) {
            int base = b * inputSize * m;
            for (int i = 0; i < inputSize; i++) {
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += r[base + i * m + j] * d[b * m + j] * c[i * m + j];
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
        double[] gc = gradDiagCov.data();
        double[] c = diagCov.data();
        double[] r = diff.data();
        double[] d = div.data();
        int m = outputSize;
        for (int i = 0; i < inputSize; i++) {
            for (int j = 0; j < m; j++) {
                int p = i * m + j;
                double cp = c[p];
                double sw = 0;
                double sc = 0;
                for (int b = 0; b < batch; b++) {
                    double rv = r[b * inputSize * m + p];
                    double q = d[b * m + j];
                    sw += rv * q * cp;
                    double t = rv / cp;
                    sc += t * t * cp * q;
                }
                gw[p] += -scale * sw;
                gc[p] += scale * sc;
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight), new Parameter("diagCov", diagCov, gradDiagCov));
    }

    /** Torch's {@code share}, where {@code diagCov} travels with {@code weight} and {@code gradDiagCov} with {@code gradWeight}. */
    @Override
    public WeightedEuclidean share(Module<?, ?> other, String... names) {
        super.share(other, names);
        WeightedEuclidean o = (WeightedEuclidean) other;
        for (String n : names) {
            if (n.equals("weight")) {
                diagCov.set(o.diagCov);
            } else if (n.equals("gradWeight")) {
                gradDiagCov.set(o.gradDiagCov);
            }
        }
        return this;
    }

    @Override
    public WeightedEuclidean clearState() {
        super.clearState();
        diff.resize(0);
        div.resize(0);
        return this;
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public WeightedEuclidean training() {
        super.training();
        return this;
    }

    @Override
    public WeightedEuclidean evaluate() {
        super.evaluate();
        return this;
    }
}
