package io.github.nn4j.layers;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.torch7.T7Codec;

/**
 * A total-variation regulariser as a layer (fast-neural-style's {@code nn.TotalVariation},
 * jcjohnson/fast-neural-style {@code fast_neural_style/TotalVariation.lua}, commit
 * {@code 813c8344}, after kaishengtai/neuralart): the forward passes its input through (the
 * output <em>is</em> a view of the input), and the backward adds the gradient of the
 * total-variation loss, weighted by {@code strength}, to gradOutput:
 * <pre>
 *   TV(x)     = ½ Σ_{n,c} Σ_{i &lt; H−1, j &lt; W−1} (dx[i,j]² + dy[i,j]²),
 *               dx[i,j] = x[i,j] − x[i,j+1],  dy[i,j] = x[i,j] − x[i+1,j]
 *   gradInput = gradOutput + strength · ∂TV/∂x
 * </pre>
 * (both differences are taken on the top-left {@code (H−1) × (W−1)} block of each plane, as the
 * Lua code does). So the backward is by design not the derivative of the forward: it is that of
 * {@code <y, gradOutput> + strength · TV(x)}, which puts the smoothness loss into training
 * without a criterion.
 *
 * <table class="striped">
 *   <caption>Shapes</caption>
 *   <tr><th>tensor</th><th>batch</th><th>one sample</th></tr>
 *   <tr><td>input, output, gradOutput, gradInput</td><td>{@code [N, C, H, W]}</td><td>{@code [C, H, W]}</td></tr>
 * </table>
 *
 * <p>The element sums run in the Lua code's order (both differences added, then the shifted ones
 * subtracted, then the scale and gradOutput), so the result is Torch's to the last bit. Prints
 * {@code nn.TotalVariation}. The {@code .t7} fields are {@code strength} and the empty buffers
 * {@code x_diff}, {@code y_diff}. <b>Differences from the Lua class:</b> any number of planes and
 * a {@code [C, H, W]} sample are accepted (the Lua code needs {@code [N, 3, H, W]}).
 */
public class TotalVariation extends Module<Tensor, Tensor> {

    /** Fields {@code strength}, {@code x_diff}, {@code y_diff}. */
    static final T7Codec<TotalVariation> T7 = LuaFields.codec("nn.TotalVariation", TotalVariation.class,
            (o, in) -> new TotalVariation(o.getNumber("strength")), (m, f, out) -> {
                f.put("strength", m.strength);
                f.put("x_diff", out.tensor(Tensor.empty()));
                f.put("y_diff", out.tensor(Tensor.empty()));
            });

    private final double strength;

    /**
     * A total-variation layer.
     *
     * @param strength the weight of the TV loss, finite
     */
    public TotalVariation(double strength) {
        super(Tensor.empty(), Tensor.empty());
        if (!Double.isFinite(strength)) {
            throw new IllegalArgumentException("nn.TotalVariation: strength must be finite, got " + strength);
        }
        this.strength = strength;
    }

    /**
     * The weight of the TV loss.
     *
     * @return {@code strength}
     */
    public double strength() {
        return strength;
    }

    /** Makes {@code output} a view of {@code input} (no copy). */
    @Override
    public Tensor updateOutput(Tensor input) {
        if (!Spatial.isSpatial(input)) {
            throw shapeError(Spatial.expected(""), input);
        }
        output.set(input);
        return output;
    }

    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        if (!Spatial.isSpatial(input)) {
            throw shapeError(Spatial.expected(""), input);
        }
        if (!gradOutput.sameSizeAs(input)) {
            throw new IllegalArgumentException(this + ": gradOutput of size " + gradOutput.shapeString()
                    + " does not match the input of size " + input.shapeString());
        }
        Spatial.resizeAs(gradInput, input);
        int h = Spatial.height(input);
        int w = Spatial.width(input);
        int planes = Spatial.planes(input);
        double[] x = input.data();
        double[] g = gradOutput.data();
        double[] gi = gradInput.data();
        double s = strength;
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            for (int i = 0; i < h; i++) {
                int row = base + i * w;
                for (int j = 0; j < w; j++) {
                    int k = row + j;
                    double v = 0;
                    if (i < h - 1 && j < w - 1) {
                        v = (v + (x[k] - x[k + 1])) + (x[k] - x[k + w]);
                    }
                    if (i < h - 1 && j > 0) {
                        v -= x[k - 1] - x[k];
                    }
                    if (i > 0 && j < w - 1) {
                        v -= x[k - w] - x[k];
                    }
                    gi[k] = v * s + g[k];
                }
            }
        }
        return gradInput;
    }

    @Override
    public String toString() {
        return "nn.TotalVariation";
    }

    // Self-typed modes and resets (checked for every module by SelfTypedModulesTest).

    @Override
    public TotalVariation training() {
        super.training();
        return this;
    }

    @Override
    public TotalVariation evaluate() {
        super.evaluate();
        return this;
    }

    @Override
    public TotalVariation reset() {
        super.reset();
        return this;
    }

    @Override
    public TotalVariation reset(double stdv) {
        super.reset(stdv);
        return this;
    }
}
