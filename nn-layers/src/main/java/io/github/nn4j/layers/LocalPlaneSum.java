package io.github.nn4j.layers;

import io.github.nn4j.Tensor;
import io.github.nn4j.TorchRandom;

/**
 * The estimator inside Torch's {@code SpatialSubtractiveNormalization} and
 * {@code SpatialDivisiveNormalization} (package-private): zero padding by half the kernel, a
 * convolution of every plane with the same kernel summed over the planes (Torch's
 * {@code SpatialConvolution(nInputPlane, 1, kW, kH)}, or for a 1-D kernel a
 * {@code SpatialConvolutionMap} across then a {@code SpatialConvolution} down, i.e. the separable
 * kernel {@code k ⊗ k}), and its transpose for the backward.
 *
 * <p>Because every plane has the same kernel, the planes are summed first and convolved once:
 * {@code S[h, w] = Σ_{kh, kw} K[kh, kw] · Σ_i x_i[h + kh − padH, w + kw − padW]} (cross-correlation,
 * as Torch's convolutions; positions outside the image count as 0).
 */
final class LocalPlaneSum {

    final int nInputPlane;
    /** The kernel as the module keeps it (normalised), 1-D or 2-D. */
    final Tensor kernel;
    /** The effective 2-D kernel, row-major {@code [kH, kW]}. */
    private final double[] k2;
    final int kH;
    final int kW;
    private final int padH;
    private final int padW;

    /**
     * @param nInputPlane the number of planes
     * @param kernel the normalised kernel (kept, not copied)
     */
    LocalPlaneSum(int nInputPlane, Tensor kernel) {
        this.nInputPlane = nInputPlane;
        this.kernel = kernel;
        double[] k = kernel.data();
        if (kernel.dim() == 2) {
            kH = kernel.size(0);
            kW = kernel.size(1);
            k2 = java.util.Arrays.copyOf(k, kH * kW);
        } else {
            kH = kernel.size(0);
            kW = kH;
            k2 = new double[kH * kW];
            for (int a = 0; a < kH; a++) {
                for (int b = 0; b < kW; b++) {
                    k2[a * kW + b] = k[a] * k[b];
                }
            }
        }
        padH = kH / 2;
        padW = kernel.dim() == 2 ? kW / 2 : padH;
    }

    /**
     * Checks a module's kernel argument and returns a normalised copy: {@code k / (Σk · divisor)}.
     *
     * @param name the module, for errors
     * @param kernel the caller's kernel (not modified)
     * @param divisor the factor of the sum
     * @return the normalised copy
     */
    static Tensor normalised(String name, Tensor kernel, double divisor) {
        check(name, kernel);
        Tensor k = kernel.deepCopy();
        double[] d = k.data();
        int n = k.numel();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += d[i];
        }
        if (sum == 0 || !Double.isFinite(sum)) {
            throw new IllegalArgumentException(name + ": the kernel must have a finite, non-zero sum, got " + sum);
        }
        double by = sum * divisor;
        for (int i = 0; i < n; i++) {
            d[i] = d[i] / by;
        }
        return k;
    }

    /**
     * Checks a kernel: 1-D or 2-D, odd sizes.
     *
     * @param name the module, for errors
     * @param kernel the kernel
     */
    static void check(String name, Tensor kernel) {
        if (kernel == null) {
            throw new IllegalArgumentException(name + ": the kernel is null");
        }
        int d = kernel.dim();
        if (d != 1 && d != 2) {
            throw new IllegalArgumentException(name + ": averaging kernel must be 2D or 1D, got size "
                    + kernel.shapeString());
        }
        if (kernel.size(0) % 2 == 0 || (d == 2 && kernel.size(1) % 2 == 0)) {
            throw new IllegalArgumentException(name + ": averaging kernel must have ODD dimensions, got size "
                    + kernel.shapeString());
        }
    }

    /**
     * Draws from {@link TorchRandom#global()} as many numbers as Torch's constructor does: its
     * convolutions run their {@code reset()} (values that are then overwritten by the kernel), so
     * that the modules built after this one get Torch's weights for the same seed.
     *
     * @param nInputPlane the number of planes
     * @param kernel the kernel (1-D or 2-D)
     * @param estimators how many estimators the module builds (1: subtractive, 2: divisive)
     */
    static void drawAsTorch(int nInputPlane, Tensor kernel, int estimators) {
        long n = nInputPlane;
        long k = kernel.size(0);
        // 2-D: SpatialConvolution(n, 1, kW, kH): weight n·kH·kW, bias 1;
        // 1-D: SpatialConvolutionMap(oneToOne(n), k, 1): weight n·k, bias n; SpatialConvolution(n, 1, 1, k)
        long draws = kernel.dim() == 2 ? n * k * kernel.size(1) + 1 : (n * k + n) + (n * k + 1);
        TorchRandom rng = TorchRandom.global();
        for (int e = 0; e < estimators; e++) {
            for (long i = 0; i < draws; i++) {
                rng.uniform(-1, 1);
            }
        }
    }

    /** The default kernel of the three modules: 9 × 9 ones. */
    static Tensor defaultKernel() {
        return Tensor.filled(1.0, 9, 9);
    }

    /**
     * The per-sample layout of an input, or an error naming the module and both shapes.
     *
     * @param input the input
     * @param nInputPlane the number of planes expected
     * @param out three ints, overwritten
     * @param module the module, for the message
     * @return {@code {batch, height, width}}
     */
    static int[] layout(Tensor input, int nInputPlane, int[] out, Object module) {
        int d = input.dim();
        int planeDim = d == 4 ? 1 : 0;
        if ((d != 3 && d != 4) || input.size(planeDim) != nInputPlane || input.numel() == 0) {
            throw new IllegalArgumentException(module + ": expected input of size [" + nInputPlane
                    + ", H, W] or [N, " + nInputPlane + ", H, W], got " + input.shapeString());
        }
        out[0] = d == 4 ? input.size(0) : 1;
        out[1] = input.size(d - 2);
        out[2] = input.size(d - 1);
        return out;
    }

    /**
     * {@code out[h, w] = Σ K · Σ_i x_i} around {@code (h, w)}, for one sample.
     *
     * @param x the input's data
     * @param xOff where the sample starts
     * @param h the height
     * @param w the width
     * @param planeSum a buffer of {@code h·w}, overwritten
     * @param out the result, {@code h·w} from {@code outOff}
     * @param outOff where the result starts
     */
    void forward(double[] x, int xOff, int h, int w, double[] planeSum, double[] out, int outOff) {
        int hw = h * w;
        System.arraycopy(x, xOff, planeSum, 0, hw);
        for (int i = 1; i < nInputPlane; i++) {
            int off = xOff + i * hw;
            for (int p = 0; p < hw; p++) {
                planeSum[p] += x[off + p];
            }
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double s = 0;
                for (int a = 0; a < kH; a++) {
                    int y = r + a - padH;
                    if (y < 0 || y >= h) {
                        continue;
                    }
                    int row = y * w;
                    int krow = a * kW;
                    for (int b = 0; b < kW; b++) {
                        int xx = c + b - padW;
                        if (xx >= 0 && xx < w) {
                            s += k2[krow + b] * planeSum[row + xx];
                        }
                    }
                }
                out[outOff + r * w + c] = s;
            }
        }
    }

    /**
     * The coefficients Torch computes by running the estimator on ones: {@code forward} of an
     * all-ones sample.
     *
     * @param h the height
     * @param w the width
     * @param out {@code h·w}, overwritten
     */
    void coefficients(int h, int w, double[] out) {
        int hw = h * w;
        double[] planeSum = new double[hw];
        java.util.Arrays.fill(planeSum, nInputPlane);
        double[] ones = new double[hw * nInputPlane];
        java.util.Arrays.fill(ones, 1.0);
        forward(ones, 0, h, w, planeSum, out, 0);
    }

    /**
     * The transpose of the convolution: {@code out[y, x] = Σ K[a, b] · g[y − a + padH, x − b + padW]},
     * the gradient that reaches each input plane (the same for every plane).
     *
     * @param g the gradient of the plane sum, {@code h·w}
     * @param h the height
     * @param w the width
     * @param out {@code h·w}, overwritten
     */
    void backward(double[] g, int h, int w, double[] out) {
        java.util.Arrays.fill(out, 0, h * w, 0.0);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double gv = g[r * w + c];
                for (int a = 0; a < kH; a++) {
                    int y = r + a - padH;
                    if (y < 0 || y >= h) {
                        continue;
                    }
                    int row = y * w;
                    int krow = a * kW;
                    for (int b = 0; b < kW; b++) {
                        int xx = c + b - padW;
                        if (xx >= 0 && xx < w) {
                            out[row + xx] += k2[krow + b] * gv;
                        }
                    }
                }
            }
        }
    }

    /** An array of at least {@code n} elements: {@code a} itself when it is long enough. */
    static double[] atLeast(double[] a, int n) {
        return a.length >= n ? a : new double[n];
    }
}
