package io.github.nn4j.layers;

import java.util.List;

import io.github.nn4j.Parameter;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.linalg.Gemm;
import io.github.nn4j.torch7.T7Codec;

/**
 * The cosine similarity of the input to each of {@code outputSize} learnable templates (Torch's
 * {@code nn.Cosine}, {@code Cosine.lua}).
 *
 * <p>{@code y_j = (w_j · x) / (‖w_j‖ ‖x‖)}, {@code w_j} the row {@code j} of the weight, with
 * Torch's guards {@code ‖w_j‖ + 1e−12} and {@code ‖x‖ + 1e−12} wherever a norm appears. Backward:
 * {@code gradInput = Σ_j g_j (w_j / (‖w_j‖ ‖x‖) − y_j x / ‖x‖²)},
 * {@code gradWeight_j += scale · g_j (x / (‖w_j‖ ‖x‖) − y_j w_j / ‖w_j‖²)} (summed over the batch).
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>one sample</th><th>batch</th></tr>
 *   <tr><td>input, gradInput</td><td>{@code [inputSize]}</td><td>{@code [B, inputSize]}</td></tr>
 *   <tr><td>weight, gradWeight</td><td colspan="2">{@code [outputSize, inputSize]}</td></tr>
 *   <tr><td>output</td><td>{@code [outputSize]}</td><td>{@code [B, outputSize]}</td></tr>
 * </table>
 *
 * <p><b>Initialisation</b> ({@link #reset()}): the weight row-major from
 * {@code U(±1/√outputSize)} (Torch divides by {@code weight:size(1)}, the number of templates)
 * from {@link TorchRandom#global()}; {@code reset(stdv)}: {@code U(±stdv·√3)}. Prints
 * {@code nn.Cosine} (Torch has no {@code __tostring__}). The products run through {@link Gemm}.
 *
 * <p><b>Difference from Torch:</b> {@code accGradParameters} multiplies the whole gradient by
 * {@code scale} (Torch ignores {@code scale} for a batch and applies it to the first term only
 * for one sample).
 */
public final class Cosine extends TemplateLayer {

    static final T7Codec<Cosine> T7 = LuaFields.codec("nn.Cosine", Cosine.class, (o, in) -> {
        Tensor w = in.tensor(o, "weight");
        if (w.dim() != 2) {
            throw in.error("nn.Cosine: weight must be 2-D (outputSize x inputSize), got " + w.shapeString());
        }
        return LuaFields.readParameters(new Cosine(w.size(1), w.size(0)), o, in);
    }, LuaFields::writeParameters);

    private static final double EPS = 1e-12;

    private final Tensor weight;
    private final Tensor gradWeight;
    private final Tensor weightNorm;
    private final Tensor inputNorm = Tensor.empty();
    /** {@code [outputSize, inputSize]} scratch (Torch's {@code _weight}). */
    private final Tensor scratchWeight;
    /** {@code [B, outputSize]} scratch (Torch's {@code _gradOutput}). */
    private final Tensor scratchGrad = Tensor.empty();
    /** {@code [B, inputSize]} scratch (the normalised input). */
    private final Tensor scratchInput = Tensor.empty();

    /**
     * A layer of {@code outputSize} templates of {@code inputSize} elements.
     *
     * @param inputSize positive
     * @param outputSize positive
     */
    public Cosine(int inputSize, int outputSize) {
        super("nn.Cosine", inputSize, outputSize);
        weight = Tensor.zeros(outputSize, inputSize);
        gradWeight = Tensor.zeros(outputSize, inputSize);
        weightNorm = Tensor.zeros(outputSize);
        scratchWeight = Tensor.zeros(outputSize, inputSize);
        reset();
    }

    /**
     * The templates, {@code [outputSize, inputSize]} (the module's own tensor).
     *
     * @return the weight
     */
    public Tensor weight() {
        return weight;
    }

    @Override
    public Cosine reset() {
        return fill(1.0 / Math.sqrt(outputSize));
    }

    @Override
    public Cosine reset(double stdv) {
        return fill(stdv * Math.sqrt(3));
    }

    private Cosine fill(double bound) {
        weight.uniform(TorchRandom.global(), -bound, bound);
        return this;
    }

    /** {@code out[r] = ‖row r‖₂ + 1e−12} for the rows of a {@code [rows, cols]} array. */
    private static void rowNorms(double[] a, int rows, int cols, double[] out) {
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = r * cols, e = c + cols; c < e; c++) {
                s += a[c] * a[c];
            }
            out[r] = Math.sqrt(s) + EPS;
        }
    }

    @Override
    public Tensor updateOutput(Tensor input) {
        int batch = resizeOutput(input);
        Buffers.resize1(inputNorm, batch);
        double[] wn = weightNorm.data();
        double[] xn = inputNorm.data();
        rowNorms(weight.data(), outputSize, inputSize, wn);
        rowNorms(input.data(), batch, inputSize, xn);
        Gemm.gemm(false, true, 1.0, input.matrix(), weight.matrix(), 0.0, output.matrix());
        double[] y = output.data();
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < outputSize; j++) {
                y[b * outputSize + j] = y[b * outputSize + j] / wn[j] / xn[b];
            }
        }
        return output;
    }

    private int check(Tensor input, Tensor gradOutput) {
        int batch = batchSize(input);
        if (gradOutput.numel() != batch * outputSize || output.numel() != batch * outputSize) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the output of size " + output.shapeString());
        }
        return batch;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int batch = check(input, gradOutput);
        gradInput.resizeAs(input);
        double[] x = input.data();
        double[] y = output.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double[] wn = weightNorm.data();
        double[] xn = inputNorm.data();
        int n = inputSize;
        int m = outputSize;
        if (input.dim() == 1) {
            // Torch: W' = W / ‖w_j‖ / ‖x‖ − (1/‖x‖²) y xᵀ; gradInput = W'ᵀ g
            double norm = xn[0];
            double[] w = weight.data();
            double[] s = scratchWeight.data();
            double a = -1 / (norm * norm);
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < n; i++) {
                    s[j * n + i] = w[j * n + i] / wn[j] / norm + a * y[j] * x[i];
                }
            }
            Gemm.gemm(false, false, 1.0, gradOutput.matrix(), scratchWeight.matrix(), 0.0, gradInput.matrix());
            return gradInput;
        }
        // Torch: gi = x/‖x‖ · Σ_j g y; gi = −gi + (g / ‖w‖)·W; gi /= ‖x‖
        Buffers.resize2(scratchGrad, batch, m);
        double[] sg = scratchGrad.data();
        for (int b = 0; b < batch; b++) {
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += g[b * m + j] * y[b * m + j];
                sg[b * m + j] = g[b * m + j] / wn[j];
            }
            for (int i = 0; i < n; i++) {
                gi[b * n + i] = x[b * n + i] / xn[b] * sum;
            }
        }
        Gemm.gemm(false, false, 1.0, scratchGrad.matrix(), weight.matrix(), -1.0, gradInput.matrix());
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                gi[b * n + i] = gi[b * n + i] / xn[b];
            }
        }
        return gradInput;
    }

    @Override
    public void accGradParameters(Tensor input, Tensor gradOutput, double scale) {
        int batch = check(input, gradOutput);
        double[] x = input.data();
        double[] y = output.data();
        double[] g = gradOutput.data();
        double[] w = weight.data();
        double[] gw = gradWeight.data();
        double[] wn = weightNorm.data();
        double[] xn = inputNorm.data();
        int n = inputSize;
        int m = outputSize;
        if (input.dim() == 1) {
            // Torch: gW += (scale/‖x‖)(g/‖w‖) xᵀ, then gW −= W · (g y / ‖w‖²) per row
            double norm = xn[0];
            for (int j = 0; j < m; j++) {
                double q = g[j] / wn[j];
                double a = scale / norm * q;
                double r = q / wn[j] * y[j];
                for (int i = 0; i < n; i++) {
                    gw[j * n + i] += a * x[i];
                    gw[j * n + i] += -scale * (w[j * n + i] * r);
                }
            }
            return;
        }
        // Torch: W' = W · (Σ_b g y / ‖w‖); W' = −W' + gᵀ (x / ‖x‖); W' /= ‖w‖; gW += W'
        Buffers.resize2(scratchInput, batch, n);
        double[] sx = scratchInput.data();
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                sx[b * n + i] = x[b * n + i] / xn[b];
            }
        }
        double[] s = scratchWeight.data();
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                sum += g[b * m + j] * y[b * m + j];
            }
            double grad = sum / wn[j];
            for (int i = 0; i < n; i++) {
                s[j * n + i] = w[j * n + i] * grad;
            }
        }
        Gemm.gemm(true, false, 1.0, gradOutput.matrix(), scratchInput.matrix(), -1.0, scratchWeight.matrix());
        for (int p = 0; p < m * n; p++) {
            gw[p] += scale * (s[p] / wn[p / n]);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(new Parameter("weight", weight, gradWeight));
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public Cosine training() {
        super.training();
        return this;
    }

    @Override
    public Cosine evaluate() {
        super.evaluate();
        return this;
    }
}
