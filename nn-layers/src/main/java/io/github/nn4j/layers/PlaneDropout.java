package io.github.nn4j.layers;

import java.util.Arrays;
import java.util.Locale;

import io.github.nn4j.Module;
import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;
import io.github.nn4j.torch7.T7Bridge;
import io.github.nn4j.torch7.T7Object;
import io.github.nn4j.torch7.T7Table;

/**
 * The common part of {@link SpatialDropout} and {@link VolumetricDropout} (package-private): one
 * Bernoulli draw per (sample, plane), the plane being the last {@code spatialDims} dimensions.
 * See the public classes for the formulas.
 */
abstract class PlaneDropout extends Module<Tensor, Tensor> {

    private final int spatialDims;
    private double p;
    private final boolean stochasticInference;
    /** The mask of the last draw, {@code [B, C, 1, …]} or {@code [C, 1, …]} as Torch shapes it. */
    private final Tensor noise = Tensor.empty();
    private int[] noiseSize = new int[0];

    PlaneDropout(double p, boolean stochasticInference, int spatialDims) {
        super(Tensor.empty(), Tensor.empty());
        this.spatialDims = spatialDims;
        this.p = checkP(p);
        this.stochasticInference = stochasticInference;
    }

    /**
     * The probability of zeroing a plane.
     *
     * @return p
     */
    public final double p() {
        return p;
    }

    /**
     * Changes the probability (Torch's {@code setp}).
     *
     * @param p the probability of zeroing a plane, in {@code [0, 1]}
     * @return this
     * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]} or NaN
     */
    public PlaneDropout setp(double p) {
        this.p = checkP(p);
        return this;
    }

    /**
     * Whether masks are drawn in evaluation mode too (Torch's {@code stochastic_inference}).
     *
     * @return the flag
     */
    public final boolean isStochasticInference() {
        return stochasticInference;
    }

    /**
     * The mask of the last draw: one 0 or 1 per (sample, plane), shaped {@code [B, C, 1, …]} (or
     * {@code [C, 1, …]}) as Torch's {@code noise}.
     *
     * @return the buffer (not a copy)
     */
    public final Tensor noise() {
        return noise;
    }

    /** Training (or stochastic inference): {@code y = x ⊙ mask}; evaluation: {@code y = (1 − p)·x}. */
    @Override
    public Tensor updateOutput(Tensor input) {
        int planes = planes(input);
        output.resizeAs(input).copy(input);
        int n = input.numel();
        double[] y = output.data();
        if (train || stochasticInference) {
            drawNoise(input, planes);
            double[] m = noise.data();
            int area = n / planes;
            for (int c = 0, i = 0; c < planes; c++) {
                double keep = m[c];
                for (int end = i + area; i < end; i++) {
                    y[i] *= keep;
                }
            }
        } else {
            double keep = 1 - p;
            for (int i = 0; i < n; i++) {
                y[i] *= keep;
            }
        }
        return output;
    }

    /**
     * {@code gradInput = gradOutput ⊙ mask} after a masked forward (training, or stochastic
     * inference); {@code (1 − p)·gradOutput} after an evaluation forward (where Torch raises
     * "backprop only defined while training").
     */
    @Override
    public Tensor updateGradInput(Tensor input, Tensor gradOutput) {
        int planes = planes(input);
        Buffers.checkSameNumel(this, input, gradOutput);
        gradInput.resizeAs(input).copy(gradOutput);
        int n = input.numel();
        double[] gi = gradInput.data();
        if (train || stochasticInference) {
            if (noise.numel() != planes) {
                throw new IllegalStateException(this + ": backward needs the forward of the same input first");
            }
            double[] m = noise.data();
            int area = n / planes;
            for (int c = 0, i = 0; c < planes; c++) {
                double keep = m[c];
                for (int end = i + area; i < end; i++) {
                    gi[i] *= keep;
                }
            }
        } else {
            double keep = 1 - p;
            for (int i = 0; i < n; i++) {
                gi[i] *= keep;
            }
        }
        return gradInput;
    }

    @Override
    public PlaneDropout clearState() {
        super.clearState();
        noise.set(Tensor.empty());
        noiseSize = new int[0];
        return this;
    }

    /** {@code nn.SpatialDropout(0.500000)} ({@code %f} of p). */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(%f)", torchTypeName(), p);
    }

    /** The number of (sample, plane) pairs, or an error for a wrong dimensionality. */
    private int planes(Tensor input) {
        int d = input.dim();
        if ((d != spatialDims + 1 && d != spatialDims + 2) || input.numel() == 0) {
            String dims = spatialDims == 2 ? "H, W" : "T, H, W";
            throw shapeError("[C, " + dims + "] or [B, C, " + dims + "]", input);
        }
        return d == spatialDims + 2 ? input.size(0) * input.size(1) : input.size(0);
    }

    private void drawNoise(Tensor input, int planes) {
        int d = input.dim();
        int[] s = noiseSize;
        boolean batch = d == spatialDims + 2;
        if (s.length != d || s[0] != input.size(0) || (batch && s[1] != input.size(1))) {
            s = new int[d];
            Arrays.fill(s, 1);
            s[0] = input.size(0);
            if (batch) {
                s[1] = input.size(1);
            }
            noiseSize = s;
        }
        noise.resize(s);
        double[] m = noise.data();
        double keep = 1 - p;
        TorchRandom.global().bernoulli(keep, m, 0, planes);
    }

    private double checkP(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(torchTypeName() + ": illegal dropout probability " + p
                    + ", must be 0 <= p <= 1");
        }
        return p;
    }

    /** Writes Torch's fields {@code p}, {@code stochastic_inference}, {@code noise}. */
    static void write(PlaneDropout m, T7Table f, T7Bridge.Writing out) {
        f.put("p", m.p());
        f.put("stochastic_inference", m.isStochasticInference());
        f.put("noise", out.tensor(m.noise()));
    }

    /** Lua's {@code p or 0.5}. */
    static double readP(T7Object o) {
        return o.getNumber("p", 0.5);
    }
}
